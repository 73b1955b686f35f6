from django.tasks import task


@task()
def apply_retention() -> int:
    """Nightly: destroy or archive records past retention (not held); returns the run's id."""
    from .services import apply_retention as run

    return run(trigger="task").pk

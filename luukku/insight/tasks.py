from django.tasks import task


@task()
def load_warehouse(full: bool = False) -> int:
    """Scheduled (e.g. every 15 minutes): load the new events into the warehouse and rebuild the marts."""
    from .warehouse import load

    return load(full=full).events

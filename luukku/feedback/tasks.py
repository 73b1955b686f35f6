from django.tasks import task


@task()
def send_invitation(kind: str, source_id: str) -> str:
    """Invite to the survey once the service event has ended (re-checked: a cancelled booking sends
    nothing)."""
    from .services import invite_after

    return "sent" if invite_after(kind, source_id) else "skipped"


@task()
def escalate_complaints() -> int:
    """Daily: formal complaints without a decision at three weeks go to the unit above."""
    from .services import escalate_overdue

    return escalate_overdue()


@task()
def monthly_summary(year: int | None = None, month: int | None = None) -> int:
    """Monthly: each unit manager gets the previous month's figures of their units by e-mail."""
    from .reports import mail_monthly_summaries

    return mail_monthly_summaries(year, month)

"""Records' test factories: client records of the inbox and payments (whatever app: records only sees
them through the registry), the records officer, and holds."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from luukku.identity.models import Resident
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.inbox.models import Thread
from luukku.payments.models import Invoice
from luukku.records.demo import OFFICER, seed_officer

_numbers = itertools.count(1)


def officer():
    seed_officer()  # idempotent; it is in the shared county already
    return get_user_model().objects.get(username=OFFICER)


def resident(key: str = "lempi") -> Resident:
    return resident_from_register(BY_KEY[key].hetu)


def at_local(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def thread(last: dt.datetime, category: str = "health", person: Resident | None = None) -> Thread:
    """An inbox thread whose last message was at `last` (health: class 06.01.06, social: 05.01.02)."""
    n = next(_numbers)
    return Thread.objects.create(
        person=person or resident(),
        key=f"records-test:{n}",
        subject="Testiviesti",
        category=category,
        created_at=last,
        last_message_at=last,
    )


def invoice(due: dt.date, status: str = Invoice.Status.PAID, person: Resident | None = None) -> Invoice:
    n = next(_numbers)
    return Invoice.objects.create(
        person=person or resident(),
        source=f"records-test:{n}",
        description="Käyntimaksu",
        amount_cents=2290,
        reference=f"9{n:08d}",
        rf_reference=f"RF99{n:08d}",
        due_date=due,
        status=status,
    )

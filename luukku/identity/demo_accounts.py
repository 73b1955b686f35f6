"""Demo accounts: refused outright when LUUKKU_DEMO is off, whatever the database holds.

A database once seeded for the demo (or a copy of one) keeps its demo professionals with their
published password and the residents signed in through the test-persona page. The demo seeders and
the test-persona sign-in put those accounts in the group DEMO_GROUP; outside the demo an account in
that group, a resident with a test persona's code, or the published demo password never signs in,
and a session such an account already holds stops working at its next request (the backends ask
`refused()` through `user_can_authenticate`).
"""

import hmac

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, Group

DEMO_GROUP = "luukku-demo-accounts"


def mark(user: AbstractBaseUser) -> None:
    """Mark an account as made for the demo (idempotent)."""
    group, _created = Group.objects.get_or_create(name=DEMO_GROUP)
    user.groups.add(group)


def is_demo_account(user: AbstractBaseUser) -> bool:
    from .personas import PERSONAS  # personas imports the sign-in services, which import this module

    if user.groups.filter(name=DEMO_GROUP).exists():
        return True
    resident = getattr(user, "resident", None)
    return resident is not None and resident.hetu in {persona.hetu for persona in PERSONAS}


def refused(user: AbstractBaseUser | None) -> bool:
    """Whether this account may not be used now: a demo account while the demo is off."""
    return not settings.DEMO and user is not None and user.pk is not None and is_demo_account(user)


def is_refused_password(password: str | None) -> bool:
    """The published demo password, while the demo is off."""
    from .personas import DEMO_PASSWORD

    return (
        not settings.DEMO
        and password is not None
        and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode())
    )

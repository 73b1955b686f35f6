"""Test factories: an application sent as a resident sends it (through the form engine)."""

from django.contrib.auth import get_user_model

from luukku.applications import services
from luukku.applications.models import Application
from luukku.identity.models import Resident
from luukku.questionnaires import services as forms

ANSWERS = {
    "hakemus-kotihoito": {"moving": ["aid"]},
    "hakemus-tukipalvelut": {"services": ["meals"]},
    "hakemus-perhetyo": {"family-situation": ["illness"]},
    "hakemus-kuljetuspalvelu": {"trips": ["daily"], "public-transport": ["no"]},
    "hakemus-henkilokohtainen-apu": {"hours-week": ["12"]},
}


def apply(
    person: Resident, key: str = "hakemus-kotihoito", author=None, urgent: bool = False, **answers
) -> Application:
    """Start (prefilled), answer and send; the receiver runs at once (outside a transaction)."""
    author = author or person.user
    response = services.start(person, key, author)
    raw = {link: [str(v) for v in values] for link, values in response.answers.items()}
    raw |= {"address": raw.get("address") or ["Testikatu 1"], "urgent": ["yes" if urgent else "no"]}
    raw |= {"need": ["Tarvitsen apua peseytymisessä."]} | ANSWERS.get(key, {})
    raw |= {k.replace("_", "-"): v for k, v in answers.items()}
    response.answers = raw
    response.save()
    errors = forms.submit(response)
    assert not errors, errors
    return services.receive(response)


def user(username: str):
    return get_user_model().objects.get(username=username)

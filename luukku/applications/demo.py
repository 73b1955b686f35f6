"""Demo data: the application types and their unit (test county), then a few hundred applications in
every state across the demo county (volume, at SCHEDULES). Idempotent."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from luukku.identity.models import OrgUnit
from luukku.identity.personas import BY_KEY as PERSONAS
from luukku.identity.services import resident_from_register
from luukku.questionnaires.models import Response
from luukku.registry.models import RegisterPerson

from . import services
from .definitions import BY_KEY, DISABILITY, ELDERLY, FAMILY, TYPES
from .models import Application, Decision

VOLUME = 300
DISABILITY_UNIT = ("vammaispalvelut", "Vammaispalvelut", "Funktionshinderservice")


def seed_types() -> str:
    parent = OrgUnit.objects.filter(code="sosiaalipalvelut").first()
    if parent is not None:
        OrgUnit.objects.get_or_create(
            code=DISABILITY_UNIT[0],
            defaults={
                "name": DISABILITY_UNIT[1],
                "name_sv": DISABILITY_UNIT[2],
                "level": "unit",
                "parent": parent,
            },
        )
    return f"{len(services.publish_types())} application forms"


def _answers(key: str, rng: random.Random) -> dict:
    answers = {
        "address": ["Demokatu 1"],
        "urgent": ["yes" if rng.random() < 0.05 else "no"],
        "need": ["Tarvitsen apua arjessa."],
        "care-allowance": ["no"],
    }
    group = BY_KEY[key].group
    if key == "hakemus-kotihoito":
        answers["moving"] = [rng.choice(["alone", "aid", "help"])]
    elif key == "hakemus-tukipalvelut":
        answers["services"] = rng.sample(["meals", "safety", "cleaning", "errands"], 2)
    elif key == "hakemus-asumispalvelu":
        answers["housing"] = [rng.choice(["community", "round-the-clock"])]
    elif key == "hakemus-omaishoidontuki":
        answers |= {"carer-name": ["Omainen Demo"], "care-hours": [rng.choice(["under-2", "2-6", "over-6"])]}
    elif key == "hakemus-kuljetuspalvelu":
        answers |= {"trips": ["daily"], "public-transport": ["no"]}
    elif key == "hakemus-henkilokohtainen-apu":
        answers["hours-week"] = [rng.randint(5, 40)]
    elif key == "hakemus-perhetyo":
        answers["family-situation"] = [rng.choice(["illness", "baby", "other"])]
    elif key == "hakemus-palveluseteli":
        answers["voucher-service"] = [rng.choice(["home-care", "cleaning", "respite"])]
    assert group in (ELDERLY, DISABILITY, FAMILY, "carer", "voucher")
    return answers


def _submit(person, key: str, at: dt.datetime, rng: random.Random, author=None) -> Application:
    from luukku.questionnaires.services import current

    response = Response.objects.create(
        definition=current(key),
        person=person,
        author=author,
        status=Response.Status.COMPLETED,
        answers=_answers(key, rng),
        created_at=at,
        completed_at=at,
    )
    return services.receive(response)


def _worker(key: str):
    users = get_user_model().objects
    if BY_KEY[key].group == FAMILY:
        return users.filter(username="sosiaalityo.saara").first()
    if BY_KEY[key].group == DISABILITY:
        return users.filter(username="esihenkilo.sanna").first()
    return users.filter(username="palveluohjaaja.paula").first()


def _advance(application: Application, stage: int, rng: random.Random) -> None:
    """0 received, 1 in process, 2 information requested, 3 answered, 4 assessed + drafted, 5 decided."""
    worker = _worker(application.kind)
    if worker is None or stage == 0:
        return
    services.assign(application, worker, worker)
    if stage >= 2:
        services.request_info(
            application, worker, "Lähettäkää vielä lääkärinlausunto tai kuvaus arjen haasteista."
        )
    answerer = application.submitted_by or application.person.user
    if stage >= 3 and answerer is not None:
        services.give_info(application, answerer, "Arki sujuu huonosti ilman apua.")
    if stage >= 4:
        services.record_assessment(
            application,
            worker,
            "Liikkuminen ja arjen askareet edellyttävät apua päivittäin.",
            {"MAPLe": rng.randint(1, 5), "ADLH": rng.randint(0, 6)},
            timezone.localdate() - dt.timedelta(days=rng.randint(5, 60)),
        )
        outcome = rng.choice(["granted", "granted", "partly", "refused"])
        services.draft_decision(application, worker, outcome, services.draft_body(application, outcome))
    if stage >= 5:
        services.approve(application, worker)


def seed_volume() -> str:
    if Application.objects.count() >= VOLUME:
        return f"{Application.objects.count()} applications"
    rng = random.Random(24)
    now = timezone.now()
    lempi = resident_from_register(PERSONAS["lempi"].hetu)
    matti = resident_from_register(PERSONAS["matti"].hetu)
    made = 0
    with transaction.atomic():
        # Lempi's own home-care application in process, and one Matti sent for her with his mandate.
        if not Application.objects.filter(person=lempi).exists():
            _advance(_submit(lempi, "hakemus-kotihoito", now - dt.timedelta(days=3), rng, lempi.user), 1, rng)
            _submit(lempi, "hakemus-tukipalvelut", now - dt.timedelta(days=1), rng, matti.user)
            made += 2
    old = list(
        RegisterPerson.objects.filter(birth_date__lte=dt.date.today() - dt.timedelta(days=66 * 365))
        .exclude(date_of_death__isnull=False)
        .order_by("hetu")
        .values_list("hetu", flat=True)[:400]
    )
    adults = list(
        RegisterPerson.objects.filter(
            birth_date__lte=dt.date.today() - dt.timedelta(days=20 * 365),
            birth_date__gt=dt.date.today() - dt.timedelta(days=66 * 365),
        )
        .exclude(date_of_death__isnull=False)
        .order_by("hetu")
        .values_list("hetu", flat=True)[:400]
    )
    people = old + adults
    if not people:
        return "no register people for applications"
    target = VOLUME - Application.objects.count()
    for _n in range(target):
        kind = rng.choice(TYPES)
        pool = old if kind.group == ELDERLY and old else (adults or old)
        with transaction.atomic():
            person = resident_from_register(rng.choice(pool))
            at = now - dt.timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 23))
            application = _submit(person, kind.key, at, rng)
            stage = 5 if at < now - dt.timedelta(days=60) else rng.choice([0, 1, 1, 2, 3, 4, 5])
            _advance(application, stage, rng)
        made += 1
    decided = Decision.objects.filter(approved_at__isnull=False).count()
    return f"{made} applications ({decided} decided and signed)"

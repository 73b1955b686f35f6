"""Demo data: feedback targets of the demo county, named handlers, and a year of survey answers.

`seed_targets` (part of the shared test county: small) makes a target of every organisation unit and a
few services, and names the handlers. `seed_year` (the demo only) adds the county's service points -
some 500 targets in all, fi/sv/en - and a year of invitations and answers with seasonal response rates
(lower in the summer holidays and at Christmas), so the reports show something real.
"""

import datetime as dt
import hashlib
import random

from django.db import transaction
from django.utils import timezone

from luukku.identity.models import OrgUnit, Professional
from luukku.registry.municipalities import KANTA_HAME

from . import surveys
from .models import Channel, Feedback, FeedbackTarget, Handler, Invitation, SurveyAnswer
from .search import fold, search_key

# (code suffix, fi, sv, en, unit code or "health" for the municipality's health station)
SERVICES = (
    (
        "vastaanotto",
        "lääkärin ja hoitajan vastaanotto",
        "läkar- och skötarmottagning",
        "doctor and nurse appointments",
        "health",
    ),
    ("hammashoitola", "hammashoitola", "tandklinik", "dental clinic", "health"),
    ("laboratorio", "laboratorio", "laboratorium", "laboratory", "health"),
    (
        "neuvola",
        "äitiys- ja lastenneuvola",
        "mödra- och barnrådgivning",
        "maternity and child health clinic",
        "health",
    ),
    ("rokotukset", "rokotukset", "vaccinationer", "vaccinations", "health"),
    ("fysioterapia", "fysioterapia", "fysioterapi", "physiotherapy", "health"),
    (
        "mielenterveys",
        "mielenterveys- ja päihdepalvelut",
        "mentalvårds- och missbrukartjänster",
        "mental health and substance use services",
        "health",
    ),
    ("diabetes", "diabeteshoitaja", "diabetesskötare", "diabetes nurse", "health"),
    ("kouluterveys", "kouluterveydenhuolto", "skolhälsovård", "school health care", "health"),
    ("opiskelijaterveys", "opiskeluterveydenhuolto", "studerandehälsovård", "student health care", "health"),
    ("kotihoito", "kotihoito", "hemvård", "home care", "ikaantyneiden-palveluohjaus"),
    (
        "palveluohjaus",
        "ikääntyneiden palveluohjaus",
        "servicehandledning för äldre",
        "service guidance for older people",
        "ikaantyneiden-palveluohjaus",
    ),
    (
        "omaishoito",
        "omaishoidon tuki",
        "stöd för närståendevård",
        "informal care support",
        "ikaantyneiden-palveluohjaus",
    ),
    ("palvelutalo", "palvelutalo", "serviceboende", "sheltered housing", "ikaantyneiden-palveluohjaus"),
    (
        "perhesosiaalityo",
        "lapsiperheiden sosiaalityö",
        "socialt arbete för barnfamiljer",
        "family social work",
        "lapsiperheiden-sosiaalityo",
    ),
    (
        "perheneuvola",
        "perheneuvola",
        "familjerådgivning",
        "family counselling clinic",
        "lapsiperheiden-sosiaalityo",
    ),
    (
        "kotipalvelu",
        "lapsiperheiden kotipalvelu",
        "hemservice för barnfamiljer",
        "home help for families",
        "lapsiperheiden-sosiaalityo",
    ),
    (
        "aikuissosiaalityo",
        "aikuissosiaalityö",
        "socialt arbete för vuxna",
        "adult social work",
        "lapsiperheiden-sosiaalityo",
    ),
    ("rontgen", "röntgen", "röntgen", "X-ray", "health"),
    ("jalkaterapia", "jalkaterapia", "fotterapi", "podiatry", "health"),
    ("ravitsemusterapia", "ravitsemusterapia", "näringsterapi", "nutrition therapy", "health"),
    ("toimintaterapia", "toimintaterapia", "ergoterapi", "occupational therapy", "health"),
    ("muistihoitaja", "muistihoitaja", "minnesskötare", "memory nurse", "health"),
    ("sydanhoitaja", "sydänhoitaja", "hjärtskötare", "cardiac nurse", "health"),
    ("astmahoitaja", "astmahoitaja", "astmaskötare", "asthma nurse", "health"),
    ("ehkaisyneuvola", "ehkäisyneuvola", "preventivmedelsrådgivning", "contraception clinic", "health"),
    (
        "sosiaalipaivystys",
        "sosiaalipäivystys",
        "socialjour",
        "social emergency services",
        "lapsiperheiden-sosiaalityo",
    ),
    ("perhetyo", "perhetyö", "familjearbete", "family work", "lapsiperheiden-sosiaalityo"),
    (
        "vammaispalvelut",
        "vammaispalvelut",
        "handikappservice",
        "disability services",
        "ikaantyneiden-palveluohjaus",
    ),
    ("paihdepalvelut", "päihdepalvelut", "missbrukarvård", "substance use services", "health"),
    (
        "tyoikaisten-sosiaalityo",
        "työikäisten sosiaalityö",
        "socialt arbete för personer i arbetsför ålder",
        "social work for working-age adults",
        "lapsiperheiden-sosiaalityo",
    ),
)
LOCAL = (
    "vastaanotto",
    "hammashoitola",
    "neuvola",
    "laboratorio",
    "kotihoito",
    "kouluterveys",
    "rokotukset",
    "fysioterapia",
)

TEAMS = (
    "tiimi 1",
    "tiimi 2",
    "tiimi 3",
    "tiimi 4",
)  # home care and appointments are run by teams in the larger towns
HANDLERS = {
    "hml-terveysasema": "esihenkilo.eija",
    "rmk-terveysasema": "hoitaja.riikka",
    "forssa-terveysasema": "laakari.lauri",
    "lapsiperheiden-sosiaalityo": "sosiaalityo.saara",
    "ikaantyneiden-palveluohjaus": "palveluohjaaja.paula",
}


def _health_station(municipality: str) -> OrgUnit | None:
    for unit in OrgUnit.objects.filter(level=OrgUnit.Level.UNIT):
        if municipality in (unit.municipality_codes or []):
            return unit
    return None


@transaction.atomic
def seed_targets() -> str:
    made = 0
    for unit in OrgUnit.objects.filter(level=OrgUnit.Level.UNIT):
        _target, created = FeedbackTarget.objects.update_or_create(
            code=unit.code,
            defaults={
                "kind": "unit",
                "name": unit.name,
                "name_sv": unit.name_sv,
                "name_en": unit.name,
                "unit": unit,
            },
        )
        made += created
    for unit_code, username in HANDLERS.items():
        unit = OrgUnit.objects.filter(code=unit_code).first()
        professional = Professional.objects.filter(user__username=username).first()
        if unit and professional:
            Handler.objects.get_or_create(unit=unit, professional=professional)
    surveys.publish_surveys()
    return f"{made} feedback targets"


def _cost_centre(unit: OrgUnit, suffix: str, fi: str, sv: str, made: dict) -> OrgUnit:
    """The unit's cost centre for one service (e.g. Hämeenlinna health station, laboratory): the lowest
    reporting level, under the unit, with no staff of its own."""
    code = f"{unit.code}-{suffix}"[:50]
    if code not in made:
        made[code], _created = OrgUnit.objects.get_or_create(
            code=code,
            defaults={
                "name": f"{unit.name}, {fi}",
                "name_sv": f"{unit.name_sv or unit.name}, {sv}",
                "level": OrgUnit.Level.COST_CENTRE,
                "parent": unit,
            },
        )
    return made[code]


def _service_targets() -> list[FeedbackTarget]:
    existing = set(FeedbackTarget.objects.values_list("code", flat=True))
    units = {u.code: u for u in OrgUnit.objects.all()}
    cost_centres: dict[str, OrgUnit] = {}
    new = []
    for municipality in KANTA_HAME:
        station = _health_station(municipality.code)
        for suffix, fi, sv, en, unit_code in SERVICES:
            unit = station if unit_code == "health" else units.get(unit_code)
            if unit is None:
                continue
            names = [
                (
                    "",
                    f"{municipality.name_fi}, {fi}",
                    f"{municipality.name_sv}, {sv}",
                    f"{municipality.name_fi}, {en}",
                )
            ]
            if municipality.population > 8_000 and suffix in ("kotihoito", "vastaanotto", "hammashoitola"):
                names += [
                    (
                        f"-{n + 1}",
                        f"{municipality.name_fi}, {fi}, {team}",
                        f"{municipality.name_sv}, {sv}, team {n + 1}",
                        f"{municipality.name_fi}, {en}, team {n + 1}",
                    )
                    for n, team in enumerate(TEAMS)
                ]
            if suffix in LOCAL:  # a service point in each of the municipality's villages
                villages = sorted({office.title() for _code, office in municipality.postal_areas})
                names += [
                    (f"-{fold(village)}", f"{village}, {fi}", f"{village}, {sv}", f"{village}, {en}")
                    for village in villages
                    if fold(village) != fold(municipality.name_fi)
                ]
            for extra, name_fi, name_sv, name_en in names:
                code = f"{municipality.code}-{suffix}{extra}"
                if code in existing:
                    continue
                new.append(
                    FeedbackTarget(
                        code=code,
                        kind="team" if extra[1:].isdigit() else "service",
                        name=name_fi,
                        name_sv=name_sv,
                        name_en=name_en,
                        unit=unit,
                        cost_centre=_cost_centre(unit, suffix, fi, sv, cost_centres),
                        survey_key="palaute-vastaanotto" if unit_code == "health" else surveys.CORE_KEY,
                        search_key=search_key(name_fi, name_sv, name_en),
                    )
                )
    FeedbackTarget.objects.bulk_create(new)
    return new


# Response rate by month (Jan..Dec): lower in the summer holidays and at Christmas.
SEASONAL_RATE = (0.27, 0.28, 0.27, 0.26, 0.25, 0.21, 0.17, 0.20, 0.26, 0.27, 0.26, 0.22)
SEASONAL_VOLUME = (1.1, 1.1, 1.05, 1.0, 0.95, 0.8, 0.6, 0.8, 1.05, 1.1, 1.1, 0.85)
COMMENTS = (
    ("fi", "Ystävällinen ja ammattitaitoinen hoitaja, kiitos!"),
    ("fi", "Jouduin odottamaan puhelinjonossa yli tunnin."),
    ("fi", "Sain ajan nopeasti ja asia hoitui sujuvasti."),
    ("fi", "Ohjeet olivat epäselviä, en tiennyt mihin mennä."),
    ("sv", "Mycket vänlig personal och snabb hjälp."),
    ("sv", "Lång väntetid och ingen ringde tillbaka."),
    ("en", "The nurse listened and explained everything clearly."),
    ("en", "I had to wait a long time in the queue."),
)


def _score(rng: random.Random, bias: float) -> int:
    """NPS answers around the county's level (NPS about 80): mostly 9-10, a tail of low scores."""
    roll = rng.random() + bias
    if roll > 0.18:
        return 10 if rng.random() < 0.7 else 9
    if roll > 0.08:
        return rng.choice((7, 8))
    return rng.randint(0, 6)


@transaction.atomic
def seed_year(today: dt.date | None = None, seed: int = 17) -> str:
    """A year of invitations and answers; run once (nothing is added when answers exist)."""
    from . import analysis

    _service_targets()
    if SurveyAnswer.objects.exists():
        return f"{FeedbackTarget.objects.count()} feedback targets; answers already there"
    rng = random.Random(seed)
    today = today or timezone.localdate()
    definitions = {key: surveys.definition(key) for key in surveys.SURVEYS}
    targets = list(FeedbackTarget.objects.filter(active=True).select_related("unit"))
    biases = {t.unit_id: rng.uniform(-0.05, 0.05) for t in targets}
    invitations, answers = [], []
    for back in range(12, 0, -1):
        year, month = today.year, today.month - back
        while month < 1:
            year, month = year - 1, month + 12
        rate, volume = SEASONAL_RATE[month - 1], SEASONAL_VOLUME[month - 1]
        for target in targets:
            busy = 14 if target.kind == "unit" else 4
            for _n in range(max(0, round(rng.gauss(busy * volume, 2)))):
                at = timezone.make_aware(dt.datetime(year, month, rng.randint(1, 28), rng.randint(8, 18)))
                answered = rng.random() < rate
                invitations.append(
                    Invitation(
                        token_digest=hashlib.sha256(f"demo-{len(invitations)}".encode()).hexdigest(),
                        target=target,
                        unit_id=target.reporting_unit_id,
                        trigger="appointment",
                        survey_key=target.survey_key,
                        source=f"demo:{len(invitations)}",
                        channel=Channel.SMS,
                        created_at=at,
                        expires_at=at + dt.timedelta(days=14),
                        answered_at=at + dt.timedelta(hours=rng.randint(1, 72)) if answered else None,
                    )
                )
                if answered:
                    answers.append((target, at + dt.timedelta(hours=3), Channel.SMS, len(invitations) - 1))
            for _n in range(rng.randint(0, 2 if target.kind == "unit" else 1)):  # web, kiosk and paper
                at = timezone.make_aware(dt.datetime(year, month, rng.randint(1, 28), rng.randint(8, 18)))
                answers.append((target, at, rng.choice((Channel.WEB, Channel.KIOSK, Channel.PAPER)), None))
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    rows = []
    for target, at, channel, invitation_index in answers:
        definition = definitions.get(target.survey_key, definitions[surveys.CORE_KEY])
        score = _score(rng, biases[target.unit_id])
        comment_language, comment = rng.choice(COMMENTS) if rng.random() < 0.15 else ("fi", "")
        found = analysis.analyse(comment, comment_language) if comment else None
        rows.append(
            SurveyAnswer(
                definition=definition,
                target=target,
                unit_id=target.reporting_unit_id,
                invited=invitation_index is not None,
                channel=channel,
                language=comment_language,
                answers={"nps": [str(score)], **({"comment": [comment]} if comment else {})},
                nps=score,
                comment=comment,
                sentiment=found.sentiment if found else "",
                topics=found.topics if found else [],
                answered_at=at,
            )
        )
    SurveyAnswer.objects.bulk_create(rows, batch_size=2000)
    _demo_feedback(rng)
    return f"{len(targets)} feedback targets, {len(invitations)} invitations, {len(rows)} answers"


def _demo_feedback(rng: random.Random) -> None:
    from . import services

    unit = OrgUnit.objects.filter(code="hml-terveysasema").first()
    if unit is None or Feedback.objects.exists():
        return
    target = services.unit_target(unit)
    services.give_feedback("praise", target, "Kiitos hoitajalle ystävällisestä ja nopeasta palvelusta!")
    services.give_feedback(
        "suggestion",
        target,
        "Odotustilaan voisi tuoda enemmän tuoleja, aamuisin on ahdasta.",
        wants_reply=True,
        contact_email="palautteen.antaja@example.invalid",
    )
    services.give_feedback(
        "complaint", target, "Puhelinjonossa odotin 50 minuuttia eikä kukaan soittanut takaisin."
    )

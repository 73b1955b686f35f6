"""Test personas of the demo: fixed people in the local population register and demo professionals.

Their codes use individual numbers 900-999, the range of temporary identifiers, so they can never be
mistaken for a real person's code. Nothing here is used unless LUUKKU_DEMO is on.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from luukku.registry import services as registry
from luukku.registry.adapters import population_register
from luukku.registry.hetu import build

from . import demo_accounts
from .models import LocalMandate, MaturityAssessment, OrgUnit, Professional, Resident, Role, RoleAssignment
from .services import sync_resident


@dataclass(frozen=True)
class Persona:
    key: str
    first_names: str
    last_name: str
    birth_date: dt.date
    sex: str
    number: int
    municipality: str
    street: str
    postal: tuple[str, str]
    story: str
    listed: bool = True
    date_of_death: dt.date | None = None
    mother_tongue: str = "fi"

    @property
    def hetu(self) -> str:
        return build(self.birth_date, self.number)


HML = ("13100", "HÄMEENLINNA")
RMK = ("11100", "RIIHIMÄKI")
PERSONAS = (
    Persona(
        "aino",
        "Aino Maria",
        "Testinen",
        dt.date(1988, 3, 14),
        "female",
        902,
        "109",
        "Linnankatu 12 B 5",
        HML,
        _("Mother of Eetu (7) and Ella (14); can act for her children."),
    ),
    Persona(
        "mikko",
        "Mikko Juhani",
        "Testinen",
        dt.date(1986, 11, 30),
        "male",
        903,
        "109",
        "Linnankatu 12 B 5",
        HML,
        _("Father of Eetu and Ella."),
    ),
    Persona(
        "eetu",
        "Eetu Olavi",
        "Testinen",
        dt.date(2019, 6, 2),
        "male",
        905,
        "109",
        "Linnankatu 12 B 5",
        HML,
        "",
        listed=False,
    ),
    Persona(
        "ella",
        "Ella Sofia",
        "Testinen",
        dt.date(2012, 9, 21),
        "female",
        906,
        "109",
        "Linnankatu 12 B 5",
        HML,
        _("14 years old; decides alone on contraception counselling."),
        listed=True,
    ),
    Persona(
        "matti",
        "Matti Kalevi",
        "Esimerkki",
        dt.date(1969, 5, 8),
        "male",
        907,
        "694",
        "Valtakatu 3 A 10",
        RMK,
        _("Holds a valid mandate from his mother Lempi; his father's has expired."),
    ),
    Persona(
        "lempi",
        "Lempi Kerttu",
        "Esimerkki",
        dt.date(1944, 2, 17),
        "female",
        908,
        "694",
        "Peltosaarentie 8",
        RMK,
        _("82 years old; books her own flu shot or lets Matti do it."),
    ),
    Persona(
        "toivo",
        "Toivo Antero",
        "Esimerkki",
        dt.date(1941, 10, 3),
        "male",
        909,
        "694",
        "Peltosaarentie 8",
        RMK,
        "",
        listed=False,
    ),
    Persona(
        "veikko",
        "Veikko",
        "Näytenen",
        dt.date(1938, 1, 10),
        "male",
        911,
        "694",
        "Arolammintie 2",
        RMK,
        "",
        listed=False,
        date_of_death=dt.date(2026, 8, 15),
    ),
    Persona(
        "sofia",
        "Sofia Ingrid",
        "Lindqvist",
        dt.date(1995, 7, 23),
        "female",
        912,
        "061",
        "Hämeentie 20 C 7",
        ("30100", "FORSSA"),
        _("Swedish-speaking resident of Forssa."),
        mother_tongue="sv",
    ),
)
BY_KEY = {p.key: p for p in PERSONAS}


@dataclass(frozen=True)
class ProfessionalPersona:
    username: str
    first_name: str
    last_name: str
    title: str
    role: str
    unit_code: str


PROFESSIONALS = (
    ProfessionalPersona(
        "hoitaja.hanna", "Hanna", "Hoitaja", "sairaanhoitaja", Role.NURSE, "hml-terveysasema"
    ),
    ProfessionalPersona("laakari.lauri", "Lauri", "Lääkäri", "yleislääkäri", Role.DOCTOR, "hml-terveysasema"),
    ProfessionalPersona(
        "hoitaja.riikka", "Riikka", "Riihinen", "terveydenhoitaja", Role.NURSE, "rmk-terveysasema"
    ),
    ProfessionalPersona(
        "sosiaalityo.saara",
        "Saara",
        "Sosiaalinen",
        "sosiaalityöntekijä",
        Role.SOCIAL_WORKER,
        "lapsiperheiden-sosiaalityo",
    ),
    ProfessionalPersona(
        "esihenkilo.eija", "Eija", "Esihenkilö", "osastonhoitaja", Role.UNIT_MANAGER, "hml-terveysasema"
    ),
    ProfessionalPersona(
        "paakayttaja.pekka",
        "Pekka",
        "Pääkäyttäjä",
        "järjestelmäasiantuntija",
        Role.ADMINISTRATOR,
        "kanta-hame",
    ),
    ProfessionalPersona(
        "palveluohjaaja.paula",
        "Paula",
        "Palveluohjaaja",
        "palveluohjaaja",
        Role.SOCIAL_WORKER,
        "ikaantyneiden-palveluohjaus",
    ),
    ProfessionalPersona(
        "esihenkilo.sanna",
        "Sanna",
        "Sosiaalijohtaja",
        "palvelupäällikkö",
        Role.UNIT_MANAGER,
        "sosiaalipalvelut",
    ),
    ProfessionalPersona(
        "tietosuoja.tiina", "Tiina", "Tietosuoja", "tietosuojavastaava", Role.AUDITOR, "kanta-hame"
    ),
)

# (code, name, name_sv, level, parent, municipality codes)
ORGANISATION = (
    (
        "kanta-hame",
        "Kanta-Hämeen hyvinvointialue",
        "Egentliga Tavastlands välfärdsområde",
        "county",
        None,
        [],
    ),
    ("terveyspalvelut", "Terveyspalvelut", "Hälsotjänster", "division", "kanta-hame", []),
    ("avosairaanhoito", "Avosairaanhoito", "Öppen sjukvård", "result_area", "terveyspalvelut", []),
    (
        "hml-terveysasema",
        "Hämeenlinnan terveysasema",
        "Tavastehus hälsostation",
        "unit",
        "avosairaanhoito",
        ["109", "082"],
    ),
    (
        "rmk-terveysasema",
        "Riihimäen terveysasema",
        "Riihimäki hälsostation",
        "unit",
        "avosairaanhoito",
        ["694", "086", "165", "433"],
    ),
    (
        "forssa-terveysasema",
        "Forssan terveysasema",
        "Forssa hälsostation",
        "unit",
        "avosairaanhoito",
        ["061", "169", "834", "981", "103"],
    ),
    ("sosiaalipalvelut", "Sosiaalipalvelut", "Socialtjänster", "division", "kanta-hame", []),
    (
        "lapsiperheet",
        "Lapsiperheiden palvelut",
        "Tjänster för barnfamiljer",
        "result_area",
        "sosiaalipalvelut",
        [],
    ),
    (
        "ikaantyneet",
        "Ikääntyneiden palvelut",
        "Tjänster för äldre",
        "result_area",
        "sosiaalipalvelut",
        [],
    ),
    (
        "ikaantyneiden-palveluohjaus",
        "Ikääntyneiden palveluohjaus",
        "Servicehandledning för äldre",
        "unit",
        "ikaantyneet",
        [],
    ),
    (
        "lapsiperheiden-sosiaalityo",
        "Lapsiperheiden sosiaalityö",
        "Socialt arbete för barnfamiljer",
        "unit",
        "lapsiperheet",
        [],
    ),
)

DEMO_PASSWORD = "demo-salasana-2026"  # noqa: S105 - printed for the demo only, never used in production


@transaction.atomic
def seed_organisation() -> None:
    for code, name, name_sv, level, parent, municipalities in ORGANISATION:
        OrgUnit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_sv": name_sv,
                "level": level,
                "municipality_codes": municipalities,
                "parent": OrgUnit.objects.get(code=parent) if parent else None,
            },
        )
    user_model = get_user_model()
    for persona in PROFESSIONALS:
        user, created = user_model.objects.get_or_create(
            username=persona.username,
            defaults={
                "first_name": persona.first_name,
                "last_name": persona.last_name,
                "is_staff": persona.role == Role.ADMINISTRATOR,
                "is_superuser": persona.role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        demo_accounts.mark(user)  # refused outright whenever the demo is off
        professional, _created = Professional.objects.get_or_create(
            user=user, defaults={"title": persona.title}
        )
        RoleAssignment.objects.get_or_create(
            professional=professional,
            role=persona.role,
            unit=OrgUnit.objects.get(code=persona.unit_code),
            defaults={"valid_from": dt.date(2023, 1, 1)},
        )


@transaction.atomic
def seed_personas() -> None:
    for p in PERSONAS:
        registry.put_person(
            p.hetu,
            p.first_names,
            p.last_name,
            p.birth_date,
            p.sex,
            p.municipality,
            p.street,
            p.postal[0],
            p.postal[1],
            p.date_of_death,
            p.mother_tongue,
        )
    for parent in ("aino", "mikko"):
        for child in ("eetu", "ella"):
            registry.put_guardianship(BY_KEY[parent].hetu, BY_KEY[child].hetu, BY_KEY[child].birth_date)
    matti = BY_KEY["matti"].hetu
    mandates = (
        ("lempi", dt.date(2024, 5, 2), dt.date(2030, 12, 31)),
        ("toivo", dt.date(2021, 1, 4), dt.date(2025, 12, 31)),
        ("veikko", dt.date(2023, 3, 1), None),
    )
    for principal, valid_from, valid_until in mandates:
        LocalMandate.objects.get_or_create(
            principal_hetu=BY_KEY[principal].hetu,
            agent_hetu=matti,
            defaults={"valid_from": valid_from, "valid_until": valid_until},
        )
    ella = sync_resident(population_register().person(BY_KEY["ella"].hetu))
    MaturityAssessment.objects.get_or_create(
        minor=ella,
        service_event="ehkaisyneuvonta",
        defaults={
            "decides_alone": True,
            "reason": "Ikä- ja kehitystasoinen arvio terveydenhoitajan vastaanotolla.",
        },
    )


def persona_resident(key: str) -> Resident | None:
    return Resident.objects.filter(hetu=BY_KEY[key].hetu).first()

"""The demo directory: a handful of services in the shared test county, about a thousand across the demo
county's eleven municipalities (generated, deterministic) at SCHEDULES."""

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone

from luukku.identity.models import OrgUnit
from luukku.registry.municipalities import KANTA_HAME

from . import services
from .geo import MUNICIPALITY_CENTRES
from .models import (
    ChargeType,
    ContactChannel,
    DirectoryService,
    Location,
    OpeningHours,
    Provider,
    ServiceKind,
    TargetGroup,
    code_list,
)

NAMESPACE = uuid.UUID("6f1d3c52-6a0e-4f43-9c0f-5b7f1f0d1e19")  # demo rows get uuid5(NAMESPACE, key)
T = TargetGroup
K = ServiceKind

# key, kind, (fi, sv, en) name, (fi, sv, en) summary, keywords, target groups, fee cents, booking code
CATALOGUE: tuple[tuple, ...] = (
    (
        "fysioterapia",
        K.OWN,
        ("Fysioterapia", "Fysioterapi", "Physiotherapy"),
        (
            "Fysioterapeutin vastaanotto tuki- ja liikuntaelinten vaivoihin.",
            "Fysioterapeutmottagning för besvär i stöd- och rörelseorganen.",
            "Physiotherapist appointments for musculoskeletal problems.",
        ),
        "selkäkipu, niska, kuntoutus",
        (T.ADULTS, T.OLDER),
        2250,
        "",
    ),
    (
        "liikuntaneuvonta",
        K.OWN,
        ("Liikuntaneuvonta", "Motionsrådgivning", "Exercise counselling"),
        (
            "Liikuntaneuvoja auttaa löytämään itselle sopivan tavan liikkua.",
            "En motionsrådgivare hjälper dig att hitta ett lämpligt sätt att röra på dig.",
            "An exercise counsellor helps you find a way to be active that suits you.",
        ),
        "liikuntaresepti, hyte, terveysliikunta",
        (T.ADULTS, T.OLDER, T.YOUNG),
        None,
        "",
    ),
    (
        "kuntosali-ikaantyneet",
        K.THIRD_SECTOR,
        ("Ikäihmisten kuntosaliryhmä", "Gymgrupp för äldre", "Gym group for older people"),
        (
            "Ohjattu kuntosaliryhmä senioreille kerran viikossa.",
            "Ledd gymgrupp för seniorer en gång i veckan.",
            "A guided gym group for seniors once a week.",
        ),
        "liikunta, lihaskunto, tasapaino, kaatumisten ehkäisy",
        (T.OLDER,),
        None,
        "",
    ),
    (
        "vesijumppa",
        K.THIRD_SECTOR,
        ("Vesijumppa", "Vattengymnastik", "Aqua aerobics"),
        (
            "Nivelystävällistä liikuntaa uimahallissa.",
            "Ledvänlig motion i simhallen.",
            "Joint-friendly exercise at the swimming hall.",
        ),
        "liikunta, uinti, nivelet",
        (T.OLDER, T.ADULTS, T.DISABLED),
        400,
        "",
    ),
    (
        "kavelyryhma",
        K.THIRD_SECTOR,
        ("Kävelyryhmä", "Promenadgrupp", "Walking group"),
        (
            "Yhteisiä kävelylenkkejä ja juttuseuraa.",
            "Gemensamma promenader och sällskap.",
            "Walks together and company.",
        ),
        "liikunta, ulkoilu, yksinäisyys, sosiaalinen resepti",
        (T.EVERYONE, T.OLDER),
        None,
        "",
    ),
    (
        "vertaistuki-mielenterveys",
        K.THIRD_SECTOR,
        (
            "Mielenterveyden vertaistukiryhmä",
            "Kamratstödgrupp för psykisk hälsa",
            "Mental health peer support group",
        ),
        (
            "Vertaistukea ja keskustelua luottamuksellisesti.",
            "Kamratstöd och samtal i förtroende.",
            "Peer support and conversation in confidence.",
        ),
        "masennus, ahdistus, jaksaminen, vertaistuki",
        (T.MENTAL_HEALTH, T.ADULTS),
        None,
        "",
    ),
    (
        "paihdeneuvonta",
        K.OWN,
        ("Päihdeneuvonta", "Missbruksrådgivning", "Substance use counselling"),
        (
            "Neuvontaa alkoholin, lääkkeiden ja huumeiden käytöstä.",
            "Rådgivning om alkohol, läkemedel och droger.",
            "Advice on alcohol, medicines and drugs.",
        ),
        "alkoholi, päihteet, riippuvuus",
        (T.MENTAL_HEALTH, T.ADULTS, T.YOUNG),
        None,
        "",
    ),
    (
        "perhekahvila",
        K.THIRD_SECTOR,
        ("Perhekahvila", "Familjecafé", "Family café"),
        (
            "Avoin kohtaamispaikka vauvaperheille ja pienten lasten vanhemmille.",
            "Öppen mötesplats för familjer med småbarn.",
            "An open meeting place for families with small children.",
        ),
        "vauva, lapsiperhe, vertaistuki, seurakunta",
        (T.FAMILIES,),
        None,
        "",
    ),
    (
        "neuvola",
        K.OWN,
        ("Äitiys- ja lastenneuvola", "Mödra- och barnrådgivning", "Maternity and child health clinic"),
        (
            "Raskauden ja lapsen kasvun seuranta.",
            "Uppföljning av graviditet och barnets tillväxt.",
            "Follow-up of pregnancy and the child's growth.",
        ),
        "raskaus, vauva, rokotukset",
        (T.FAMILIES,),
        None,
        "",
    ),
    (
        "kotisiivous",
        K.VOUCHER,
        (
            "Kotisiivous palvelusetelillä",
            "Hemstädning med servicesedel",
            "Home cleaning with a service voucher",
        ),
        (
            "Siivousapua kotiin palvelusetelillä.",
            "Städhjälp hemma med servicesedel.",
            "Cleaning help at home with a service voucher.",
        ),
        "kotipalvelu, tukipalvelu, siivous",
        (T.OLDER, T.DISABLED),
        3500,
        "",
    ),
    (
        "ateriapalvelu",
        K.PURCHASED,
        ("Ateriapalvelu", "Måltidsservice", "Meal service"),
        ("Lämmin ateria kotiin kuljetettuna.", "Varm måltid hemkörd.", "A warm meal delivered home."),
        "kotipalvelu, ruoka, ateria",
        (T.OLDER, T.DISABLED),
        850,
        "",
    ),
    (
        "hieronta",
        K.PRIVATE,
        ("Hieronta", "Massage", "Massage"),
        (
            "Klassista hierontaa ja urheiluhierontaa.",
            "Klassisk massage och idrottsmassage.",
            "Classic and sports massage.",
        ),
        "lihasjumi, niska, selkä",
        (T.ADULTS,),
        5500,
        "",
    ),
    (
        "suuhygienisti",
        K.OWN,
        ("Suuhygienistin vastaanotto", "Munhygienistmottagning", "Dental hygienist"),
        (
            "Hampaiden puhdistus ja suun terveyden neuvonta.",
            "Tandrengöring och rådgivning om munhälsa.",
            "Teeth cleaning and oral health advice.",
        ),
        "hampaat, suu, hammashoito",
        (T.EVERYONE,),
        2370,
        "",
    ),
    (
        "omaishoitajat",
        K.THIRD_SECTOR,
        ("Omaishoitajien olohuone", "Vardagsrum för närståendevårdare", "Family carers' drop-in"),
        (
            "Vertaistukea ja virkistystä omaishoitajille.",
            "Kamratstöd och rekreation för närståendevårdare.",
            "Peer support and recreation for family carers.",
        ),
        "omaishoito, jaksaminen, vertaistuki",
        (T.CARERS,),
        None,
        "",
    ),
    (
        "nuorten-tila",
        K.THIRD_SECTOR,
        ("Nuorisotila", "Ungdomsgård", "Youth centre"),
        (
            "Avoin nuorisotila 13–17-vuotiaille.",
            "Öppen ungdomsgård för 13–17-åringar.",
            "An open youth centre for 13–17-year-olds.",
        ),
        "nuoret, harrastus, ohjaaja",
        (T.YOUNG,),
        None,
        "",
    ),
    (
        "kotoutuminen",
        K.THIRD_SECTOR,
        (
            "Kotoutumisen tuki ja kielikahvila",
            "Integrationsstöd och språkcafé",
            "Integration support and language café",
        ),
        (
            "Suomen kielen harjoittelua ja neuvontaa arjen asioissa.",
            "Övning i finska och rådgivning i vardagliga frågor.",
            "Finnish practice and advice on everyday matters.",
        ),
        "maahanmuuttajat, kieli, kotoutuminen",
        (T.IMMIGRANTS,),
        None,
        "",
    ),
    (
        "muistiyhdistys",
        K.THIRD_SECTOR,
        ("Muistiluotsi", "Minneslots", "Memory support centre"),
        (
            "Tukea muistisairaille ja heidän läheisilleen.",
            "Stöd för personer med minnessjukdom och deras närstående.",
            "Support for people with memory disorders and their families.",
        ),
        "muisti, dementia, läheiset",
        (T.OLDER, T.CARERS),
        None,
        "",
    ),
    (
        "kuntosali-kunta",
        K.THIRD_SECTOR,
        ("Kaupungin kuntosali", "Stadens gym", "Municipal gym"),
        (
            "Edullinen kuntosali liikuntapalveluiden tiloissa.",
            "Förmånligt gym i idrottstjänsternas lokaler.",
            "An affordable gym run by the municipal sports services.",
        ),
        "liikunta, kuntosali, liikuntapalvelut",
        (T.EVERYONE,),
        500,
        "",
    ),
    (
        "tyokyky",
        K.OWN,
        ("Työkykykoordinaattori", "Arbetsförmågekoordinator", "Work ability coordinator"),
        (
            "Tukea työkyvyn ylläpitoon ja työhön paluuseen.",
            "Stöd för att upprätthålla arbetsförmågan och återgå till arbetet.",
            "Support for keeping your work ability and returning to work.",
        ),
        "työttömät, työkyky, kuntoutus",
        (T.ADULTS,),
        None,
        "",
    ),
    (
        "seurakunta-diakonia",
        K.THIRD_SECTOR,
        ("Diakoniatyön vastaanotto", "Diakonimottagning", "Parish diaconal work"),
        (
            "Keskusteluapua ja tukea elämän vaikeissa tilanteissa.",
            "Samtalshjälp och stöd i svåra livssituationer.",
            "Someone to talk to and support in difficult situations.",
        ),
        "seurakunta, keskusteluapu, talous, yksinäisyys",
        (T.EVERYONE,),
        None,
        "",
    ),
)

PROVIDERS = {
    K.THIRD_SECTOR: (
        "{m}n Eläkeläiset ry",
        "{m}n Mielenterveysyhdistys ry",
        "{m}n seurakunta",
        "{m}n liikuntapalvelut",
        "MLL:n {m}n yhdistys",
        "{m}n Muistiyhdistys ry",
    ),
    K.PRIVATE: ("Hämeen Fysio Oy", "Linnan Hyvinvointi Oy", "Tavastia Terapia Oy"),
    K.VOUCHER: ("Kotiapu Häme Oy", "Siisti Koti Oy"),
    K.PURCHASED: ("Hämeen Ateriat Oy",),
}
OWN_UNIT = {
    "109": "hml-terveysasema",
    "082": "hml-terveysasema",
    "694": "rmk-terveysasema",
    "086": "rmk-terveysasema",
    "165": "rmk-terveysasema",
    "433": "rmk-terveysasema",
}
GENITIVE = {
    "Hämeenlinna": "Hämeenlinna",
    "Riihimäki": "Riihimäe",
    "Forssa": "Forssa",
    "Janakkala": "Janakkala",
    "Hattula": "Hattula",
    "Hausjärvi": "Hausjärve",
    "Loppi": "Lope",
    "Tammela": "Tammela",
    "Jokioinen": "Jokioise",
    "Humppila": "Humppila",
    "Ypäjä": "Ypäjä",
}


def _uuid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _provider(kind: str, name: str, municipality: str) -> Provider:
    unit = None
    if kind == K.OWN:
        unit = OrgUnit.objects.filter(code=OWN_UNIT.get(municipality, "forssa-terveysasema")).first()
        name = unit.name if unit else "Kanta-Hämeen hyvinvointialue"
    provider, _created = Provider.objects.get_or_create(
        public_id=_uuid(f"provider:{name}"), defaults={"name": name, "kind": kind, "unit": unit}
    )
    return provider


def _create(
    key: str, entry: tuple, municipality, rng: random.Random, variant: int
) -> DirectoryService | None:
    _code, kind, names, summaries, keywords, groups, fee, _booking = entry
    public_id = _uuid(key)
    if DirectoryService.objects.filter(public_id=public_id).exists():
        return None
    genitive = GENITIVE.get(municipality.name_fi, municipality.name_fi)
    if kind == K.OWN:
        provider_name = ""
    else:
        choices = PROVIDERS[kind]
        provider_name = choices[(variant + rng.randrange(len(choices))) % len(choices)].format(m=genitive)
    provider = _provider(kind, provider_name, municipality.code)
    suffix = f" – {municipality.name_fi}" if variant == 0 else f" {variant + 1} – {municipality.name_fi}"
    suffix_sv = f" – {municipality.name_sv}" if variant == 0 else f" {variant + 1} – {municipality.name_sv}"
    areas = {municipality.code}
    if kind == K.OWN and municipality.code in OWN_UNIT:
        areas |= {c for c, u in OWN_UNIT.items() if u == OWN_UNIT[municipality.code]}
    languages = (
        ["fi"]
        + (["sv"] if rng.random() < 0.25 or municipality.code == "061" else [])
        + (["en"] if rng.random() < 0.3 else [])
    )
    service = DirectoryService.objects.create(
        public_id=public_id,
        provider=provider,
        unit=provider.unit,
        kind=kind,
        name=(names[0] + suffix)[:100],
        name_sv=(names[1] + suffix_sv)[:100],
        name_en=(names[2] + suffix)[:100],
        summary=summaries[0],
        summary_sv=summaries[1],
        summary_en=summaries[2],
        description=f"{summaries[0]} Palvelu on tarkoitettu alueen asukkaille ({municipality.name_fi}).",
        description_sv=summaries[1],
        description_en=summaries[2],
        keywords=keywords,
        target_groups=code_list([str(g) for g in groups]),
        languages=code_list(languages),
        areas=code_list(areas),
        charge_type=ChargeType.CHARGEABLE if fee else ChargeType.FREE,
        fee_cents=fee,
        updated_at=timezone.now() - dt.timedelta(days=rng.randrange(0, 500)),
    )
    lat, lon = MUNICIPALITY_CENTRES[municipality.code]
    postal, office = municipality.postal_areas[variant % len(municipality.postal_areas)]
    location = Location.objects.create(
        service=service,
        name=provider.name,
        street_address=f"{rng.choice(municipality.streets)} {rng.randrange(1, 60)}",
        postal_code=postal,
        post_office=office.title(),
        municipality_code=municipality.code,
        latitude=round(lat + rng.uniform(-0.03, 0.03), 5),
        longitude=round(lon + rng.uniform(-0.06, 0.06), 5),
        step_free_access=rng.random() < 0.7,
        accessible_toilet=rng.random() < 0.5,
        induction_loop=rng.random() < 0.2,
        accessible_parking=rng.random() < 0.5,
        open_on_holidays=rng.random() < 0.05,
    )
    start = rng.choice((8, 9, 10, 12))
    days = range(5) if rng.random() < 0.8 else rng.sample(range(7), 2)
    OpeningHours.objects.bulk_create(
        OpeningHours(
            location=location,
            weekday=d,
            opens=dt.time(start),
            closes=dt.time(start + rng.choice((3, 4, 6, 8))),
        )
        for d in days
    )
    ContactChannel.objects.create(
        service=service, kind="phone", value=f"+3583{rng.randrange(1000000, 9999999)}"
    )
    if kind != K.OWN:
        ContactChannel.objects.create(
            service=service, kind="email", value=f"info{rng.randrange(100, 999)}@example.fi"
        )
    return service


@transaction.atomic
def seed_test_services() -> str:
    """A handful for the shared test county: one of each kind, in Hämeenlinna, Riihimäki and Forssa."""
    rng = random.Random(19)
    by_code = {m.code: m for m in KANTA_HAME}
    picks = [
        ("fysioterapia", "109"),
        ("liikuntaneuvonta", "694"),
        ("kuntosali-ikaantyneet", "109"),
        ("vertaistuki-mielenterveys", "061"),
        ("perhekahvila", "109"),
        ("kotisiivous", "694"),
        ("hieronta", "061"),
        ("kavelyryhma", "061"),
    ]
    catalogue = {entry[0]: entry for entry in CATALOGUE}
    created = [
        s for code, m in picks if (s := _create(f"test:{code}:{m}", catalogue[code], by_code[m], rng, 0))
    ]
    services.reindex(created)
    return f"{len(created)} directory services" if created else ""


@transaction.atomic
def seed_county_services(target: int = 1000) -> str:
    """About `target` services over the eleven municipalities, deterministic; linked to the bookable
    services where one exists."""
    rng = random.Random(2026)
    created = []
    per_municipality = max(1, target // len(KANTA_HAME))
    for municipality in KANTA_HAME:
        for n in range(per_municipality):
            entry = CATALOGUE[n % len(CATALOGUE)]
            variant = n // len(CATALOGUE)
            service = _create(f"county:{municipality.code}:{n}", entry, municipality, rng, variant)
            if service:
                created.append(service)
    _link_bookable(created)
    services.reindex(created)
    return f"{len(created)} directory services" if created else ""


BOOKABLE = {"neuvola": ("neuvola-maaraaikaistarkastus", "hml-terveysasema")}


def _link_bookable(created: list[DirectoryService]) -> None:
    """The county's own directory entries that are booked in Luukku point at the bookable service."""
    from luukku.booking.models import Service

    for service in created:
        for key, (booking_code, unit_code) in BOOKABLE.items():
            if service.unit and service.unit.code == unit_code and service.keywords == _keywords(key):
                service.booking_service = Service.objects.filter(code=booking_code, active=True).first()
                if service.booking_service:
                    service.save(update_fields=["booking_service"])


def _keywords(key: str) -> str:
    return next(entry[4] for entry in CATALOGUE if entry[0] == key)

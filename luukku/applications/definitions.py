"""The application types: each a versioned FHIR R4 Questionnaire (fi/sv/en) on the questionnaire engine,
the unit that processes it, and the legal basis its decision cites.

Published with `questionnaires.services.publish` (purpose "notification or application", so its answers
are social-care data); a changed definition becomes a new version and earlier applications keep the
version they answered.
"""

from dataclasses import dataclass

from luukku.questionnaires.fhirq import item, option, questionnaire

Texts = tuple[str, str, str]

ELDERLY, DISABILITY, FAMILY, VOUCHER, CARER = "elderly", "disability", "family", "voucher", "carer"
YES = option("yes", ("Kyllä", "Ja", "Yes"))
NO = option("no", ("Ei", "Nej", "No"))


@dataclass(frozen=True)
class ApplicationType:
    key: str
    titles: Texts
    group: str
    unit_code: str
    legal_basis: Texts
    specific: tuple  # the type's own questions (items)

    def title(self, language: str) -> str:
        return self.titles[{"fi": 0, "sv": 1}.get(language, 2)]

    def basis(self, language: str) -> str:
        return self.legal_basis[{"fi": 0, "sv": 1}.get(language, 2)]


def _applicant() -> dict:
    return item(
        "hakija",
        "group",
        ("Hakijan tiedot", "Sökandens uppgifter", "The applicant"),
        items=[
            item("address", "string", ("Osoite", "Adress", "Address"), required=True, max_length=200),
            item("postal-code", "string", ("Postinumero", "Postnummer", "Postal code"), max_length=5),
            item("post-office", "string", ("Postitoimipaikka", "Postanstalt", "Post office"), max_length=60),
            item("phone", "string", ("Puhelinnumero", "Telefonnummer", "Phone number"), max_length=30),
            item(
                "household",
                "text",
                (
                    "Samassa taloudessa asuvat (väestötietojärjestelmästä)",
                    "Personer i samma hushåll (från befolkningsdatasystemet)",
                    "Others in the household (from the population register)",
                ),
                max_length=600,
            ),
            item(
                "guardians",
                "text",
                ("Huoltajat", "Vårdnadshavare", "Guardians"),
                max_length=300,
            ),
        ],
    )


def _need() -> dict:
    return item(
        "tarve",
        "group",
        ("Avun tarve", "Hjälpbehov", "The need for help"),
        items=[
            item(
                "urgent",
                "choice",
                (
                    "Onko tilanne kiireellinen (apua tarvitaan heti)?",
                    "Är situationen brådskande (hjälp behövs genast)?",
                    "Is the situation urgent (help is needed at once)?",
                ),
                required=True,
                options=[YES, NO],
            ),
            item(
                "need",
                "text",
                (
                    "Kuvaile, missä tarvitset apua ja miksi.",
                    "Beskriv vad du behöver hjälp med och varför.",
                    "Describe what you need help with and why.",
                ),
                required=True,
                max_length=3000,
            ),
            item(
                "care-allowance",
                "choice",
                (
                    "Saatko Kelan ylintä hoitotukea tai vammaistukea?",
                    "Får du FPA:s högsta vårdbidrag eller handikappbidrag?",
                    "Do you receive Kela's highest care allowance or disability allowance?",
                ),
                options=[YES, NO],
            ),
        ],
    )


def _choice(link: str, texts: Texts, options: list[tuple[str, Texts]], **kwargs) -> dict:
    return item(link, "choice", texts, options=[option(code, t) for code, t in options], **kwargs)


TYPES = (
    ApplicationType(
        "hakemus-kotihoito",
        ("Kotihoidon hakemus", "Ansökan om hemvård", "Application for home care"),
        ELDERLY,
        "ikaantyneiden-palveluohjaus",
        (
            "Sosiaalihuoltolaki 1301/2014 19 §; vanhuspalvelulaki 980/2012 14 § ja 18 §",
            "Socialvårdslagen 1301/2014 19 §; äldreomsorgslagen 980/2012 14 § och 18 §",
            "Social Welfare Act 1301/2014 § 19; Elderly Services Act 980/2012 § 14 and § 18",
        ),
        (
            _choice(
                "moving",
                ("Miten liikut kotona?", "Hur rör du dig hemma?", "How do you move at home?"),
                [
                    ("alone", ("Itsenäisesti", "Självständigt", "On my own")),
                    ("aid", ("Apuvälineen kanssa", "Med hjälpmedel", "With an aid")),
                    ("help", ("Toisen avustamana", "Med hjälp av någon", "With someone's help")),
                ],
                required=True,
            ),
            item(
                "memory",
                "choice",
                ("Onko sinulla muistiongelmia?", "Har du minnesproblem?", "Do you have memory problems?"),
                options=[YES, NO],
            ),
        ),
    ),
    ApplicationType(
        "hakemus-tukipalvelut",
        (
            "Tukipalveluiden hakemus (ateria-, turva-, siivous- ja asiointipalvelu)",
            "Ansökan om stödtjänster (mat, trygghetslarm, städning, ärenden)",
            "Application for support services (meals, safety phone, cleaning, errands)",
        ),
        ELDERLY,
        "ikaantyneiden-palveluohjaus",
        (
            "Sosiaalihuoltolaki 1301/2014 19 §",
            "Socialvårdslagen 1301/2014 19 §",
            "Social Welfare Act 1301/2014 § 19",
        ),
        (
            _choice(
                "services",
                ("Mitä palveluja haet?", "Vilka tjänster söker du?", "Which services do you apply for?"),
                [
                    ("meals", ("Ateriapalvelu", "Måltidsservice", "Meals")),
                    ("safety", ("Turvapuhelin", "Trygghetstelefon", "Safety phone")),
                    ("cleaning", ("Siivous", "Städning", "Cleaning")),
                    ("errands", ("Asiointi", "Ärenden", "Errands")),
                ],
                required=True,
                repeats=True,
            ),
        ),
    ),
    ApplicationType(
        "hakemus-asumispalvelu",
        (
            "Ikääntyneiden asumispalveluiden hakemus",
            "Ansökan om boendeservice för äldre",
            "Application for housing services for older people",
        ),
        ELDERLY,
        "ikaantyneiden-palveluohjaus",
        (
            "Sosiaalihuoltolaki 1301/2014 21 §, 21 b § ja 21 c §; vanhuspalvelulaki 980/2012 14 §",
            "Socialvårdslagen 1301/2014 21 §, 21 b § och 21 c §; äldreomsorgslagen 980/2012 14 §",
            "Social Welfare Act 1301/2014 § 21, 21 b and 21 c; Elderly Services Act 980/2012 § 14",
        ),
        (
            _choice(
                "housing",
                ("Haettava asumismuoto", "Boendeform som söks", "Form of housing applied for"),
                [
                    ("community", ("Yhteisöllinen asuminen", "Gemenskapsboende", "Community housing")),
                    (
                        "round-the-clock",
                        ("Ympärivuorokautinen palveluasuminen", "Serviceboende dygnet runt", "24-hour care"),
                    ),
                ],
                required=True,
            ),
            item(
                "coping-home",
                "choice",
                (
                    "Pärjäätkö kotona kotihoidon turvin?",
                    "Klarar du dig hemma med hemvård?",
                    "Do you cope at home with home care?",
                ),
                options=[YES, NO],
            ),
        ),
    ),
    ApplicationType(
        "hakemus-omaishoidontuki",
        (
            "Omaishoidon tuen hakemus",
            "Ansökan om stöd för närståendevård",
            "Application for informal care support",
        ),
        CARER,
        "ikaantyneiden-palveluohjaus",
        (
            "Laki omaishoidon tuesta 937/2005 2–4 §",
            "Lagen om stöd för närståendevård 937/2005 2–4 §",
            "Act on Support for Informal Care 937/2005 § 2–4",
        ),
        (
            item(
                "carer-name",
                "string",
                ("Omaishoitajan nimi", "Närståendevårdarens namn", "The carer's name"),
                required=True,
                max_length=150,
            ),
            _choice(
                "care-hours",
                ("Hoidon määrä vuorokaudessa", "Vårdens omfattning per dygn", "Care needed per day"),
                [
                    ("under-2", ("Alle 2 tuntia", "Under 2 timmar", "Under 2 hours")),
                    ("2-6", ("2–6 tuntia", "2–6 timmar", "2–6 hours")),
                    (
                        "over-6",
                        (
                            "Yli 6 tuntia tai yöllä",
                            "Över 6 timmar eller nattetid",
                            "Over 6 hours or at night",
                        ),
                    ),
                ],
                required=True,
            ),
        ),
    ),
    ApplicationType(
        "hakemus-kuljetuspalvelu",
        (
            "Vammaisten henkilöiden kuljetuspalvelun hakemus",
            "Ansökan om färdtjänst för personer med funktionsnedsättning",
            "Application for transport service for disabled persons",
        ),
        DISABILITY,
        "vammaispalvelut",
        (
            "Vammaispalvelulaki 675/2023",
            "Lagen om funktionshinderservice 675/2023",
            "Disability Services Act 675/2023",
        ),
        (
            _choice(
                "trips",
                (
                    "Mihin tarvitset kuljetusta?",
                    "Vart behöver du transport?",
                    "What do you need transport for?",
                ),
                [
                    ("work", ("Työ tai opiskelu", "Arbete eller studier", "Work or studies")),
                    ("daily", ("Asiointi ja vapaa-aika", "Ärenden och fritid", "Errands and leisure")),
                ],
                required=True,
                repeats=True,
            ),
            item(
                "public-transport",
                "choice",
                (
                    "Pystytkö käyttämään julkista liikennettä?",
                    "Kan du använda kollektivtrafik?",
                    "Can you use public transport?",
                ),
                options=[YES, NO],
                required=True,
            ),
        ),
    ),
    ApplicationType(
        "hakemus-henkilokohtainen-apu",
        (
            "Henkilökohtaisen avun hakemus",
            "Ansökan om personlig assistans",
            "Application for personal assistance",
        ),
        DISABILITY,
        "vammaispalvelut",
        (
            "Vammaispalvelulaki 675/2023",
            "Lagen om funktionshinderservice 675/2023",
            "Disability Services Act 675/2023",
        ),
        (
            item(
                "hours-week",
                "integer",
                (
                    "Arvio tarvittavista tunneista viikossa",
                    "Uppskattat antal timmar per vecka",
                    "Estimated hours needed per week",
                ),
                required=True,
                min_value=1,
                max_value=168,
            ),
            _choice(
                "model",
                ("Toivottu järjestämistapa", "Önskat sätt att ordna", "Preferred way of arranging it"),
                [
                    ("employer", ("Työnantajamalli", "Arbetsgivarmodellen", "I employ the assistant")),
                    ("voucher", ("Palveluseteli", "Servicesedel", "Service voucher")),
                    (
                        "county",
                        (
                            "Hyvinvointialueen järjestämä",
                            "Ordnas av välfärdsområdet",
                            "Arranged by the county",
                        ),
                    ),
                ],
            ),
        ),
    ),
    ApplicationType(
        "hakemus-perhetyo",
        (
            "Perhetyön ja lapsiperheiden kotipalvelun hakemus",
            "Ansökan om familjearbete och hemservice för barnfamiljer",
            "Application for family work and home help for families with children",
        ),
        FAMILY,
        "lapsiperheiden-sosiaalityo",
        (
            "Sosiaalihuoltolaki 1301/2014 18 § ja 19 §",
            "Socialvårdslagen 1301/2014 18 § och 19 §",
            "Social Welfare Act 1301/2014 § 18 and § 19",
        ),
        (
            _choice(
                "family-situation",
                (
                    "Mikä tilanne perheessä on?",
                    "Vilken är familjens situation?",
                    "What is the family's situation?",
                ),
                [
                    (
                        "illness",
                        (
                            "Vanhemman sairaus tai uupumus",
                            "Förälderns sjukdom eller utmattning",
                            "A parent's illness or exhaustion",
                        ),
                    ),
                    (
                        "baby",
                        ("Synnytys tai vauvaperhe", "Förlossning eller babyfamilj", "Childbirth or a baby"),
                    ),
                    (
                        "other",
                        ("Muu erityinen tilanne", "Annan särskild situation", "Another special situation"),
                    ),
                ],
                required=True,
            ),
            item(
                "special-support",
                "choice",
                (
                    "Tarvitseeko perheen lapsi erityistä tukea (esim. sairauden tai vamman vuoksi)?",
                    "Behöver ett barn i familjen särskilt stöd (t.ex. på grund av sjukdom "
                    "eller funktionsnedsättning)?",
                    "Does a child of the family need special support "
                    "(e.g. because of an illness or disability)?",
                ),
                options=[YES, NO],
            ),
        ),
    ),
    ApplicationType(
        "hakemus-palveluseteli",
        ("Palvelusetelin hakemus", "Ansökan om servicesedel", "Application for a service voucher"),
        VOUCHER,
        "ikaantyneiden-palveluohjaus",
        (
            "Laki sosiaali- ja terveydenhuollon palvelusetelistä 569/2009 4 § ja 6 §",
            "Lagen om servicesedlar inom social- och hälsovården 569/2009 4 § och 6 §",
            "Act on Service Vouchers in Social and Health Care 569/2009 § 4 and § 6",
        ),
        (
            _choice(
                "voucher-service",
                (
                    "Mihin palveluun haet seteliä?",
                    "För vilken tjänst söker du sedel?",
                    "Which service is the voucher for?",
                ),
                [
                    ("home-care", ("Kotihoito", "Hemvård", "Home care")),
                    ("cleaning", ("Siivous", "Städning", "Cleaning")),
                    ("respite", ("Omaishoitajan vapaa", "Ledighet för närståendevårdare", "Carer's respite")),
                ],
                required=True,
            ),
        ),
    ),
)
BY_KEY = {t.key: t for t in TYPES}


def build(kind: ApplicationType) -> dict:
    """The FHIR Questionnaire of one application type."""
    specific = item(
        "hakemus",
        "group",
        ("Haettava palvelu", "Tjänsten som söks", "The service applied for"),
        items=list(kind.specific),
    )
    return questionnaire(
        kind.key,
        1,
        kind.titles,
        [_applicant(), _need(), specific],
        description=(
            "Hakemus käsitellään sosiaalihuollossa. "
            "Saat kuittauksen ja viitenumeron, kun lähetät hakemuksen.",
            "Ansökan behandlas inom socialvården. "
            "Du får en kvittering med referensnummer när du skickar den.",
            "The application is processed by social services. You get a receipt with a reference number "
            "when you send it.",
        ),
    )

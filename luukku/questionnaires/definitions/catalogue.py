"""The county's built-in questionnaires. `manage.py publish_questionnaires` stores each as a new
version when its content has changed."""

from dataclasses import dataclass, field

from luukku.registry.municipalities import KANTA_HAME

from ..fhirq import item, option, questionnaire, when
from .carepath_forms import emergency_call, pef_diary, post_operative, pre_operative
from .instruments import audit_items, findrisc_items, phq2_items

YES = option("yes", ("Kyllä", "Ja", "Yes"))
NO = option("no", ("Ei", "Nej", "No"))


@dataclass(frozen=True)
class Entry:
    key: str
    purpose: str  # pre_information | self_assessment | notification
    build: object
    instruments: list[str] = field(default_factory=list)
    anonymous_allowed: bool = False
    recipient_unit: str = ""


def _yes(question: str) -> list[dict]:
    return [when(question, "=", answerCoding={"system": "urn:luukku:answer", "code": "yes"})]


def pre_information() -> dict:
    return questionnaire(
        "esitiedot",
        1,
        ("Esitietolomake", "Förhandsuppgifter", "Pre-information form"),
        [
            item(
                "tausta",
                "group",
                ("Taustatiedot", "Bakgrund", "Background"),
                items=[
                    item(
                        "height",
                        "decimal",
                        ("Pituus (cm)", "Längd (cm)", "Height (cm)"),
                        min_value=40,
                        max_value=230,
                    ),
                    item(
                        "weight",
                        "decimal",
                        ("Paino (kg)", "Vikt (kg)", "Weight (kg)"),
                        min_value=2,
                        max_value=300,
                    ),
                    item(
                        "smoking",
                        "choice",
                        ("Tupakoitko?", "Röker du?", "Do you smoke?"),
                        required=True,
                        options=[
                            option(
                                "never", ("En ole koskaan tupakoinut", "Jag har aldrig rökt", "Never smoked")
                            ),
                            option("quit", ("Olen lopettanut", "Jag har slutat", "I have quit")),
                            option("sometimes", ("Satunnaisesti", "Ibland", "Occasionally")),
                            option("daily", ("Päivittäin", "Dagligen", "Daily")),
                        ],
                    ),
                    item(
                        "illnesses",
                        "open-choice",
                        (
                            "Onko sinulla todettu jokin näistä sairauksista?",
                            "Har du någon av dessa sjukdomar?",
                            "Have you been diagnosed with any of these?",
                        ),
                        repeats=True,
                        max_length=200,
                        options=[
                            option(
                                "hypertension",
                                ("Kohonnut verenpaine", "Högt blodtryck", "High blood pressure"),
                            ),
                            option("diabetes", ("Diabetes", "Diabetes", "Diabetes")),
                            option("asthma", ("Astma tai COPD", "Astma eller KOL", "Asthma or COPD")),
                            option("heart", ("Sydänsairaus", "Hjärtsjukdom", "Heart disease")),
                            option("depression", ("Masennus", "Depression", "Depression")),
                        ],
                    ),
                ],
            ),
            item(
                "laakitys",
                "group",
                ("Lääkitys", "Mediciner", "Medication"),
                items=[
                    item(
                        "has-medication",
                        "choice",
                        (
                            "Onko sinulla säännöllisesti käytössä lääkkeitä?",
                            "Använder du regelbundet mediciner?",
                            "Do you take medicines regularly?",
                        ),
                        required=True,
                        options=[YES, NO],
                    ),
                    item(
                        "medications",
                        "string",
                        (
                            "Lääke, vahvuus ja annostus (yksi lääke riviä kohden)",
                            "Medicin, styrka och dosering (en medicin per rad)",
                            "Medicine, strength and dose (one medicine per line)",
                        ),
                        repeats=True,
                        required=True,
                        max_length=200,
                        enable_when=_yes("has-medication"),
                    ),
                    item(
                        "has-allergies",
                        "choice",
                        (
                            "Onko sinulla lääkeaineallergioita?",
                            "Har du läkemedelsallergier?",
                            "Are you allergic to any medicines?",
                        ),
                        required=True,
                        options=[YES, NO],
                    ),
                    item(
                        "allergies",
                        "text",
                        (
                            "Mille olet allerginen ja millainen reaktio oli?",
                            "Vad är du allergisk mot och vilken reaktion fick du?",
                            "What are you allergic to and what was the reaction?",
                        ),
                        required=True,
                        max_length=1000,
                        enable_when=_yes("has-allergies"),
                    ),
                ],
            ),
            item(
                "leikkaukset",
                "group",
                ("Leikkaukset", "Operationer", "Surgeries"),
                items=[
                    item(
                        "had-surgery",
                        "choice",
                        ("Onko sinulle tehty leikkauksia?", "Har du opererats?", "Have you had surgery?"),
                        required=True,
                        options=[YES, NO],
                    ),
                    item(
                        "surgeries",
                        "string",
                        (
                            "Leikkaus ja vuosi (yksi riviä kohden)",
                            "Operation och år (en per rad)",
                            "Operation and year (one per line)",
                        ),
                        repeats=True,
                        required=True,
                        max_length=200,
                        enable_when=_yes("had-surgery"),
                    ),
                ],
            ),
            item(
                "alkoholi",
                "group",
                ("Alkoholinkäyttö (AUDIT)", "Alkoholvanor (AUDIT)", "Alcohol use (AUDIT)"),
                items=audit_items(),
            ),
            item("mieliala", "group", ("Mieliala", "Sinnesstämning", "Mood"), items=phq2_items()),
            item(
                "lisatiedot",
                "group",
                ("Lisätiedot", "Tilläggsuppgifter", "Anything else"),
                items=[
                    item(
                        "other",
                        "text",
                        (
                            "Haluatko kertoa vielä jotain ennen vastaanottoa?",
                            "Vill du berätta något annat före mottagningen?",
                            "Is there anything else you want to tell before the appointment?",
                        ),
                        max_length=2000,
                    )
                ],
            ),
        ],
        description=(
            "Vastaa ennen vastaanottoa. Vastauksesi näkyvät sinua hoitavalle ammattilaiselle.",
            "Svara före mottagningen. Dina svar syns för den yrkesperson som vårdar dig.",
            "Answer before the appointment. The professional who treats you sees your answers.",
        ),
    )


def audit() -> dict:
    return questionnaire(
        "audit",
        1,
        ("AUDIT – alkoholinkäytön riskit", "AUDIT – riskbruk av alkohol", "AUDIT – alcohol use risks"),
        audit_items(),
        description=(
            "Testi kertoo, onko alkoholinkäytöstäsi riskiä terveydelle.",
            "Testet visar om ditt drickande innebär risker för hälsan.",
            "The test shows whether your drinking puts your health at risk.",
        ),
    )


def findrisc() -> dict:
    return questionnaire(
        "findrisc",
        1,
        (
            "Tyypin 2 diabeteksen riskitesti (FINDRISC)",
            "Risktest för typ 2-diabetes (FINDRISC)",
            "Type 2 diabetes risk test (FINDRISC)",
        ),
        findrisc_items(),
        description=(
            "Testi arvioi riskisi sairastua tyypin 2 diabetekseen 10 vuoden aikana.",
            "Testet bedömer risken att insjukna i typ 2-diabetes inom 10 år.",
            "The test estimates your risk of type 2 diabetes within 10 years.",
        ),
    )


MUNICIPALITY_OPTIONS = [option(m.code, (m.name_fi, m.name_sv, m.name_fi)) for m in KANTA_HAME]


def _notifier(professional_allowed: bool = True) -> dict:
    roles = [option("private", ("Yksityishenkilö", "Privatperson", "Private person"))]
    if professional_allowed:
        roles.append(
            option(
                "professional",
                (
                    "Ilmoitusvelvollinen ammattilainen (esim. opettaja, lääkäri, poliisi)",
                    "Anmälningsskyldig yrkesperson (t.ex. lärare, läkare, polis)",
                    "Professional with a duty to notify (e.g. teacher, doctor, police)",
                ),
            )
        )
    is_professional = [
        when("notifier-role", "=", answerCoding={"system": "urn:luukku:answer", "code": "professional"})
    ]
    return item(
        "ilmoittaja",
        "group",
        ("Ilmoittaja", "Anmälare", "The notifier"),
        items=[
            item(
                "notifier-role",
                "choice",
                ("Teetkö ilmoituksen", "Gör du anmälan som", "You are making the notification as"),
                required=True,
                options=roles,
            ),
            item(
                "notifier-anonymous-info",
                "display",
                (
                    "Yksityishenkilö voi ilmoittaa nimettömästi. Jos jätät yhteystietosi, sosiaalityöntekijä voi kysyä "
                    "lisätietoja.",
                    "En privatperson kan anmäla anonymt. Om du lämnar dina kontaktuppgifter kan "
                    "socialarbetaren be om mer information.",
                    "A private person may notify anonymously. If you leave "
                    "your contact details, the social worker can ask you for more information.",
                ),
            ),
            item("notifier-name", "string", ("Nimesi", "Ditt namn", "Your name"), max_length=150),
            item(
                "notifier-phone",
                "string",
                ("Puhelinnumerosi", "Ditt telefonnummer", "Your phone number"),
                max_length=25,
            ),
            item(
                "notifier-organisation",
                "string",
                ("Organisaatio ja ammatti", "Organisation och yrke", "Organisation and profession"),
                required=True,
                max_length=150,
                enable_when=is_professional,
            ),
            item(
                "notifier-professional-phone",
                "string",
                ("Puhelinnumero, josta tavoittaa", "Telefonnummer", "Phone number where you can be reached"),
                required=True,
                max_length=25,
                enable_when=is_professional,
            ),
        ],
    )


def _address(link: str) -> dict:
    return item(
        link, "string", ("Osoite, jos tiedät", "Adress, om du vet", "Address, if you know it"), max_length=200
    )


def _concern(question, before: list[dict] | None = None, after: list[dict] | None = None) -> dict:
    """The "concern" page of a notification: the notifier's own words, required."""
    return item(
        "huoli",
        "group",
        ("Huoli", "Oro", "The concern"),
        items=[
            *(before or []),
            item("concern", "text", question, required=True, max_length=5000),
            *(after or []),
        ],
    )


def _danger(texts) -> list[dict]:
    return [
        item("immediate-danger", "choice", texts, required=True, options=[YES, NO]),
        emergency_call(
            item(
                "danger-call",
                "display",
                (
                    "Soita heti hätänumeroon 112.",
                    "Ring genast nödnumret 112.",
                    "Call the emergency number 112 now.",
                ),
                enable_when=_yes("immediate-danger"),
            )
        ),
    ]


def child_welfare() -> dict:
    return questionnaire(
        "lastensuojeluilmoitus",
        1,
        ("Lastensuojeluilmoitus", "Barnskyddsanmälan", "Child welfare notification"),
        [
            *_danger(
                (
                    "Onko lapsi välittömässä vaarassa?",
                    "Är barnet i omedelbar fara?",
                    "Is the child in immediate danger?",
                )
            ),
            item(
                "lapsi",
                "group",
                ("Lapsi", "Barnet", "The child"),
                items=[
                    item(
                        "child-name",
                        "string",
                        ("Lapsen nimi", "Barnets namn", "The child's name"),
                        required=True,
                        max_length=150,
                    ),
                    item(
                        "child-age",
                        "string",
                        (
                            "Lapsen ikä tai syntymäaika",
                            "Barnets ålder eller födelsedatum",
                            "The child's age or date of birth",
                        ),
                        max_length=50,
                    ),
                    item(
                        "child-municipality",
                        "choice",
                        ("Lapsen kotikunta", "Barnets hemkommun", "The child's home municipality"),
                        required=True,
                        options=MUNICIPALITY_OPTIONS,
                    ),
                    _address("child-address"),
                ],
            ),
            _concern(
                (
                    "Kerro, mistä olet huolissasi ja mitä olet havainnut.",
                    "Berätta vad du är orolig för och vad du har observerat.",
                    "Tell what worries you and what you have observed.",
                ),
                after=[
                    item(
                        "family-knows",
                        "choice",
                        (
                            "Tietääkö perhe, että teet ilmoituksen?",
                            "Vet familjen att du gör anmälan?",
                            "Does the family know that you are notifying?",
                        ),
                        options=[YES, NO],
                    ),
                ],
            ),
            _notifier(),
        ],
        subject="Person",
    )


def anticipatory_child_welfare() -> dict:
    return questionnaire(
        "ennakollinen-lastensuojeluilmoitus",
        1,
        (
            "Ennakollinen lastensuojeluilmoitus",
            "Föregripande barnskyddsanmälan",
            "Anticipatory child welfare notification",
        ),
        [
            item(
                "ohje",
                "display",
                (
                    "Ilmoitus tehdään ennen lapsen syntymää, jos on syytä epäillä, että syntyvä lapsi "
                    "tarvitsee tukea heti syntymänsä jälkeen.",
                    "Anmälan görs före barnets födelse om det finns skäl att misstänka att barnet "
                    "behöver stöd genast efter födseln.",
                    "The notification is made before the birth if there is reason to believe that the "
                    "child will need support immediately after birth.",
                ),
            ),
            item(
                "odottaja",
                "group",
                ("Odottava vanhempi", "Den väntande föräldern", "The expectant parent"),
                items=[
                    item("parent-name", "string", ("Nimi", "Namn", "Name"), required=True, max_length=150),
                    item(
                        "due-date",
                        "date",
                        ("Laskettu aika, jos tiedossa", "Beräknad tid, om känd", "Due date, if known"),
                    ),
                    item(
                        "parent-municipality",
                        "choice",
                        ("Kotikunta", "Hemkommun", "Home municipality"),
                        required=True,
                        options=MUNICIPALITY_OPTIONS,
                    ),
                ],
            ),
            _concern(
                ("Kerro, mistä olet huolissasi.", "Berätta vad du är orolig för.", "Tell what worries you."),
            ),
            _notifier(),
        ],
        subject="Person",
    )


def family_support() -> dict:
    needs = [
        option(code, texts)
        for code, texts in (
            ("everyday", ("Arjen sujuminen", "Vardagen", "Managing everyday life")),
            ("parenting", ("Vanhemmuus ja kasvatus", "Föräldraskap och uppfostran", "Parenting")),
            ("home-help", ("Kotipalvelu", "Hemservice", "Home help")),
            (
                "relationship",
                ("Parisuhde tai ero", "Parförhållande eller skilsmässa", "Relationship or separation"),
            ),
            ("money", ("Toimeentulo", "Utkomst", "Money and livelihood")),
            ("other", ("Muu", "Annat", "Something else")),
        )
    ]
    return questionnaire(
        "perheen-tuen-tarve",
        1,
        (
            "Pyyntö perheen palvelutarpeen arvioinnista",
            "Begäran om bedömning av familjens servicebehov",
            "Request for an assessment of a family's support needs",
        ),
        [
            item(
                "perhe",
                "group",
                ("Perhe", "Familjen", "The family"),
                items=[
                    item(
                        "applicant-name",
                        "string",
                        ("Nimesi", "Ditt namn", "Your name"),
                        required=True,
                        max_length=150,
                    ),
                    item(
                        "applicant-phone",
                        "string",
                        ("Puhelinnumerosi", "Ditt telefonnummer", "Your phone number"),
                        required=True,
                        max_length=25,
                    ),
                    item(
                        "family-municipality",
                        "choice",
                        ("Kotikunta", "Hemkommun", "Home municipality"),
                        required=True,
                        options=MUNICIPALITY_OPTIONS,
                    ),
                    item(
                        "children-ages",
                        "string",
                        ("Lasten iät", "Barnens åldrar", "The children's ages"),
                        max_length=100,
                    ),
                ],
            ),
            item(
                "tarve",
                "group",
                ("Tuen tarve", "Behov av stöd", "Support needed"),
                items=[
                    item(
                        "needs",
                        "choice",
                        (
                            "Missä asioissa toivotte tukea?",
                            "Inom vilka områden önskar ni stöd?",
                            "What would you like support with?",
                        ),
                        required=True,
                        repeats=True,
                        options=needs,
                    ),
                    item(
                        "situation",
                        "text",
                        (
                            "Kerro perheenne tilanteesta.",
                            "Berätta om familjens situation.",
                            "Tell about your family's situation.",
                        ),
                        required=True,
                        max_length=5000,
                    ),
                ],
            ),
        ],
        subject="Person",
    )


def older_person_concern() -> dict:
    concerns = [
        option(code, texts)
        for code, texts in (
            ("memory", ("Muisti", "Minnet", "Memory")),
            ("coping", ("Kotona pärjääminen", "Att klara sig hemma", "Coping at home")),
            ("safety", ("Turvallisuus", "Säkerhet", "Safety")),
            ("neglect", ("Hoidon laiminlyönti", "Försummelse", "Neglect")),
            ("abuse", ("Kaltoinkohtelu", "Illabehandling", "Abuse")),
        )
    ]
    return questionnaire(
        "huoli-iakkaasta",
        1,
        (
            "Huoli-ilmoitus iäkkäästä henkilöstä",
            "Anmälan om oro för en äldre person",
            "Concern about an older person",
        ),
        [
            *_danger(
                (
                    "Onko henkilö välittömässä vaarassa?",
                    "Är personen i omedelbar fara?",
                    "Is the person in immediate danger?",
                )
            ),
            item(
                "henkilo",
                "group",
                ("Iäkäs henkilö", "Den äldre personen", "The older person"),
                items=[
                    item("person-name", "string", ("Nimi", "Namn", "Name"), required=True, max_length=150),
                    item(
                        "person-municipality",
                        "choice",
                        ("Kotikunta", "Hemkommun", "Home municipality"),
                        required=True,
                        options=MUNICIPALITY_OPTIONS,
                    ),
                    _address("person-address"),
                ],
            ),
            _concern(
                ("Kerro tarkemmin.", "Berätta mer.", "Tell more."),
                before=[
                    item(
                        "concern-types",
                        "choice",
                        ("Mistä olet huolissasi?", "Vad är du orolig för?", "What are you worried about?"),
                        repeats=True,
                        options=concerns,
                    ),
                ],
            ),
            _notifier(),
        ],
        subject="Person",
    )


CATALOGUE = (
    Entry("esitiedot", "pre_information", pre_information, ["audit", "phq2"]),
    Entry("leikkausta-edeltava", "pre_information", pre_operative),
    Entry("leikkauksen-jalkeen", "pre_information", post_operative, ["postop"]),
    Entry("pef-seuranta", "pre_information", pef_diary, ["pef"]),
    Entry("audit", "self_assessment", audit, ["audit"], anonymous_allowed=True),
    Entry("findrisc", "self_assessment", findrisc, ["findrisc"], anonymous_allowed=True),
    Entry(
        "lastensuojeluilmoitus",
        "notification",
        child_welfare,
        anonymous_allowed=True,
        recipient_unit="lapsiperheiden-sosiaalityo",
    ),
    Entry(
        "ennakollinen-lastensuojeluilmoitus",
        "notification",
        anticipatory_child_welfare,
        anonymous_allowed=True,
        recipient_unit="lapsiperheiden-sosiaalityo",
    ),
    Entry(
        "perheen-tuen-tarve",
        "notification",
        family_support,
        anonymous_allowed=True,
        recipient_unit="lapsiperheiden-sosiaalityo",
    ),
    Entry(
        "huoli-iakkaasta",
        "notification",
        older_person_concern,
        anonymous_allowed=True,
        recipient_unit="ikaantyneiden-palveluohjaus",
    ),
)
BY_KEY = {entry.key: entry for entry in CATALOGUE}

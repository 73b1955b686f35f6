"""The feedback surveys: FHIR R4 Questionnaires on the questionnaires engine, in fi/sv/en.

The common core follows the national customer-feedback model for social and health services (THL's
and the wellbeing services counties' shared customer experience questions, 2023): the recommendation
question on a 0-10 scale for NPS, three experience statements on a 1-5 agreement scale (I got help for
my need; I was treated well; my matter was handled smoothly) and an open comment. Service-specific
versions add questions after the core, so every version reports the same core figures.

`publish_surveys()` stores each as a new questionnaire version when its content changed (old answers
keep pointing to the version they answered).
"""

from collections.abc import Callable

from luukku.questionnaires import services as questionnaires
from luukku.questionnaires.fhirq import item, option, questionnaire

PURPOSE = "feedback"  # questionnaires.Definition.purpose: not listed among the resident's forms
NPS_LINK = "nps"
COMMENT_LINK = "comment"
CORE_KEY = "palaute"

AGREE = [
    option("1", ("Täysin eri mieltä", "Helt av annan åsikt", "Strongly disagree"), 1),
    option("2", ("Jokseenkin eri mieltä", "Delvis av annan åsikt", "Disagree"), 2),
    option("3", ("En samaa enkä eri mieltä", "Varken av samma eller annan åsikt", "Neutral"), 3),
    option("4", ("Jokseenkin samaa mieltä", "Delvis av samma åsikt", "Agree"), 4),
    option("5", ("Täysin samaa mieltä", "Helt av samma åsikt", "Strongly agree"), 5),
]


def _scale() -> list[dict]:
    return [option(str(n), (str(n), str(n), str(n)), n) for n in range(11)]


def core_items() -> list[dict]:
    return [
        item(
            NPS_LINK,
            "choice",
            (
                "Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisillesi, jos he tarvitsisivat "
                "vastaavaa palvelua? (0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti)",
                "Hur sannolikt är det att du skulle rekommendera tjänsten till dina närstående om de behövde "
                "en liknande tjänst? (0 = inte alls sannolikt, 10 = mycket sannolikt)",
                "How likely would you be to recommend the service you received to those close to you if "
                "they needed a similar service? (0 = not at all likely, 10 = extremely likely)",
            ),
            required=True,
            options=_scale(),
        ),
        item(
            "help",
            "choice",
            ("Sain apua tarpeeseeni.", "Jag fick hjälp med det jag behövde.", "I got help for my need."),
            options=AGREE,
        ),
        item(
            "treated",
            "choice",
            ("Minua kohdeltiin hyvin.", "Jag blev väl bemött.", "I was treated well."),
            options=AGREE,
        ),
        item(
            "smooth",
            "choice",
            (
                "Asiani hoidettiin sujuvasti.",
                "Mitt ärende sköttes smidigt.",
                "My matter was handled smoothly.",
            ),
            options=AGREE,
        ),
    ]


def _comment() -> dict:
    return item(
        COMMENT_LINK,
        "text",
        (
            "Mitä muuta haluaisit kertoa? Älä kirjoita henkilötunnustasi tai terveystietojasi.",
            "Vad mer vill du berätta? Skriv inte din personbeteckning eller dina hälsouppgifter.",
            "What else would you like to tell us? Do not write your personal identity code or health "
            "details.",
        ),
        max_length=2000,
    )


def core() -> dict:
    return questionnaire(
        CORE_KEY,
        1,
        ("Asiakaspalaute", "Kundrespons", "Customer feedback"),
        [*core_items(), _comment()],
    )


def appointment() -> dict:
    """Appointments: the core and whether the time came soon enough."""
    return questionnaire(
        "palaute-vastaanotto",
        1,
        ("Asiakaspalaute: vastaanotto", "Kundrespons: mottagning", "Customer feedback: appointment"),
        [
            *core_items(),
            item(
                "waited",
                "choice",
                (
                    "Pääsin vastaanotolle riittävän nopeasti.",
                    "Jag fick en tid tillräckligt snabbt.",
                    "I got an appointment soon enough.",
                ),
                options=AGREE,
            ),
            _comment(),
        ],
    )


def chat() -> dict:
    """Chat: the core and whether the queue was short enough."""
    return questionnaire(
        "palaute-chat",
        1,
        ("Asiakaspalaute: chat", "Kundrespons: chatt", "Customer feedback: chat"),
        [
            *core_items(),
            item(
                "queue",
                "choice",
                (
                    "Pääsin keskustelemaan riittävän nopeasti.",
                    "Jag kom fram tillräckligt snabbt.",
                    "I got through soon enough.",
                ),
                options=AGREE,
            ),
            _comment(),
        ],
    )


SURVEYS: dict[str, Callable[[], dict]] = {
    CORE_KEY: core,
    "palaute-vastaanotto": appointment,
    "palaute-chat": chat,
}


def publish_surveys() -> list:
    return [questionnaires.publish(key, build(), PURPOSE) for key, build in SURVEYS.items()]


def definition(key: str):
    """The current version of a survey, published on first use."""
    from luukku.questionnaires.models import Definition

    found = Definition.objects.filter(key=key, current=True).first()
    if found is None:
        found = questionnaires.publish(key, SURVEYS.get(key, core)(), PURPOSE)
    return found

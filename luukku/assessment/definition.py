"""The care-need assessment questionnaire and the county's default rules."""

from luukku.questionnaires.fhirq import item, option, questionnaire, when

KEY = "hoidon-tarve"


def assessment() -> dict:
    concern = [
        option(code, texts)
        for code, texts in (
            ("illness", ("Sairaus tai oire", "Sjukdom eller symtom", "An illness or symptom")),
            (
                "mental",
                (
                    "Mieliala, ahdistus tai uupumus",
                    "Sinnesstämning, ångest eller utmattning",
                    "Mood, anxiety or exhaustion",
                ),
            ),
            (
                "substance",
                (
                    "Alkoholi, lääkkeet tai muut päihteet",
                    "Alkohol, läkemedel eller andra droger",
                    "Alcohol, medicines or other substances",
                ),
            ),
            (
                "musculoskeletal",
                (
                    "Tuki- ja liikuntaelimet (selkä, nivelet)",
                    "Stöd- och rörelseorganen (rygg, leder)",
                    "Back, joints or muscles",
                ),
            ),
            ("teeth", ("Hampaat tai suu", "Tänder eller mun", "Teeth or mouth")),
            ("family", ("Lapsiperheen asiat", "Barnfamiljens ärenden", "Family with children")),
            (
                "wellbeing",
                ("Hyvinvointi ja elintavat", "Välbefinnande och levnadsvanor", "Wellbeing and lifestyle"),
            ),
        )
    ]
    flags = [
        option(code, texts)
        for code, texts in (
            ("chest_pain", ("Puristava rintakipu", "Tryckande bröstsmärta", "Crushing chest pain")),
            ("breathing", ("Vaikea hengenahdistus", "Svår andnöd", "Severe shortness of breath")),
            (
                "stroke",
                (
                    "Äkillinen puheen tai raajojen heikkous",
                    "Plötslig svaghet i tal eller lemmar",
                    "Sudden weakness of speech or limbs",
                ),
            ),
            (
                "suicidal",
                (
                    "Ajatuksia itsensä vahingoittamisesta",
                    "Tankar på att skada sig själv",
                    "Thoughts of harming yourself",
                ),
            ),
            ("none", ("Ei mitään näistä", "Inget av dessa", "None of these")),
        )
    ]
    severity = [
        option(code, texts)
        for code, texts in (
            ("mild", ("Lievä, pärjään kotona", "Lindrig, jag klarar mig hemma", "Mild, I manage at home")),
            ("moderate", ("Haittaa arkea", "Stör vardagen", "It affects my daily life")),
            (
                "severe",
                (
                    "Voimakas tai pahenee nopeasti",
                    "Kraftig eller förvärras snabbt",
                    "Severe or getting worse fast",
                ),
            ),
        )
    ]
    return questionnaire(
        KEY,
        1,
        ("Hoidon tarpeen arviointi", "Bedömning av vårdbehov", "Care-need assessment"),
        [
            item(
                "red-flags",
                "choice",
                (
                    "Onko sinulla nyt jokin näistä?",
                    "Har du nu något av detta?",
                    "Do you have any of these now?",
                ),
                required=True,
                repeats=True,
                options=flags,
            ),
            item(
                "concern",
                "choice",
                ("Mitä asiasi koskee?", "Vad gäller ditt ärende?", "What is your matter about?"),
                required=True,
                options=concern,
            ),
            item(
                "severity",
                "choice",
                ("Kuinka paljon asia vaivaa?", "Hur mycket besvärar det?", "How much does it bother you?"),
                required=True,
                options=severity,
            ),
            item(
                "duration-days",
                "integer",
                (
                    "Kuinka monta päivää oireet ovat kestäneet?",
                    "Hur många dagar har symtomen pågått?",
                    "For how many days have you had it?",
                ),
                min_value=0,
                max_value=3650,
                enable_when=[
                    when("concern", "=", answerCoding={"system": "urn:luukku:answer", "code": "illness"})
                ],
            ),
            item(
                "details",
                "text",
                (
                    "Kerro lyhyesti tilanteestasi.",
                    "Beskriv kort din situation.",
                    "Describe your situation briefly.",
                ),
                max_length=1000,
            ),
        ],
        description=(
            "Vastaa muutamaan kysymykseen, niin ohjaamme sinut oikeaan paikkaan.",
            "Svara på några frågor så hänvisar vi dig rätt.",
            "Answer a few questions and we will guide you to the right place.",
        ),
    )


def _severe(name: str, concerns: list[str], route: str) -> dict:
    return {
        "name": name,
        "when": [{"question": "concern", "any_of": concerns}, {"question": "severity", "any_of": ["severe"]}],
        "urgency": "urgent",
        "route": route,
    }


# Order matters: the first matching rule decides. Emergencies first, then thoughts of self-harm (crisis
# numbers before any chat), then "severe or getting worse fast" for every concern, then the rest.
# services.validate_rules refuses any rule set that breaks these safety properties.
DEFAULT_RULES = [
    {
        "name": "hätätilanne",
        "when": [{"question": "red-flags", "any_of": ["chest_pain", "breathing", "stroke"]}],
        "urgency": "emergency",
        "route": "call_112",
    },
    {
        "name": "itsetuhoisuus",
        "when": [{"question": "red-flags", "any_of": ["suicidal"]}],
        "urgency": "urgent",
        "route": "crisis:mielenterveys",
    },
    _severe("vaikea sairaus", ["illness"], "chat:hoitaja"),
    _severe("vaikea mielenterveys- tai päihdeasia", ["mental", "substance"], "chat:mielenterveys"),
    _severe("vaikea tuki- ja liikuntaelinvaiva", ["musculoskeletal"], "chat:hoitaja"),
    _severe("vaikea suun oire", ["teeth"], "chat:suun-terveys"),
    _severe("vaikea perheen tilanne", ["family"], "chat:perhekeskus"),
    _severe("vaikea muu asia", ["wellbeing"], "chat:hoitaja"),
    {
        "name": "mielenterveys ja päihteet",
        "when": [{"question": "concern", "any_of": ["mental", "substance"]}],
        "urgency": "non_urgent",
        "route": "chat:mielenterveys",
    },
    {
        "name": "kuntoutus",
        "when": [{"question": "concern", "any_of": ["musculoskeletal"]}],
        "urgency": "non_urgent",
        "route": "chat:kuntoutus",
    },
    {
        "name": "suun terveys",
        "when": [{"question": "concern", "any_of": ["teeth"]}],
        "urgency": "non_urgent",
        "route": "chat:suun-terveys",
    },
    {
        "name": "perhekeskus",
        "when": [{"question": "concern", "any_of": ["family"]}],
        "urgency": "non_urgent",
        "route": "chat:perhekeskus",
    },
    {
        "name": "lievä oire",
        "when": [
            {"question": "concern", "any_of": ["illness"]},
            {"question": "severity", "any_of": ["mild"]},
        ],
        "urgency": "self_care",
        "route": "self_care",
    },
    {
        "name": "hyvinvointi",
        "when": [{"question": "concern", "any_of": ["wellbeing"]}],
        "urgency": "self_care",
        "route": "hyte",
    },
    {"name": "muu sairaus", "urgency": "non_urgent", "route": "chat:hoitaja"},
]

"""Safety first: emergency and crisis phrasing in Finnish, Swedish or English is recognised before any
retrieval and always answered with the emergency number 112, the crisis line or the medical helpline
116 117 first. Assi never gives a diagnosis: questions about symptoms get the care-need assessment.

Numbers (checked 2026-11): 112 emergency (Hätäkeskuslaitos); 116 117 Päivystysapu, the medical
helpline of the joint emergency service, around the clock; MIELI Kriisipuhelin 09 2525 0111 in Finnish
around the clock, 09 2525 0112 in Swedish and 09 2525 0113 in English and Arabic at set hours
(mieli.fi; the English line is 0113, not 0116); Nollalinja 080 005 005, the helpline for violence in
close relationships, free and around the clock; Myrkytystietokeskus 0800 147 111 (poisons).

The patterns are matched on folded text (lower case, ä -> a, å -> a, ö -> o) at the start of a word,
so inflected forms match (*rintakipua*, *hengittää*); over-matching is the safe error here.
"""

import re
from dataclasses import dataclass

from .text import fold

MEDICAL, CRISIS, VIOLENCE = "medical", "crisis", "violence"


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(rf"(?:(?<![a-z]){p})" for p in patterns))


EMERGENCY_PATTERNS: dict[str, re.Pattern] = {
    CRISIS: _any(
        # fi
        r"itsemurh",
        r"itsetuho",
        r"tapan itseni",
        r"tappaa itseni",
        r"tappaisin itseni",
        r"haluan kuolla",
        r"haluaisin kuolla",
        r"en halua (enaa )?elaa",
        r"en jaksa (enaa )?elaa",
        r"ei jaksa (enaa )?elaa",
        r"paattaa (tama |tan )?(elamani|paivani)",
        r"vahingoittaa itse",
        r"satuttaa itse",
        r"viiltel",
        r"viillel",
        r"viilsin",
        r"satutan itse",
        r"satuttaa itte",
        r"vahingoitan itse",
        r"hypata sillalta",
        # sv
        r"sjalvmord",
        r"ta livet av mig",
        r"ta mitt liv",
        r"vill do\b",
        r"vill inte leva",
        r"orkar inte leva",
        r"skada mig sjalv",
        r"skadar mig sjalv",
        # en
        r"suicid",
        r"kill myself",
        r"killing myself",
        r"want to die",
        r"wanna die",
        r"end my life",
        r"end it all",
        r"(do not|don ?t|dont) want to live",
        r"hurt myself",
        r"harm myself",
        r"self[- ]?harm",
        r"cutting myself",
    ),
    MEDICAL: _any(
        # fi
        r"rintakip",
        r"rintaan sattuu",
        r"rintaa puristaa",
        r"puristaa rinta",
        r"kipua? rinnassa",
        r"kova kipu rinnassa",
        r"(en|ei) saa henkea",
        r"(en|ei) pysty hengittama",
        r"(en|ei) voi hengittaa",
        r"hengitys ei kulje",
        r"vaikea hengittaa",
        r"tukehtu",
        r"tajuton",
        r"menetti tajun",
        r"(ei|eika|en) hera",
        r"ei saa hereille",
        r"ei hengita",
        r"sydankohtau",
        r"sydaninfarkt",
        r"aivoinfarkt",
        r"aivohalvau",
        r"halvaantu",
        r"suupieli roikkuu",
        r"puhe puuroutu",
        r"kouristel",
        r"kouristu",
        r"runsas verenvuoto",
        r"vuotaa paljon verta",
        r"verenvuoto ei lopu",
        r"yliannostu",
        r"otin liikaa laakkeita",
        r"myrkyty",
        r"anafylak",
        r"kurkku turpoaa",
        # sv
        r"brostsmart",
        r"ont i brostet",
        r"smarta i brostet",
        r"tryck over brostet",
        r"kan inte andas",
        r"kan knappt andas",
        r"far inte luft",
        r"far ingen luft",
        r"andas inte",
        r"medvetslos",
        r"vaknar inte",
        r"hjartinfarkt",
        r"hjartattack",
        r"stroke",
        r"slaganfall",
        r"kramp(er|anfall)",
        r"bloder kraftigt",
        r"kraftig blodning",
        r"overdos",
        r"forgiftning",
        r"svullnar i halsen",
        # en
        r"chest pain",
        r"pain in (my|the|his|her) chest",
        r"chest (hurts|tightness)",
        r"(can ?not|can ?t|cant|unable to) breathe",
        r"not breathing",
        r"struggling to breathe",
        r"short of breath",
        r"choking",
        r"unconscious",
        r"passed out",
        r"(won ?t|will not|not) wak(e|ing) up",
        r"heart attack",
        r"seizure",
        r"bleeding (heavily|a lot|badly)",
        r"heavy bleeding",
        r"overdos",
        r"poison",
        r"anaphyla",
        r"throat (is )?swelling",
    ),
    VIOLENCE: _any(
        # fi
        r"lahisuhdevakival",
        r"perhevakival",
        r"vakival",
        r"lyo minua",
        r"loi minua",
        r"hakkaa minua",
        r"hakkasi minut",
        r"uhkaa tappaa",
        r"uhkasi tappaa",
        r"pelkaan (puolisoani|miestani|vaimoani|kumppaniani)",
        r"raiskat",
        r"raiskas",
        r"seksuaalinen hyvaksikaytto",
        # sv
        r"vald i (nara|hemmet)",
        r"valdsam",
        r"slar mig",
        r"slagit mig",
        r"slog mig",
        r"misshandla",
        r"hotar att doda",
        r"hotade att doda",
        r"valdtag",
        r"valdtakt",
        # en
        r"violence",
        r"violent",
        r"(hits|hit|beats|beat|kicks|kicked) me",
        r"abused",
        r"abusing me",
        r"threaten(s|ed)? to kill",
        r"\braped?\b",
        r"sexual(ly)? assault",
    ),
}

# Order matters: a question about suicide and violence gets the crisis answer, which includes 112.
PRIORITY = (MEDICAL, CRISIS, VIOLENCE)

EMERGENCY_ANSWERS: dict[str, dict[str, str]] = {
    MEDICAL: {
        "fi": "Jos kyseessä on hätätilanne, soita heti hätänumeroon 112. Kiireettömässä sairastumisessa "
        "soita Päivystysapuun 116 117 (maksuton, ympäri vuorokauden). En voi arvioida oireita enkä tehdä "
        "diagnoosia.",
        "sv": "Om det är en nödsituation, ring genast nödnumret 112. Vid akut men inte livshotande "
        "insjuknande, ring Päivystysapu (jourhjälpen) 116 117 (avgiftsfritt, dygnet runt). Jag kan inte "
        "bedöma symtom eller ställa diagnos.",
        "en": "If this is an emergency, call the emergency number 112 now. For sudden illness that is not "
        "life-threatening, call the medical helpline 116 117 (free, around the clock). I cannot assess "
        "symptoms or give a diagnosis.",
    },
    CRISIS: {
        "fi": "Jos olet välittömässä vaarassa, soita heti hätänumeroon 112. Voit puhua tilanteestasi "
        "nimettömänä MIELI ry:n Kriisipuhelimessa 09 2525 0111 (suomeksi ympäri vuorokauden). Kiireellistä "
        "apua saat myös Päivystysavusta 116 117. Et ole yksin.",
        "sv": "Om du är i omedelbar fara, ring genast nödnumret 112. Du kan prata anonymt med MIELI "
        "Kristelefonen på svenska 09 2525 0112 eller på finska 09 2525 0111 (dygnet runt). Brådskande hjälp "
        "får du också via Päivystysapu (jourhjälpen) 116 117. Du är inte ensam.",
        "en": "If you are in immediate danger, call the emergency number 112 now. You can talk anonymously "
        "to the MIELI Crisis Helpline: in English 09 2525 0113 (at set hours) or in Finnish 09 2525 0111 "
        "(around the clock). Urgent help is also available from the medical helpline 116 117. You are not "
        "alone.",
    },
    VIOLENCE: {
        "fi": "Jos olet vaarassa nyt, soita hätänumeroon 112. Lähisuhdeväkivaltaa kokeneita auttaa "
        "Nollalinja 080 005 005 (maksuton, ympäri vuorokauden). Kiireellinen sosiaalipäivystys tavoitetaan "
        "myös numerosta 112.",
        "sv": "Om du är i fara nu, ring nödnumret 112. Den som utsatts för våld i nära relationer får hjälp "
        "av Nollalinja 080 005 005 (avgiftsfritt, dygnet runt, även på svenska). Den brådskande "
        "socialjouren nås också via 112.",
        "en": "If you are in danger now, call the emergency number 112. Nollalinja 080 005 005 helps people "
        "who experience violence in close relationships (free, around the clock, also in English). The "
        "urgent social services on call are also reached through 112.",
    },
}

# Symptom and diagnosis questions: never a diagnosis, always the care-need assessment.
SYMPTOMS = _any(
    # fi
    r"oire",
    r"kipu",
    r"kipe",
    r"sarky",
    r"sarkee",
    r"kuume",
    r"yska",
    r"ihottum",
    r"nuha",
    r"flunss",
    r"korvatulehd",
    r"oksent",
    r"ripuli",
    r"huimaa",
    r"sattuu",
    r"onko minulla (joku |jokin )?(tauti|sairaus|infektio|syopa|korona|flunssa)",
    r"mika minua vaivaa",
    r"mika tauti",
    r"diagnoo",
    # sv
    r"symtom",
    r"feber",
    r"hosta",
    r"utslag",
    r"krakas",
    r"diarre",
    r"yrsel",
    r"vark\b",
    r"ont\b",
    r"har jag (en |ett )?(sjukdom|infektion|cancer|corona)",
    r"diagnos",
    # en
    r"symptom",
    r"pain\b",
    r"painful",
    r"ache",
    r"fever",
    r"cough",
    r"rash",
    r"vomit",
    r"diarrh",
    r"dizz",
    r"sore",
    r"do i have (a |an )?(disease|illness|infection|cancer|covid|flu)",
    r"what disease",
    r"diagnos",
)

ASSESSMENT_URL = "/hoidon-tarve/"


@dataclass(frozen=True)
class Emergency:
    kind: str
    answer: str


def emergency(question: str, language: str) -> Emergency | None:
    """The emergency answer when the question has emergency or crisis phrasing in any language."""
    folded = _plain(question)
    for kind in PRIORITY:
        if EMERGENCY_PATTERNS[kind].search(folded):
            return Emergency(kind, EMERGENCY_ANSWERS[kind][language])
    return None


def about_symptoms(question: str) -> bool:
    return bool(SYMPTOMS.search(_plain(question)))


def _plain(question: str) -> str:
    """Folded, without apostrophes (can't -> cant) and with runs of spaces as one."""
    return " ".join(fold(question).replace("'", "").replace("\u2019", "").split())

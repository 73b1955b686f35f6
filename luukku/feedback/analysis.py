"""Sentiment and topics of free-text comments in Finnish, Swedish and English.

A lexicon method per language, deliberately small and explainable: words are folded to lower case
and matched by their beginning (Finnish and Swedish inflect: "ystävällinen", "ystävällisesti",
"ystävällistä" all begin with "ystävälli"), a negation word within the three words before flips a
sentiment word, and the sum decides (positive > 0, negative < 0, else neutral). Topics are the themes
whose stems occur.

Its accuracy on a labelled set written for the purpose (`tests/labelled_comments.py`, 63 comments,
21 per language, written and labelled after the lexicon, not fitted to it) is measured by
`tests/test_analysis.py::test_accuracy_on_the_labelled_set` and reported in docs/feedback.md; it is a
screening aid for reading comments in bulk, not a judgement of any single comment.
"""

import re
from dataclasses import dataclass

LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "fi": {
        "positive": (
            "hyv",
            "erinomai",
            "loistav",
            "mahtav",
            "kiit",
            "ystävälli",
            "asiallis",
            "ammattitai",
            "nopea",
            "nopeast",
            "sujuv",
            "selke",
            "ihan",
            "upea",
            "tyytyväi",
            "kohtelia",
            "empaatt",
            "kuunteli",
            "avulia",
            "huolelli",
            "lämmin",
            "lämpim",
            "suosittel",
            "paras",
            "onnistu",
            "helppo",
            "helpost",
            "rauhalli",
            "turvallis",
            "joustav",
            "täsmälli",
            "kiva",
            "mukava",
            "auttoi",
            "autta",
            "toimiv",
        ),
        "negative": (
            "huono",
            "huonost",
            "hidas",
            "hitaa",
            "tyly",
            "töyke",
            "epäasiall",
            "odotti",
            "odotin",
            "odotus",
            "odottaa",
            "jono",
            "pettym",
            "valitet",
            "ongelm",
            "virhe",
            "vaike",
            "sekav",
            "kallis",
            "tyytymät",
            "välinpitämät",
            "ylimieli",
            "epäselv",
            "unoht",
            "kohtuuton",
            "hukassa",
            "surkea",
            "kamala",
            "peruttiin",
            "peruuntu",
            "myöhäs",
            "myöhästy",
            "turhaut",
            "töykeä",
        ),
        "negations": ("ei", "en", "eikä", "emme", "eivät", "et", "ette"),
    },
    "sv": {
        "positive": (
            "bra",
            "utmärk",
            "tack",
            "vänlig",
            "trevlig",
            "snabb",
            "smidig",
            "tydlig",
            "nöjd",
            "fantastisk",
            "professionell",
            "lyssnade",
            "hjälpsam",
            "toppen",
            "rekommender",
            "lätt",
            "trygg",
            "underbar",
            "kunnig",
            "hjälpte",
            "fungerade",
            "bäst",
        ),
        "negative": (
            "dålig",
            "långsam",
            "otrevlig",
            "vänta",
            "väntetid",
            "kön",
            "besvik",
            "problem",
            "fel",
            "svår",
            "rörig",
            "missnöjd",
            "oförskämd",
            "glömde",
            "oklar",
            "dyr",
            "försen",
            "inställ",
            "nonchalant",
            "frustre",
            "sämst",
        ),
        "negations": ("inte", "ej", "aldrig", "ingen", "inget"),
    },
    "en": {
        "positive": (
            "good",
            "great",
            "excellent",
            "thank",
            "friendly",
            "kind",
            "quick",
            "fast",
            "smooth",
            "clear",
            "satisf",
            "helpful",
            "professional",
            "listened",
            "recommend",
            "easy",
            "best",
            "wonderful",
            "polite",
            "caring",
            "efficient",
            "pleasant",
            "amazing",
            "helped",
            "worked",
        ),
        "negative": (
            "bad",
            "poor",
            "slow",
            "rude",
            "wait",
            "queue",
            "disappoint",
            "problem",
            "error",
            "mistake",
            "difficult",
            "confus",
            "unhappy",
            "dissatisf",
            "ignor",
            "unclear",
            "expensive",
            "late",
            "terrible",
            "awful",
            "forgot",
            "cancel",
            "worst",
            "frustrat",
            "unprofessional",
        ),
        "negations": ("not", "no", "never", "don't", "didn't", "wasn't", "isn't", "nothing", "nobody"),
    },
}

TOPICS: dict[str, tuple[str, ...]] = {
    "waiting": (
        "odot",
        "jono",
        "ajan",
        "aikaa",
        "vänta",
        "kön",
        "väntetid",
        "wait",
        "queue",
        "delay",
        "myöhä",
        "late",
        "försen",
    ),
    "staff": (
        "hoitaj",
        "lääkär",
        "henkilökun",
        "työntekij",
        "sosiaalityönt",
        "kohtel",
        "ystävälli",
        "tyly",
        "personal",
        "sköterska",
        "läkare",
        "bemöt",
        "nurse",
        "doctor",
        "staff",
        "treated",
        "friendly",
        "rude",
        "vänlig",
        "otrevlig",
    ),
    "communication": (
        "tieto",
        "tiedo",
        "ohje",
        "kerto",
        "selit",
        "selke",
        "epäselv",
        "viesti",
        "soit",
        "information",
        "instruct",
        "explain",
        "clear",
        "unclear",
        "called",
        "message",
        "förklar",
        "tydlig",
        "oklar",
        "ringde",
        "informat",
    ),
    "digital": (
        "chat",
        "sovellu",
        "netti",
        "verkko",
        "ajanvara",
        "sähköi",
        "kirjaut",
        "digi",
        "online",
        "website",
        "app",
        "login",
        "webb",
        "inloggn",
        "nätet",
        "booking",
        "bokning",
        "appen",
    ),
    "facilities": (
        "pysäköi",
        "parkki",
        "tilat",
        "odotustil",
        "siisti",
        "likai",
        "esteet",
        "parker",
        "lokal",
        "väntrum",
        "parking",
        "waiting room",
        "clean",
        "dirty",
        "building",
        "städ",
    ),
    "cost": ("maksu", "lasku", "hinta", "kallis", "avgift", "faktur", "dyr", "fee", "bill", "cost", "price"),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.UNICODE)


@dataclass(frozen=True)
class Analysis:
    sentiment: str  # positive | negative | neutral
    score: int
    topics: list[str]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _matches(word: str, stems: tuple[str, ...]) -> bool:
    return any(word.startswith(stem) for stem in stems)


def analyse(text: str, language: str = "fi") -> Analysis:
    """The comment's sentiment and topics, with the lexicon of `language` (fi, sv or en)."""
    lexicon = LEXICON.get(language, LEXICON["fi"])
    words = _words(text)
    score = 0
    for index, word in enumerate(words):
        value = 1 if _matches(word, lexicon["positive"]) else -1 if _matches(word, lexicon["negative"]) else 0
        if value and any(w in lexicon["negations"] for w in words[max(0, index - 3) : index]):
            value = -value
        score += value
    sentiment = "positive" if score > 0 else "negative" if score < 0 else "neutral"
    lowered = " ".join(words)
    topics = sorted(
        topic
        for topic, stems in TOPICS.items()
        if any(_matches(w, stems) for w in words) or any(" " in s and s in lowered for s in stems)
    )
    return Analysis(sentiment, score, topics)

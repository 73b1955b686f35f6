"""Text handling for Assi: masking personal data, words, Snowball stems and compound splitting.

Finnish and Swedish build long compounds (*hammaslääkäriaika*, *barnavårdscentral*); a resident writes
them apart, together or with a typo. Each compound is split against the index's own vocabulary: its
last part (≥ 4 letters) and its first part are added as terms when the vocabulary knows them, so
*lastenneuvola* also finds *neuvola* and *tandläkartid* finds *tandläkare* and *tid*.
"""

import re
import unicodedata
from functools import cache

import snowballstemmer

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SNOWBALL = {"fi": "finnish", "sv": "swedish", "en": "english"}
MAX_QUESTION = 500
MIN_PART = 3  # the shortest first part of a compound
MIN_TAIL = 4  # the shortest last part of a compound

# Words that carry no topic in a question to Assi (question words, pronouns, auxiliaries, politeness).
STOPWORDS = {
    "fi": set(
        [
            "ja",
            "tai",
            "sekä",
            "on",
            "ei",
            "se",
            "ne",
            "että",
            "kun",
            "jos",
            "mitä",
            "mikä",
            "mitkä",
            "miten",
            "mistä",
            "missä",
            "mihin",
            "milloin",
            "kuka",
            "kenelle",
            "ketä",
            "kuinka",
            "voi",
            "voiko",
            "voinko",
            "voisin",
            "saako",
            "saanko",
            "pitää",
            "pitääkö",
            "täytyy",
            "täytyykö",
            "olen",
            "olla",
            "onko",
            "ovat",
            "oli",
            "minä",
            "mä",
            "mun",
            "minun",
            "minulla",
            "minulle",
            "mulla",
            "mulle",
            "sinä",
            "te",
            "he",
            "hän",
            "me",
            "meidän",
            "tämä",
            "tuo",
            "nyt",
            "myös",
            "vain",
            "kiitos",
            "hei",
            "moi",
            "terve",
            "haluaisin",
            "haluan",
            "tarvitsen",
            "kysyä",
            "kysymys",
            "apua",
            "olisi",
            "oisko",
            "onks",
            "mitäs",
            "jo",
            "sitten",
            "kanssa",
            "ku",
            "ko",
            "eli",
            "niin",
            "vai",
            "mites",
            "mä",
            "mää",
            "sä",
            "sää",
            "mun",
            "mulla",
            "mulle",
            "mua",
            "mut",
            "sun",
            "sulla",
            "tää",
            "tämän",
            "toi",
            "nää",
            "noi",
            "oon",
            "ootko",
            "oot",
            "onks",
            "tarttis",
            "tarvis",
            "tarviin",
            "tarttee",
            "haluun",
            "haluisin",
            "voisko",
            "voiks",
            "voisiko",
            "joku",
            "jotain",
            "jonkun",
            "saisinko",
            "pitäis",
            "pitäisi",
            "pitää",
            "ihan",
            "vaan",
            "niinku",
            "sit",
            "just",
            "kans",
            "vielä",
            "enää",
            "nykyään",
            "mitenkä",
            "kuis",
            "mittee",
            "miten",
            "miksi",
            "koska",
        ]
    ),
    "sv": set(
        [
            "och",
            "eller",
            "är",
            "inte",
            "det",
            "den",
            "de",
            "att",
            "när",
            "om",
            "vad",
            "hur",
            "var",
            "vart",
            "vem",
            "vilken",
            "vilka",
            "kan",
            "kanske",
            "får",
            "måste",
            "jag",
            "mig",
            "min",
            "mitt",
            "mina",
            "du",
            "ni",
            "han",
            "hon",
            "vi",
            "vår",
            "har",
            "hade",
            "ha",
            "en",
            "ett",
            "på",
            "av",
            "för",
            "med",
            "till",
            "som",
            "hej",
            "tack",
            "vill",
            "skulle",
            "undrar",
            "fråga",
            "nu",
            "också",
            "bara",
            "ska",
            "ja",
            "man",
            "någon",
            "något",
            "några",
            "mycket",
            "jätte",
            "behöver",
            "finns",
        ]
    ),
    "en": set(
        [
            "the",
            "a",
            "an",
            "and",
            "or",
            "is",
            "are",
            "was",
            "be",
            "to",
            "of",
            "in",
            "on",
            "at",
            "for",
            "with",
            "by",
            "from",
            "how",
            "what",
            "where",
            "when",
            "who",
            "which",
            "can",
            "could",
            "do",
            "does",
            "did",
            "i",
            "me",
            "my",
            "mine",
            "you",
            "your",
            "we",
            "our",
            "he",
            "she",
            "it",
            "they",
            "them",
            "this",
            "that",
            "there",
            "have",
            "has",
            "had",
            "get",
            "please",
            "hi",
            "hello",
            "thanks",
            "thank",
            "want",
            "would",
            "like",
            "need",
            "should",
            "must",
            "will",
            "am",
            "if",
            "about",
            "any",
            "some",
            "someone",
            "something",
            "really",
            "very",
            "much",
            "just",
            "still",
            "anymore",
        ]
    ),
}

# Henkilötunnus (century signs + - A-F U-Y), phone numbers, e-mail addresses: masked before storing.
HETU = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d ()-]{5,}\d\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")


def mask(text: str) -> str:
    """The question without personal identifiers, for the learning loop (never stored unmasked)."""
    text = HETU.sub("[hetu]", text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub("[phone]", text)[:MAX_QUESTION]


def fold(text: str) -> str:
    """Lower case without diacritics (ä -> a, å -> a, ö -> o)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(SNOWBALL[language])


@cache
def stem(word: str, language: str) -> str:
    return fold(_stemmer(language).stemWord(word))


def words(text: str, language: str) -> list[str]:
    """Lower-case words (letters only) without the language's stopwords."""
    stop = STOPWORDS[language]
    return [w for w in WORD.findall(text.lower()) if len(w) >= 2 and w not in stop]


def compound_parts(word: str, language: str, vocabulary: set[str] | frozenset[str]) -> list[str]:
    """Stems of the known parts of a compound word (fi/sv), longest last part first; [] when none."""
    if language == "en" or len(word) < MIN_PART + MIN_TAIL:
        return []
    folded = fold(word)
    for i in range(MIN_PART, len(folded) - MIN_TAIL + 1):
        head, tail = folded[:i], folded[i:]
        tail_stem = stem(tail, language)
        if tail_stem not in vocabulary:
            continue
        parts = [tail_stem]
        for candidate in (head, head[:-1] if head.endswith("s") else head):  # sv linking -s-
            head_stem = stem(candidate, language)
            if head_stem in vocabulary or candidate in vocabulary:
                parts.append(head_stem if head_stem in vocabulary else candidate)
                break
        return parts
    return []


def trigrams(term: str) -> set[str]:
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}

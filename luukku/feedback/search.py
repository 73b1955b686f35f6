"""Predictive, typo-tolerant search over feedback targets (units, services, teams; fi/sv/en names).

Each query word must match a word of the target's names by its beginning ("terv" finds
"terveysasema"), or, from four letters on, by its beginning with one letter wrong, missing, extra or
two letters swapped ("tervyes", "hammashoitoal"); and from four letters on, inside a compound word
("neuvola" finds "lastenneuvola"); from seven letters on, without its last two letters, for Finnish
case endings ("riihimäen" finds "riihimäki"). Accents are folded (ä=a, ö=o, å=a), so "hameenlinna" finds
Hämeenlinna. The index is a symmetric-deletion index over word prefixes, built once per process and
rebuilt when the targets change, so a query costs a few dictionary look-ups per word and one pass over
the distinct words (bench/feedback measures it).
"""

import re
import unicodedata
from dataclasses import dataclass
from threading import Lock

from django.db.models import Count, Max

from .models import FeedbackTarget

MIN_FUZZY = 4  # shorter words match by their exact beginning only
MIN_STEM = 5  # a word of at least MIN_STEM + 2 letters also matches without its last two (case endings)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass
class Index:
    signature: tuple
    ids: list[int]
    kinds: list[str]
    lengths: list[int]
    postings: dict[str, set[int]]  # word -> target positions
    prefixes: dict[str, set[str]]  # prefix -> words starting with it
    fuzzy: dict[str, set[str]]  # a prefix with one letter deleted -> words

    @classmethod
    def build(cls, rows: list[tuple[int, str, str]], signature: tuple) -> "Index":
        index = cls(signature, [], [], [], {}, {}, {})
        for position, (pk, kind, key) in enumerate(rows):
            index.ids.append(pk)
            index.kinds.append(kind)
            index.lengths.append(len(key))
            for word in set(key.split()):
                index.postings.setdefault(word, set()).add(position)
        for word in index.postings:
            for end in range(1, len(word) + 1):
                prefix = word[:end]
                index.prefixes.setdefault(prefix, set()).add(word)
                if end >= MIN_FUZZY - 1:
                    for deleted in _deletions(prefix):
                        index.fuzzy.setdefault(deleted, set()).add(word)
        return index

    def _matching_words(self, query_word: str) -> dict[str, int]:
        """Words of the index the query word matches, with 3 for a whole word, 2 a prefix, 1 a near miss."""
        found = {word: 2 for word in self.prefixes.get(query_word, ())}
        if query_word in self.postings:
            found[query_word] = 3
        if len(query_word) >= MIN_FUZZY:
            near: set[str] = set(self.fuzzy.get(query_word, ()))  # a letter missing from the query
            for deleted in _deletions(query_word):
                near |= self.prefixes.get(deleted, set())  # an extra letter in the query
                near |= self.fuzzy.get(deleted, set())  # a wrong or swapped letter
            for word in near:
                found.setdefault(word, 1)
            for word in self.postings:  # inside a compound: "neuvola" in "lastenneuvola"
                if query_word in word:
                    found.setdefault(word, 1)
        if len(query_word) >= MIN_STEM + 2:  # an inflected ending: "riihimäen" finds "riihimäki"
            for word in self.prefixes.get(query_word[:-2], ()):
                found.setdefault(word, 1)
        return found

    def search(self, query: str, limit: int = 10) -> list[int]:
        scores: dict[int, int] | None = None
        for query_word in dict.fromkeys(words(query)):
            matched: dict[int, int] = {}
            for word, score in self._matching_words(query_word).items():
                for position in self.postings[word]:
                    if matched.get(position, 0) < score:
                        matched[position] = score
            if scores is None:
                scores = matched
            else:
                scores = {p: s + matched[p] for p, s in scores.items() if p in matched}
            if not scores:
                return []
        if not scores:
            return []
        kind_rank = {"unit": 0, "service": 1, "team": 2}
        best = sorted(
            scores, key=lambda p: (-scores[p], kind_rank.get(self.kinds[p], 3), self.lengths[p], self.ids[p])
        )
        return [self.ids[p] for p in best[:limit]]


_lock = Lock()
_index: Index | None = None


def _signature() -> tuple:
    found = FeedbackTarget.objects.filter(active=True).aggregate(
        n=Count("pk"), last=Max("pk"), changed=Max("updated_at")
    )
    return (found["n"], found["last"], found["changed"])


def index() -> Index:
    global _index
    signature = _signature()
    with _lock:
        if _index is None or _index.signature != signature:
            rows = list(FeedbackTarget.objects.filter(active=True).values_list("pk", "kind", "search_key"))
            _index = Index.build(rows, signature)
        return _index


def search(query: str, limit: int = 10) -> list[FeedbackTarget]:
    """The best-matching active targets, best first."""
    ids = index().search(query[:200], limit)
    found = FeedbackTarget.objects.select_related("unit").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def search_key(*names: str) -> str:
    return " ".join(dict.fromkeys(word for name in names for word in words(name)))

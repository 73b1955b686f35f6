"""BM25 retrieval over the published knowledge base and the service directory, one index per language.

Documents: each phrasing of a topic, its title, and its answer (the answer's score counts half: its
many words would otherwise match by chance). Terms are Snowball stems (folded) plus the known parts of
Finnish and Swedish compounds (`text.compound_parts`); a query word whose stem the index does not know
is corrected to the nearest known term by trigram similarity (a typo), if one is close enough.
Ranking is BM25 (`bm25s`, k1 = 1.2, b = 0.75) and a topic's score is its best document's.

Confidence is the share of the query's information (the sum of its terms' IDF, an unknown term
counting as the rarest) that the best document contains: 1.0 when every meaningful word of the
question is in one phrasing, whatever the length. It is comparable across questions, unlike a raw
BM25 score, so one threshold (`services.ANSWER_THRESHOLD`) decides between answering and asking.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import bm25s
import numpy as np

from .text import compound_parts, stem, trigrams, words

ANSWER_WEIGHT = 0.5  # an answer's text counts half a phrasing
TYPO_SIMILARITY = 0.45  # Jaccard similarity of trigrams for a typo correction
TYPO_WEIGHT = 0.8  # a corrected word counts this much of a word written right
MIN_PREFIX = 4


@dataclass(frozen=True)
class Source:
    """What a document belongs to: a topic (by key) or a directory service (by public id)."""

    kind: str  # "topic" or "service"
    key: str
    title: str
    url: str = ""


@dataclass
class LanguageIndex:
    language: str
    sources: list[Source] = field(default_factory=list)
    doc_source: list[int] = field(default_factory=list)
    doc_weight: list[float] = field(default_factory=list)
    doc_terms: list[set[str]] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()
    idf: dict[str, float] = field(default_factory=dict)
    unknown_idf: float = 1.0  # the weight of a word the index does not know (the median IDF)
    by_trigram: dict[str, set[str]] = field(default_factory=dict)
    bm25: bm25s.BM25 | None = None

    def terms(self, text: str, correct: bool = True) -> list[tuple[str, float]]:
        """(term, weight) of a text against this index: stems, compound parts, typo corrections."""
        found: dict[str, float] = {}
        for word in words(text, self.language):
            stemmed = stem(word, self.language)
            if stemmed in self.vocabulary or not self.vocabulary:
                found.setdefault(stemmed, 1.0)
                continue
            parts = compound_parts(word, self.language, self.vocabulary)
            if parts:
                for part in parts:
                    found.setdefault(part, 1.0)
                continue
            fixed = (self.truncated(stemmed) or self.similar(stemmed)) if correct else None
            if fixed:
                found.setdefault(fixed, TYPO_WEIGHT)
            else:
                found.setdefault(stemmed, 1.0)  # unknown: counts against the confidence
        return list(found.items())

    def truncated(self, term: str) -> str | None:
        """A known term that the unknown stem begins with (Finnish inflection Snowball leaves:
        *peruut-* of *peruutan* -> *peru*), at least MIN_PREFIX letters and at most 4 shorter."""
        for k in range(len(term) - 1, max(MIN_PREFIX, len(term) - 4) - 1, -1):
            if term[:k] in self.vocabulary:
                return term[:k]
        return None

    def similar(self, term: str) -> str | None:
        if len(term) < 4:
            return None
        grams = trigrams(term)
        counts: dict[str, int] = defaultdict(int)
        for gram in grams:
            for candidate in self.by_trigram.get(gram, ()):
                counts[candidate] += 1
        best, best_score = None, TYPO_SIMILARITY
        for candidate, shared in counts.items():
            score = shared / (len(grams) + len(trigrams(candidate)) - shared)
            if score > best_score or (score == best_score and best is not None and candidate < best):
                best, best_score = candidate, score
        return best


def _document_terms(text: str, language: str, vocabulary: set[str]) -> list[str]:
    terms = []
    for word in words(text, language):
        terms.append(stem(word, language))
        terms.extend(compound_parts(word, language, vocabulary))
    return terms


def build(language: str, documents: list[tuple[Source, str, float]]) -> LanguageIndex:
    """An index of (source, text, weight) documents in one language."""
    index = LanguageIndex(language)
    # Two passes: the vocabulary of plain stems first, then compounds split against it.
    base = {stem(w, language) for _s, text, _w in documents for w in words(text, language)}
    source_ids: dict[Source, int] = {}
    corpus: list[list[str]] = []
    for source, text, weight in documents:
        terms = _document_terms(text, language, base)
        if not terms:
            continue
        index.doc_source.append(source_ids.setdefault(source, len(source_ids)))
        index.doc_weight.append(weight)
        index.doc_terms.append(set(terms))
        corpus.append(terms)
    index.sources = list(source_ids)
    index.vocabulary = frozenset(t for terms in corpus for t in terms)
    n = len(corpus)
    frequency: dict[str, int] = defaultdict(int)
    for terms in index.doc_terms:
        for term in terms:
            frequency[term] += 1
    index.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
    if index.idf:
        index.unknown_idf = sorted(index.idf.values())[len(index.idf) // 2]
    for term in index.vocabulary:
        if len(term) >= 4:
            for gram in trigrams(term):
                index.by_trigram.setdefault(gram, set()).add(term)
    if corpus:
        index.bm25 = bm25s.BM25(k1=1.2, b=0.75)
        index.bm25.index(corpus, show_progress=False)
    return index


@dataclass(frozen=True)
class Hit:
    source: Source
    score: float
    confidence: float


def search(index: LanguageIndex, text: str, limit: int = 5) -> list[Hit]:
    """The best sources for a question, each with its BM25 score and confidence (0-1)."""
    terms = index.terms(text)
    if not terms or index.bm25 is None:
        return []
    known = [t for t, _w in terms if t in index.vocabulary]
    if not known:
        return []
    scores = np.asarray(index.bm25.get_scores(known), dtype=float) * np.asarray(index.doc_weight)
    total = sum(index.idf.get(t, index.unknown_idf) for t, _w in terms) or 1.0
    weights = dict(terms)
    best: dict[int, Hit] = {}
    for doc in np.argsort(-scores)[: limit * 8]:
        if scores[doc] <= 0:
            break
        covered = sum(index.idf[t] * weights[t] for t in known if t in index.doc_terms[doc])
        confidence = covered / total * (1.0 if index.doc_weight[doc] >= 1 else 0.85)
        source_id = index.doc_source[doc]
        hit = Hit(index.sources[source_id], float(scores[doc]), min(confidence, 1.0))
        if source_id not in best or (hit.confidence, hit.score) > (
            best[source_id].confidence,
            best[source_id].score,
        ):
            best[source_id] = hit
    ranked = sorted(best.values(), key=lambda h: (h.confidence, h.score), reverse=True)
    return ranked[:limit]


def coverage(index: LanguageIndex, text: str) -> float:
    """Share of the question's words this language's index knows (without typo correction)."""
    terms = index.terms(text, correct=False)
    if not terms:
        return 0.0
    return sum(1 for t, _w in terms if t in index.vocabulary) / len(terms)

"""Full-text search of the directory in Finnish, Swedish and English, with stemming and typo tolerance.

Two backends behind one interface, chosen by the database in use:

* **PostgreSQL** (production, CI): a stored generated `tsvector` column built with the `finnish`,
  `swedish` and `english` text-search configurations (Snowball stemmers) from each language's fields
  (names weight A, summaries and keywords B, descriptions C), GIN-indexed; and **pg_trgm** on
  `search_names` (names in every language and keywords), GIN-indexed, for typos. Each query word
  matches when its stem (as a prefix, in any of the three configurations) is in the document or, when
  no document has it (a typo, or the last part of a compound), when the word is trigram-similar to a
  word of the names (`<%`, word_similarity >= 0.6); words are ANDed; the rank
  is `ts_rank` (or the word similarity of a typo). Created by migration 0002 on PostgreSQL only.
* **SQLite** (the embedded demo): an FTS5 table whose text is stemmed in Python with the same Snowball
  algorithms (`snowballstemmer`, pure Python), queried with prefix terms and ranked by bm25 (names
  weighted 10 : 1); typos are corrected against the index's own vocabulary through a trigram index in
  memory (Jaccard similarity of trigrams, the measure pg_trgm uses), rebuilt when the index changes;
  a word found inside indexed terms also matches them (the last part of a Finnish compound: *neuvola*
  finds *lastenneuvola*, as pg_trgm's word similarity does on PostgreSQL).

Why not one library for both (tantivy, bm25s): the data lives in the database, filters (municipality,
type, open now) and the distance sort are SQL, and a second index outside the database would need its
own consistency and deployment story; PostgreSQL already ships the Finnish and Swedish stemmers and
trigram indexes, and the demo gets the same behaviour from SQLite's FTS5 with the same stemmers.
"""

import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8
# Words that carry no meaning in a service search (conjunctions, prepositions) in fi/sv/en.
STOPWORDS = frozenset(
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
        "for",
        "the",
        "and",
        "or",
        "of",
        "in",
        "to",
        "on",
        "at",
        "a",
        "an",
        "with",
        "och",
        "eller",
        "i",
        "på",
        "av",
        "för",
        "med",
        "till",
        "som",
        "är",
        "en",
        "ett",
        "det",
        "den",
    ]
)


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer({"fi": "finnish", "sv": "swedish", "en": "english"}[language])


def fold(text: str) -> str:
    """Lower case without diacritics (ä -> a, å -> a, é -> e): what the indexes compare."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The meaningful words of a query (at most MAX_WORDS), lower case, original letters."""
    found = [w for w in WORD.findall(text.lower()) if len(w) >= 2 and w not in STOPWORDS]
    return list(dict.fromkeys(found))[:MAX_WORDS]


def stems(text: str, language: str) -> list[str]:
    """Snowball stems of a text in one language, folded."""
    stemmer = _stemmer(language)
    return [fold(stemmer.stemWord(w)) for w in WORD.findall(text.lower()) if len(w) >= 2]


def query_stems(word: str) -> set[str]:
    """A query word's stems in every language (the resident may search in any of them)."""
    return {fold(_stemmer(language).stemWord(word)) for language in ("fi", "sv", "en")} | {fold(word)}


def trigrams(term: str) -> set[str]:
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Document:
    """What is indexed of one service: (text, language) pairs for names and for the body."""

    id: int
    names: tuple[tuple[str, str], ...]
    body: tuple[tuple[str, str], ...]


def _stemmed(parts: Iterable[tuple[str, str]]) -> str:
    return " ".join(" ".join(stems(text, language)) for text, language in parts if text)


# ---------------------------------------------------------------- PostgreSQL


TSQUERY = "(to_tsquery('finnish', %s) || to_tsquery('swedish', %s) || to_tsquery('english', %s))"
VECTOR = "directory_directoryservice.search_vector"


_pg_vocabulary: dict[str, object] = {}


def postgres_vocabulary(cursor) -> "Vocabulary":
    """The lexemes of every service's tsvector (ts_stat), cached until a service is added or changed."""
    cursor.execute("SELECT count(*), max(updated_at) FROM directory_directoryservice")
    key = repr(cursor.fetchone())
    if _pg_vocabulary.get("key") != key:
        cursor.execute("SELECT word FROM ts_stat('SELECT search_vector FROM directory_directoryservice')")
        _pg_vocabulary.update(key=key, vocabulary=Vocabulary([row[0] for row in cursor.fetchall()]))
    return _pg_vocabulary["vocabulary"]


def postgres_condition(text: str, cursor) -> tuple[str, list, str, list] | None:
    """SQL (where, params, rank expression, params) for a query on the service table, or None when the
    query has no searchable word. Each word is a prefix tsquery: PostgreSQL's finnish/swedish/english
    stem and the Python Snowball stems (the two Snowball versions differ on some endings), GIN-indexed.
    A word that no service has is corrected against the index's own lexemes (trigram similarity, or
    the last part of a compound); only when that finds nothing either is the word matched by pg_trgm's
    word similarity on the names (`<%`, GIN trigram index). Asking the cheap index question first keeps
    the costly similarity off the thousands of rows the full-text match already decides."""
    terms = words(text)
    if not terms:
        return None
    where, where_params, rank, rank_params = [], [], [], []
    for word in terms:
        prefix = f"{word}:*"  # \w+ only: nothing of the tsquery syntax gets through
        stems = sorted({_stemmer(language).stemWord(word) for language in ("fi", "sv", "en")} | {word})
        query = f"({TSQUERY} || to_tsquery('simple', %s))"
        params = [prefix] * 3 + [" | ".join(f"{stem}:*" for stem in stems)]
        # Constants and bound parameters only.
        sql = f"SELECT EXISTS (SELECT 1 FROM directory_directoryservice WHERE {VECTOR} @@ {query})"  # noqa: S608
        cursor.execute(sql, params)
        if not cursor.fetchone()[0]:
            vocabulary = postgres_vocabulary(cursor)
            lexemes = set(vocabulary.similar(word)) | {
                t for stem in stems for t in vocabulary.containing(stem)
            }
            query = "to_tsquery('simple', %s)"
            quoted = (
                "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in sorted(lexemes)
            )
            params = [" | ".join(quoted)] if lexemes else []
        if params:
            where.append(f"{VECTOR} @@ {query}")
            where_params += params
            rank.append(f"ts_rank({VECTOR}, {query})")
            rank_params += params
        else:
            where.append("%s <%% search_names")
            where_params.append(fold(word))
            rank.append("word_similarity(%s, search_names)")
            rank_params.append(fold(word))
    return " AND ".join(where), where_params, " + ".join(rank), rank_params


POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE directory_directoryservice ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('finnish', coalesce(name, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce(name_sv, '')), 'A')
        || setweight(to_tsvector('english', coalesce(name_en, '')), 'A')
        || setweight(to_tsvector('finnish', coalesce(summary, '') || ' ' || coalesce(keywords, '')), 'B')
        || setweight(to_tsvector('swedish', coalesce(summary_sv, '')), 'B')
        || setweight(to_tsvector('english', coalesce(summary_en, '')), 'B')
        || setweight(to_tsvector('finnish', coalesce(description, '')), 'C')
        || setweight(to_tsvector('swedish', coalesce(description_sv, '')), 'C')
        || setweight(to_tsvector('english', coalesce(description_en, '')), 'C')
    ) STORED""",
    "CREATE INDEX directory_service_search ON directory_directoryservice USING gin (search_vector)",
    "CREATE INDEX directory_service_names_trgm ON directory_directoryservice "
    "USING gin (search_names gin_trgm_ops)",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS directory_service_names_trgm",
    "DROP INDEX IF EXISTS directory_service_search",
    "ALTER TABLE directory_directoryservice DROP COLUMN IF EXISTS search_vector",
]

# ---------------------------------------------------------------- SQLite FTS5

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_fts USING fts5("
    "names, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_fts_vocab USING fts5vocab(directory_fts, 'row')",
]
SQLITE_TEARDOWN = ["DROP TABLE IF EXISTS directory_fts_vocab", "DROP TABLE IF EXISTS directory_fts"]
TYPO_SIMILARITY = 0.45  # Jaccard of trigrams; pg_trgm's default similarity threshold is 0.3
_vocabularies: dict[int, "Vocabulary"] = {}


class Vocabulary:
    """The index's terms with a trigram index for typo correction."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted(terms)
        self.grams: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            for gram in trigrams(term):
                self.grams[gram].append(term)

    def has_prefix(self, stem: str) -> bool:
        import bisect

        i = bisect.bisect_left(self.terms, stem)
        return i < len(self.terms) and self.terms[i].startswith(stem)

    def containing(self, stem: str, limit: int = 10) -> list[str]:
        """Terms with the stem inside: the last part of a Finnish compound (neuvola in lastenneuvola)."""
        if len(stem) < 4:
            return []
        return [term for term in self.terms if stem in term and not term.startswith(stem)][:limit]

    def similar(self, word: str, limit: int = 3) -> list[str]:
        wanted = trigrams(word)
        shared: dict[str, int] = defaultdict(int)
        for gram in wanted:
            for term in self.grams.get(gram, ()):
                shared[term] += 1
        scored = []
        for term, count in shared.items():
            similarity = count / (len(wanted) + len(trigrams(term)) - count)
            if similarity >= TYPO_SIMILARITY:
                scored.append((similarity, term))
        return [term for _similarity, term in sorted(scored, reverse=True)[:limit]]


class SqliteIndex:
    """The FTS5 index on a DB-API sqlite3 connection (Django's own, or one a test opens)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def setup(self) -> None:
        for statement in SQLITE_SETUP:
            self.connection.execute(statement)

    def put(self, documents: Iterable[Document]) -> None:
        rows = [(d.id, _stemmed(d.names), _stemmed(d.body)) for d in documents]
        self.connection.executemany("DELETE FROM directory_fts WHERE rowid = ?", [(r[0],) for r in rows])
        self.connection.executemany("INSERT INTO directory_fts (rowid, names, body) VALUES (?, ?, ?)", rows)
        _vocabularies.clear()

    def delete(self, ids: Iterable[int]) -> None:
        self.connection.executemany("DELETE FROM directory_fts WHERE rowid = ?", [(i,) for i in ids])
        _vocabularies.clear()

    def vocabulary(self) -> Vocabulary:
        key = id(self.connection)
        if key not in _vocabularies:
            terms = [row[0] for row in self.connection.execute("SELECT term FROM directory_fts_vocab")]
            _vocabularies[key] = Vocabulary(terms)
        return _vocabularies[key]

    def match_expression(self, text: str) -> str | None:
        """FTS5 MATCH: per word, its stems as prefixes (or, when none is in the index, the closest
        terms by trigrams) ORed; words ANDed. Terms are quoted, so nothing of FTS5's syntax gets in."""
        vocabulary = self.vocabulary()
        groups = []
        for word in words(text):
            candidates = {s for s in query_stems(word) if len(s) >= 2}
            known = {s for s in candidates if vocabulary.has_prefix(s)}
            compounds = {t for s in candidates for t in vocabulary.containing(s)}
            alternatives = [f'"{s}"*' for s in sorted(known)] + [f'"{t}"' for t in sorted(compounds)]
            if not alternatives:
                alternatives = [f'"{t}"' for t in vocabulary.similar(fold(word))]
            if alternatives:
                groups.append("(" + " OR ".join(alternatives) + ")")
        # A word that matches nothing even allowing for typos is left out ("liikuntaa meille"); when no
        # word matches anything there are no results.
        return " AND ".join(groups) if groups else None

    def search(self, text: str, limit: int = 5000) -> list[tuple[int, float]]:
        """(service id, score) best first; higher score is better."""
        expression = self.match_expression(text)
        if expression is None:
            return []
        rows = self.connection.execute(
            "SELECT rowid, bm25(directory_fts, 10.0, 1.0) AS r FROM directory_fts "
            "WHERE directory_fts MATCH ? ORDER BY r LIMIT ?",
            (expression, limit),
        )
        return [(rowid, -rank) for rowid, rank in rows]

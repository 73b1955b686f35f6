"""The demo's search backend (SQLite FTS5 + Snowball stems + trigram typo correction), on an in-memory
SQLite database: it needs no Django database, so it runs under the PostgreSQL suite too."""

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.directory import search


@pytest.fixture
def index():
    connection = sqlite3.connect(":memory:")
    idx = search.SqliteIndex(connection)
    idx.setup()
    idx.put(
        [
            search.Document(
                1, (("Fysioterapia", "fi"), ("Fysioterapi", "sv")), (("Selkäkipuun apua", "fi"),)
            ),
            search.Document(
                2, (("Vesijumppa", "fi"), ("Vattengymnastik", "sv")), (("Ledvänlig motion", "sv"),)
            ),
            search.Document(
                3, (("Perhekahvila", "fi"), ("Family café", "en")), (("Meeting place for families", "en"),)
            ),
            search.Document(4, (("Kävelyryhmä", "fi"),), (("Kävelyn jälkeen kuntosalille", "fi"),)),
            search.Document(5, (("Kuntosaliryhmä", "fi"),), (("Ohjattu ryhmä", "fi"),)),
        ]
    )
    return idx


def ids(index, text):
    return [rowid for rowid, _score in index.search(text)]


def test_stems_in_each_language(index):
    assert ids(index, "fysioterapiaan") == [1]
    assert ids(index, "selkäkipua") == [1]
    assert ids(index, "vattengymnastiken") == [2]
    assert ids(index, "families") == [3]


def test_prefix_typos_and_diacritics(index):
    assert ids(index, "fysio") == [1]
    assert ids(index, "fysiotrapia") == [1]
    assert ids(index, "perhekahvla") == [3]
    assert ids(index, "kavelyryhma") == [4]  # without ä


def test_the_last_part_of_a_compound_is_found(index):
    index.put([search.Document(6, (("Äitiys- ja lastenneuvola", "fi"),), ())])
    assert ids(index, "neuvola") == [6]
    assert ids(index, "neuvolaan") == [6]


def test_names_weigh_more_than_the_body(index):
    assert ids(index, "kuntosali") == [5, 4]


def test_unknown_words_are_left_out_but_nonsense_alone_finds_nothing(index):
    assert ids(index, "vesijumppa qqqqzzzz") == [2]
    assert ids(index, "qqqqzzzz") == []
    assert ids(index, "ja tai") == []


def test_a_changed_document_replaces_the_old_one(index):
    index.put([search.Document(2, (("Uintikoulu", "fi"),), ())])
    assert ids(index, "vesijumppa") == []
    assert ids(index, "uintikoulu") == [2]
    index.delete([2])
    assert ids(index, "uintikoulu") == []


@given(st.text(max_size=80))
def test_any_input_is_a_safe_query(text):
    connection = sqlite3.connect(":memory:")
    idx = search.SqliteIndex(connection)
    idx.setup()
    idx.put([search.Document(1, (("Fysioterapia", "fi"),), ())])
    idx.search(text)  # FTS5 syntax never reaches MATCH unquoted: no OperationalError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.feedback import search
from luukku.feedback.search import Index, fold, search_key

NAMES = [
    ("Riihimäki, hammashoitola", "Riihimäki, tandklinik", "Riihimäki, dental clinic"),
    ("Hämeenlinna, hammashoitola", "Tavastehus, tandklinik", "Hämeenlinna, dental clinic"),
    ("Hämeenlinnan terveysasema", "Tavastehus hälsostation", "Hämeenlinna health station"),
    ("Forssa, lastenneuvola", "Forssa, barnrådgivning", "Forssa, child health clinic"),
    ("Lapsiperheiden sosiaalityö", "Socialt arbete för barnfamiljer", "Family social work"),
]


def _index() -> Index:
    return Index.build([(n, "service", search_key(*names)) for n, names in enumerate(NAMES)], ())


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("hamm", 0),  # a beginning; the shorter name first among equals
        ("riihimäki hammas", 0),
        ("riihimaki hammas", 0),  # accents folded
        ("hameenlinna terv", 2),
        ("tavastehus hälso", 2),  # Swedish
        ("family social", 4),  # English
        ("hammsahoitola riihimäki", 0),  # two letters swapped
        ("hamashoitola riihimäki", 0),  # a letter missing
        ("hammasshoitola riihimäki", 0),  # a letter extra
        ("hammazhoitola riihimäki", 0),  # a letter wrong
        ("neuvola", 3),  # inside a compound word
        ("riihimäen hammas", 0),  # a case ending
    ],
)
def test_finds_by_beginning_and_with_a_typo(query, first):
    assert _index().search(query)[0] == first


def test_every_word_must_match():
    assert _index().search("forssa hammas") == []
    assert _index().search("xyzzy") == []
    assert _index().search("") == []


def test_short_words_are_not_fuzzy():
    assert _index().search("fx") == []  # would match far too much with a typo allowed


@given(
    st.sampled_from(NAMES), st.integers(min_value=0, max_value=100), st.sampled_from("abcdefghijklmnoprstuvy")
)
def test_a_name_with_one_letter_wrong_is_found(names, where, letter):
    words = search.words(names[0])
    longest = max(words, key=len)
    position = 1 + where % (len(longest) - 1)  # the first letter is kept
    typo = longest[:position] + letter + longest[position + 1 :]
    found = _index().search(typo)
    expected = NAMES.index(names)
    assert expected in found


@given(st.text(max_size=60))
def test_any_text_is_a_query(text):
    assert isinstance(_index().search(text), list)


def test_fold():
    assert fold("ÄÖÅ Straße") == "aoa strasse"


@pytest.mark.django_db
def test_the_index_follows_the_targets(personas):
    from .factories import target

    made = target(name="Janakkala, kotihoito", name_sv="Janakkala, hemvård", name_en="Janakkala, home care")
    assert made in search.search("janakala kotihoito")
    assert made in search.search("hemvård janakkala")
    made.name_en = "Janakkala, home help"
    made.save()
    assert made in search.search("janakkala help")
    made.active = False
    made.save()
    assert made not in search.search("janakkala")

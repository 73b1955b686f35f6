"""Safety first: emergency and crisis phrasing in fi/sv/en, symptoms, masking (pure functions)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.assistant import safety
from luukku.assistant.text import compound_parts, fold, mask, stem

EMERGENCIES = [
    ("Minulla on kova rintakipu", "medical"),
    ("isä valittaa kipua rinnassa", "medical"),
    ("en saa henkeä", "medical"),
    ("Mummo on tajuton", "medical"),
    ("Jag har ont i bröstet", "medical"),
    ("min fru kan inte andas", "medical"),
    ("My father has chest pain", "medical"),
    ("I can't breathe", "medical"),
    ("he is unconscious and not breathing", "medical"),
    ("Mietin itsemurhaa", "crisis"),
    ("en halua enää elää", "crisis"),
    ("jag vill inte leva längre", "crisis"),
    ("jag tänker på självmord", "crisis"),
    ("I want to kill myself", "crisis"),
    ("i dont want to live anymore", "crisis"),
    ("Mieheni lyö minua", "violence"),
    ("min man slår mig", "violence"),
    ("My partner threatened to kill me", "violence"),
]


@pytest.mark.parametrize(("question", "kind"), EMERGENCIES)
def test_emergency_phrasing_gets_the_emergency_answer_in_its_language(question, kind):
    for language in ("fi", "sv", "en"):
        found = safety.emergency(question, language)
        assert found is not None and found.kind == kind
        assert "112" in found.answer
    assert "116 117" in safety.emergency(question, "fi").answer or kind == "violence"


def test_crisis_answers_give_the_crisis_line_of_the_language():
    assert "09 2525 0111" in safety.EMERGENCY_ANSWERS["crisis"]["fi"]
    assert "09 2525 0112" in safety.EMERGENCY_ANSWERS["crisis"]["sv"]
    assert "09 2525 0113" in safety.EMERGENCY_ANSWERS["crisis"]["en"]
    for language in ("fi", "sv", "en"):  # 112 comes before anything else
        for kind in safety.PRIORITY:
            assert safety.EMERGENCY_ANSWERS[kind][language].index("112") < 70


@pytest.mark.parametrize(
    "question",
    ["Miten varaan ajan?", "hur bokar jag tid", "how much does a visit cost", "hammaslääkäri", "rintamaelle"],
)
def test_ordinary_questions_are_not_emergencies(question):
    assert safety.emergency(question, "fi") is None


@given(
    before=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö ,.", max_size=40),
    after=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö ,.", max_size=40),
    case=st.sampled_from(EMERGENCIES),
)
def test_emergency_phrasing_is_found_whatever_surrounds_it(before, after, case):
    question, _kind = case
    assert safety.emergency(f"{before} {question.upper()} {after}", "en") is not None


def test_symptoms_and_diagnosis_questions_are_recognised():
    assert safety.about_symptoms("lapsella on kuumetta")
    assert safety.about_symptoms("jag har feber")
    assert safety.about_symptoms("do I have an infection")
    assert not safety.about_symptoms("miten varaan ajan")
    assert not safety.about_symptoms("har jag rätt till hemvård")  # "am I entitled", not a diagnosis


@given(st.dates(), st.integers(2, 899))
def test_henkilotunnus_is_never_kept(day, individual):
    century = {18: "+", 19: "-", 20: "A"}.get(day.year // 100)
    if century is None:
        return
    body = f"{day:%d%m%y}{century}{individual:03d}"
    code = body + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(body[:6] + body[7:]) % 31]
    masked = mask(f"Hetuni on {code}, soita 040 123 4567 tai +358401234567, aino@example.com")
    assert code not in masked and "4567" not in masked and "example.com" not in masked
    assert "[hetu]" in masked and "[phone]" in masked and "[email]" in masked


def test_compounds_split_against_the_vocabulary():
    vocabulary = {stem("neuvola", "fi"), stem("lapsi", "fi"), stem("tandvård", "sv"), stem("avgift", "sv")}
    assert stem("neuvola", "fi") in compound_parts("lastenneuvola", "fi", vocabulary)
    parts = compound_parts("tandvårdsavgift", "sv", vocabulary)  # the linking -s- is dropped
    assert stem("avgift", "sv") in parts and stem("tandvård", "sv") in parts
    assert compound_parts("neuvola", "en", vocabulary) == []
    assert fold("Hämeenlinnå") == "hameenlinna"

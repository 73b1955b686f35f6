import pytest
from django.utils import translation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given
from hypothesis import strategies as st

from luukku.questionnaires import engine
from luukku.questionnaires.definitions.catalogue import CATALOGUE, audit, pre_information
from luukku.questionnaires.fhirq import item, option, questionnaire, walk, when

YES = option("yes", ("Kyllä", "Ja", "Yes"))
NO = option("no", ("Ei", "Nej", "No"))


def coded(code: str) -> dict:
    return {"system": "urn:luukku:answer", "code": code}


@pytest.fixture
def chain():
    """a controls b, b controls c; d needs a=yes OR b=yes; e needs both; g is a group shown when a=yes."""
    return questionnaire(
        "chain",
        1,
        ("t", "t", "t"),
        [
            item("a", "choice", ("a", "a", "a"), required=True, options=[YES, NO]),
            item(
                "b",
                "choice",
                ("b", "b", "b"),
                required=True,
                options=[YES, NO],
                enable_when=[when("a", "=", answerCoding=coded("yes"))],
            ),
            item(
                "c",
                "string",
                ("c", "c", "c"),
                required=True,
                enable_when=[when("b", "=", answerCoding=coded("yes"))],
            ),
            item(
                "d",
                "string",
                ("d", "d", "d"),
                enable_behavior="any",
                enable_when=[
                    when("a", "=", answerCoding=coded("yes")),
                    when("b", "=", answerCoding=coded("yes")),
                ],
            ),
            item(
                "e",
                "string",
                ("e", "e", "e"),
                enable_behavior="all",
                enable_when=[
                    when("a", "=", answerCoding=coded("yes")),
                    when("b", "=", answerCoding=coded("yes")),
                ],
            ),
            item(
                "g",
                "group",
                ("g", "g", "g"),
                enable_when=[when("a", "=", answerCoding=coded("yes"))],
                items=[item("g1", "integer", ("g1", "g1", "g1"), required=True, min_value=0, max_value=10)],
            ),
            item("n", "decimal", ("n", "n", "n")),
            item("day", "date", ("day", "day", "day")),
            item("words", "text", ("w", "w", "w"), max_length=5),
            item("flag", "boolean", ("f", "f", "f")),
            item("exists", "string", ("x", "x", "x"), enable_when=[when("n", "exists", answerBoolean=True)]),
        ],
    )


def test_hidden_until_controlling_answer(chain):
    assert engine.enabled_items(chain, {}) >= {"a", "n", "day"}
    assert "b" not in engine.enabled_items(chain, {})
    assert {"b", "g", "g1", "d"} <= engine.enabled_items(chain, {"a": ["yes"]})


def test_answers_behind_hidden_questions_do_not_count(chain):
    # b=yes would show c, but b itself is hidden once a=no, so c and e are hidden too
    shown = engine.enabled_items(chain, {"a": ["no"], "b": ["yes"], "c": ["x"]})
    assert not shown & {"b", "c", "d", "e", "g", "g1"}
    answers, errors = engine.clean(chain, {"a": ["no"], "b": ["yes"], "c": ["x"]})
    assert answers == {"a": ["no"]} and errors == {}


def test_enable_behavior_any_and_all(chain):
    assert {"d", "e"} <= engine.enabled_items(chain, {"a": ["yes"], "b": ["yes"]})
    shown = engine.enabled_items(chain, {"a": ["yes"], "b": ["no"]})
    assert "d" in shown and "e" not in shown


def test_exists_operator(chain):
    assert "exists" not in engine.enabled_items(chain, {})
    assert "exists" in engine.enabled_items(chain, {"n": [1.5]})


def test_required_only_when_shown(chain):
    _answers, errors = engine.clean(chain, {})
    assert set(errors) == {"a"}
    _answers, errors = engine.clean(chain, {"a": ["yes"], "b": ["yes"]})
    assert set(errors) == {"c", "g1"}
    _answers, errors = engine.clean(chain, {}, check_required=False)
    assert errors == {}


def test_typed_values_and_finnish_decimal_comma(chain):
    answers, errors = engine.clean(
        chain,
        {
            "a": ["yes"],
            "b": ["no"],
            "g1": ["7"],
            "n": ["72,5"],
            "day": ["2026-11-23"],
            "flag": ["true"],
            "words": ["lyhyt"],
        },
    )
    assert errors == {}
    assert answers["g1"] == [7] and answers["n"] == [72.5] and answers["day"] == ["2026-11-23"]
    assert answers["flag"] == [True]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("g1", "seitsemän", "kokonaisluku"),
        ("g1", "11", "suurin"),
        ("g1", "-1", "pienin"),
        ("n", "1.2.3", "luku"),
        ("day", "32.13.2026", "päivämäärä"),
        ("words", "liian pitkä", "liian pitkä"),
        ("a", "maybe", "vaihtoehdoista"),
        ("flag", "perhaps", "kyllä tai ei"),
    ],
)
def test_bad_input_is_named_in_finnish(chain, field, value, fragment):
    raw = {"a": ["yes"], "b": ["no"], "g1": ["5"], field: [value]}
    with translation.override("fi"):
        _answers, errors = engine.clean(chain, raw)
        assert fragment in str(errors[field]).lower()


def test_bad_input_is_named_in_swedish(chain):
    with translation.override("sv"):
        _answers, errors = engine.clean(chain, {"a": ["yes"], "b": ["no"], "g1": ["x"]})
        assert "heltal" in str(errors["g1"])


def test_response_items_are_valid_fhir(chain):
    answers, _errors = engine.clean(
        chain,
        {
            "a": ["yes"],
            "b": ["yes"],
            "c": ["hello"],
            "g1": ["3"],
            "n": ["1,5"],
            "day": ["2026-01-02"],
            "flag": ["false"],
        },
    )
    items = engine.response_items(chain, answers)
    resource = QuestionnaireResponse.model_validate(
        {
            "resourceType": "QuestionnaireResponse",
            "questionnaire": "urn:x|1",
            "status": "completed",
            "item": items,
        }
    )
    by_link = {i.linkId: i for i in resource.item}
    assert by_link["a"].answer[0].valueCoding.code == "yes"
    assert by_link["g"].item[0].answer[0].valueInteger == 3
    assert by_link["flag"].answer[0].valueBoolean is False


def test_repeats_keep_all_values_single_keeps_one():
    form = questionnaire(
        "r",
        1,
        ("t", "t", "t"),
        [item("many", "string", ("m", "m", "m"), repeats=True), item("one", "string", ("o", "o", "o"))],
    )
    answers, _errors = engine.clean(form, {"many": ["a", "", "b"], "one": ["x", "y"]})
    assert answers == {"many": ["a", "b"], "one": ["x"]}


def test_open_choice_accepts_free_text():
    resource = pre_information()
    answers, errors = engine.clean(resource, {"illnesses": ["diabetes", "migreeni"]}, check_required=False)
    assert errors == {} and answers["illnesses"] == ["diabetes", "migreeni"]


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.key)
def test_catalogue_definitions_are_valid_fhir_and_consistent(entry):
    from fhir.resources.R4B.questionnaire import Questionnaire

    resource = entry.build()
    Questionnaire.model_validate(resource)
    links = [node["linkId"] for node in engine.answerable(resource)]
    assert len(links) == len(set(links)), "linkIds must be unique"
    every = {n["linkId"] for n in walk(resource["item"])}
    for node in walk(resource["item"]):
        for condition in node.get("enableWhen", []):
            assert condition["question"] in every


audit_codes = st.sampled_from(["0", "1", "2", "3", "4"])


@given(
    st.dictionaries(
        st.sampled_from([f"audit-{n}" for n in range(1, 11)]),
        st.lists(st.text(max_size=5) | audit_codes, max_size=3),
    )
)
def test_engine_never_crashes_on_any_input(raw):
    answers, errors = engine.clean(audit(), raw)
    assert set(answers).isdisjoint(errors)

"""The profile checks themselves can fail: each invariant the conformance walk relies on is shown to catch
a resource that breaks it, and fhirclient's strict parse refuses an unknown element."""

import pytest
from fhirclient.models.fhirabstractbase import FHIRValidationError

from .profile_checks import broken_invariants, check, parse_with_fhirclient

APPOINTMENT = {
    "resourceType": "Appointment",
    "status": "booked",
    "start": "2026-12-01T08:00:00Z",
    "end": "2026-12-01T08:20:00Z",
    "participant": [{"status": "accepted", "actor": {"reference": "Patient/1"}}],
}


def test_a_valid_appointment_passes():
    check(APPOINTMENT)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"end": None}, "app-2"),
        ({"participant": [{"status": "accepted"}]}, "app-1"),
        ({"cancelationReason": {"text": "x"}}, "app-4"),
        ({"extension": [{"url": "urn:x"}]}, "ext-1"),
        (
            {
                "extension": [
                    {"url": "urn:x", "valueString": "a", "extension": [{"url": "y", "valueCode": "b"}]}
                ]
            },
            "ext-1",
        ),
        ({"description": ""}, "ele-1"),
        ({"serviceType": []}, "ele-1"),
    ],
)
def test_a_broken_appointment_names_the_invariant(change, key):
    broken = {**APPOINTMENT, **change}
    broken = {k: v for k, v in broken.items() if v is not None}
    assert any(found.startswith(key) for found in broken_invariants(broken)), broken_invariants(broken)


def test_questionnaire_bundle_and_capability_invariants_catch_their_cases():
    questionnaire = {
        "resourceType": "Questionnaire",
        "status": "active",
        "item": [
            {"linkId": "a", "type": "group", "item": [{"linkId": "a", "type": "string", "text": "x"}]},
            {"linkId": "b", "type": "display", "text": "y", "required": True},
            {"linkId": "c", "type": "boolean", "answerOption": [{"valueString": "x"}]},
        ],
    }
    assert {"que-2", "que-6", "que-5"} <= _keys(broken_invariants(questionnaire))
    bundle = {
        "resourceType": "Bundle",
        "type": "batch",
        "total": 1,
        "entry": [{"fullUrl": "urn:a"}, {"fullUrl": "urn:a", "resource": {"resourceType": "Basic"}}],
    }
    assert {"bdl-1", "bdl-3", "bdl-7", "bdl-5"} <= _keys(broken_invariants(bundle))
    statement = {"resourceType": "CapabilityStatement", "status": "active", "kind": "instance"}
    assert {"cpb-1", "cpb-2", "cpb-14"} <= _keys(broken_invariants(statement))


def _keys(broken: list[str]) -> set[str]:
    return {found.split("[")[0].split(" ")[0] for found in broken}


def test_fhirclient_refuses_an_unknown_element():
    with pytest.raises(FHIRValidationError):
        parse_with_fhirclient({**APPOINTMENT, "colour": "red"})

"""Profile constraints beyond structure: the invariants the FHIR R4 (4.0.1) resource definitions state,
evaluated with FHIRPath (fhirpathpy, R4 model), and a strict parse with the SMART `fhirclient` (R4
models), so a resource is checked by a second, independent implementation beside fhir.resources.

Each invariant is keyed as in the specification (e.g. `app-3`) and quoted from it; `context` is the
FHIRPath of the elements it applies to (the spec's element path), `%resource` is the resource. Only
error-level invariants are asserted; best-practice warnings (dom-6 narrative, que-0 name) are not.
ele-1 ("All FHIR elements must have a @value or children": `hasValue() or (children().count() >
id.count())`) is checked on the JSON itself, because fhirpathpy does not implement `hasValue()`; so is
ext-1 (`extension.exists() != value.exists()`), which needs every extension at any depth.
The spec's que-1 wraps `type` and `item` in `trace()`, which only logs; it is left out here.
Finnish Base Profiles and Finnish Scheduling state no invariants of their own for these resources.
"""

from dataclasses import dataclass

from fhirclient.models.fhirelementfactory import FHIRElementFactory
from fhirpathpy import evaluate
from fhirpathpy.models import models

R4 = models["r4"]


@dataclass(frozen=True)
class Invariant:
    key: str
    context: str  # FHIRPath from the resource to the elements the invariant applies to; "" = the resource
    expression: str


DOMAIN_RESOURCE = (
    Invariant("dom-2", "", "contained.contained.empty()"),
    Invariant("dom-4", "", "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()"),
    Invariant("dom-5", "", "contained.meta.security.empty()"),
)

INVARIANTS: dict[str, tuple[Invariant, ...]] = {
    "Appointment": (
        Invariant("app-1", "participant", "type.exists() or actor.exists()"),
        Invariant("app-2", "", "start.exists() = end.exists()"),
        Invariant(
            "app-3",
            "",
            "(start.exists() and end.exists()) or (status in ('proposed' | 'cancelled' | 'waitlist'))",
        ),
        Invariant(
            "app-4",
            "",
            "Appointment.cancelationReason.exists() implies "
            "(Appointment.status='no-show' or Appointment.status='cancelled')",
        ),
    ),
    "Patient": (
        Invariant(
            "pat-1",
            "contact",
            "name.exists() or telecom.exists() or address.exists() or organization.exists()",
        ),
    ),
    "Organization": (
        Invariant("org-1", "", "(identifier.count() + name.count()) > 0"),
        Invariant("org-2", "address", "use != 'home'"),
        Invariant("org-3", "telecom", "use != 'home'"),
    ),
    "Questionnaire": (
        Invariant("que-2", "", "descendants().linkId.isDistinct()"),
        Invariant(
            "que-1",
            "repeat(item)",
            "(type='group' implies item.empty().not()) and (type='display' implies item.empty())",
        ),
        Invariant("que-3", "repeat(item)", "type!='display' or code.empty()"),
        Invariant("que-4", "repeat(item)", "answerOption.empty() or initial.empty()"),
        Invariant(
            "que-5",
            "repeat(item)",
            "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or "
            "type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') "
            "or (answerValueSet.empty() and answerOption.empty())",
        ),
        Invariant("que-6", "repeat(item)", "type!='display' or (required.empty() and repeats.empty())"),
        Invariant("que-8", "repeat(item)", "(type!='group' and type!='display') or initial.empty()"),
        Invariant("que-9", "repeat(item)", "type!='display' or readOnly.empty()"),
        Invariant(
            "que-10",
            "repeat(item)",
            "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) "
            "or maxLength.empty()",
        ),
        Invariant("que-11", "repeat(item)", "answerOption.empty() or answerValueSet.empty()"),
        Invariant("que-12", "repeat(item)", "enableWhen.count() > 2 implies enableBehavior.exists()"),
        Invariant("que-13", "repeat(item)", "repeats=true or initial.count() <= 1"),
        Invariant("que-7", "repeat(item).enableWhen", "operator = 'exists' implies (answer is Boolean)"),
    ),
    "QuestionnaireResponse": (
        Invariant("qrs-1", "repeat(item | answer.item)", "(answer.exists() and item.exists()).not()"),
    ),
    "CarePlan": (Invariant("cpl-3", "activity", "detail.empty() or reference.empty()"),),
    "Bundle": (
        Invariant("bdl-1", "", "total.empty() or (type = 'searchset') or (type = 'history')"),
        Invariant("bdl-2", "", "entry.search.empty() or (type = 'searchset')"),
        Invariant(
            "bdl-3",
            "",
            "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' "
            "or %resource.type = 'history'))",
        ),
        Invariant(
            "bdl-4",
            "",
            "entry.all(response.exists() = (%resource.type = 'batch-response' or "
            "%resource.type = 'transaction-response' or %resource.type = 'history'))",
        ),
        Invariant(
            "bdl-7", "", "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl).isDistinct()"
        ),
        Invariant("bdl-5", "entry", "resource.exists() or request.exists() or response.exists()"),
        Invariant("bdl-8", "entry", "fullUrl.contains('/_history/').not()"),
    ),
    "CapabilityStatement": (
        Invariant("cpb-1", "", "rest.exists() or messaging.exists() or document.exists()"),
        Invariant("cpb-2", "", "(description.count() + software.count() + implementation.count()) > 0"),
        Invariant("cpb-3", "", "messaging.endpoint.empty() or kind = 'instance'"),
        Invariant("cpb-14", "", "(kind != 'instance') or implementation.exists()"),
        Invariant(
            "cpb-15", "", "(kind != 'capability') or (implementation.exists().not() and software.exists())"
        ),
        Invariant(
            "cpb-16",
            "",
            "(kind!='requirements') or (implementation.exists().not() and software.exists().not())",
        ),
        Invariant("cpb-9", "rest", "resource.select(type).isDistinct()"),
        Invariant("cpb-12", "rest.resource", "searchParam.select(name).isDistinct()"),
    ),
}


def broken_invariants(resource: dict) -> list[str]:
    """The keys of the invariants `resource` breaks (each with the element's position when in a list)."""
    kind = resource["resourceType"]
    broken = []
    for invariant in (*DOMAIN_RESOURCE, *INVARIANTS.get(kind, ())):
        targets = evaluate(resource, invariant.context, {}, R4) if invariant.context else [resource]
        for position, target in enumerate(targets):
            result = evaluate(target, invariant.expression, {"resource": resource}, R4)
            if result != [True] and result != []:  # an empty result is "not applicable", as in the spec
                broken.append(f"{invariant.key}[{position}]")
    broken += [f"ele-1 at {path}" for path in _empty_elements(resource, kind)]
    return broken + [f"ext-1 at {path}" for path in _bad_extensions(resource, kind)]


def _bad_extensions(value, path: str) -> list[str]:
    """ext-1 "Must have either extensions or value[x], not both" (`extension.exists() != value.exists()`)
    on every extension and modifier extension, at any depth (checked on the JSON, like ele-1)."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("extension", "modifierExtension") and isinstance(child, list):
                for i, extension in enumerate(child):
                    values = [k for k in extension if k.startswith("value")]
                    if bool(extension.get("extension")) == bool(values):
                        found.append(f"{path}.{key}[{i}]")
            found += _bad_extensions(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _bad_extensions(child, f"{path}[{i}]")
    return found


def _empty_elements(value, path: str) -> list[str]:
    """ele-1 on JSON: no element without a value or children (no "", {}, [] or null)."""
    if value is None or value == "" or value == {} or value == []:
        return [path]
    if isinstance(value, dict):
        return [found for key, child in value.items() for found in _empty_elements(child, f"{path}.{key}")]
    if isinstance(value, list):
        return [found for i, child in enumerate(value) for found in _empty_elements(child, f"{path}[{i}]")]
    return []


def parse_with_fhirclient(resource: dict) -> object:
    """A strict parse with the SMART `fhirclient` R4 models: unknown or misplaced elements raise."""
    return FHIRElementFactory.instantiate(resource["resourceType"], resource)


def check(resource: dict, entries: bool = True) -> None:
    """Assert the resource keeps every invariant and parses with fhirclient; a Bundle's entries' resources
    too unless `entries` is False (the caller checks them one by one)."""
    broken = broken_invariants(resource)
    assert not broken, (resource["resourceType"], resource.get("id"), broken)
    parse_with_fhirclient(resource)
    if entries and resource["resourceType"] == "Bundle":
        for entry in resource.get("entry", []):
            if "resource" in entry:
                check(entry["resource"])

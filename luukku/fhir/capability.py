"""The CapabilityStatement, generated from the registered handlers: what /fhir/ really serves."""

from django.conf import settings
from django.utils import timezone
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from .registry import REGISTRY

SEARCH_RESULT_PARAMETERS = [
    ("_count", "number", "Results per page (at most 500)"),
    ("_offset", "number", "The first result of the page (the next and previous links carry it)"),
    ("_sort", "string", "One of the declared sorts; - for descending"),
]


def capability_statement(base_url: str, token_url: str) -> CapabilityStatement:
    resources = []
    for handler in sorted(REGISTRY.values(), key=lambda h: h.type):
        entry = {
            "type": handler.type,
            "profile": handler.profile,
            "documentation": handler.documentation,
            "interaction": [{"code": code} for code in handler.interactions],
            "versioning": "versioned",
            "readHistory": False,
            "updateCreate": False,
            "conditionalRead": "not-match",
        }
        if handler.search:
            entry["searchParam"] = [
                {"name": p.name, "type": p.type, "documentation": p.documentation} for p in handler.params
            ] + [{"name": n, "type": t, "documentation": d} for n, t, d in SEARCH_RESULT_PARAMETERS]
            if handler.sorts:
                entry["extension"] = [
                    {"url": "urn:luukku:fhir:sort", "valueString": sort} for sort in handler.sorts
                ]
        resources.append(entry)
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "publisher": "Luukku",
            "kind": "instance",
            "software": {"name": "Luukku"},
            "implementation": {
                "description": "Luukku FHIR R4 server (read, search, Subscription)",
                "url": base_url,
            },
            "fhirVersion": "4.0.1",
            "format": ["json", "application/fhir+json"],
            "implementationGuide": [
                "https://hl7.fi/fhir/finnish-base-profiles/ImplementationGuide/hl7.fhir.fi.base",
                "https://hl7.fi/fhir/finnish-scheduling/ImplementationGuide/hl7.fhir.fi.scheduling",
            ],
            "rest": [
                {
                    "mode": "server",
                    "documentation": (
                        "Read and search; Subscription (rest-hook, new bookings) is created, read and "
                        "deleted by SMART machine clients. Client data (Patient, Appointment, "
                        "QuestionnaireResponse, CarePlan) "
                        "follows the access policy and is access-logged; unknown search parameters are "
                        "ignored unless Prefer: handling=strict."
                    ),
                    "security": {
                        "service": [
                            {
                                "coding": [
                                    {
                                        "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                        "code": "SMART-on-FHIR",
                                    }
                                ]
                            }
                        ],
                        "extension": [
                            {
                                "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                                "extension": [{"url": "token", "valueUri": token_url}],
                            }
                        ],
                        "description": (
                            "Session sign-in (suomi.fi for residents, the county's identity provider for "
                            "professionals), or SMART Backend Services for systems: client credentials "
                            "with a signed JWT (/fhir/auth/token), scopes system/<type>.rs."
                        ),
                    },
                    "resource": resources,
                }
            ],
            "language": settings.LANGUAGE_CODE,
        }
    )

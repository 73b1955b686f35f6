"""The county's directory and the client as FHIR R4, after HL7 Finland's Finnish Base Profiles and the
Finnish Scheduling IG: Patient (fi-base-patient), Practitioner, PractitionerRole, Organization and
Location from the organisational units, HealthcareService from the bookable services."""

from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole

from luukku.booking.models import Service
from luukku.identity.models import OrgUnit, Professional, Resident, RoleAssignment
from luukku.registry.municipalities import KANTA_HAME

BASE = "https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/"
SCHEDULING = "https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/"
HETU = "urn:oid:1.2.246.21"  # henkilötunnus (Population Information System)
MUNICIPALITY_EXTENSION = f"{BASE}municipality-code"
MUNICIPALITY_SYSTEM = "urn:oid:1.2.246.537.6.21.2003"  # Kuntakoodit 2003 (THL code server)
UNIT_SYSTEM = "urn:luukku:unit"
SOTE_ORGANISATION_SYSTEM = "urn:oid:1.2.246.537.6.202.2008"  # THL's SOTE organisation register
SERVICE_SYSTEM = "urn:luukku:service"
ROLE_SYSTEM = "urn:luukku:role"
MUNICIPALITY_NAMES = {m.code: m.name_fi for m in KANTA_HAME}


def patient(person: Resident) -> Patient:
    data: dict = {
        "resourceType": "Patient",
        "id": str(person.public_id),
        "identifier": [{"use": "official", "system": HETU, "value": person.hetu}],
        "active": True,
        "name": [{"use": "official", "family": person.last_name, "given": person.first_names.split()}],
        "birthDate": person.birth_date.isoformat(),
        "communication": [
            {
                "language": {"coding": [{"system": "urn:ietf:bcp:47", "code": person.language}]},
                "preferred": True,
            }
        ],
    }
    if person.date_of_death:
        data["deceasedDateTime"] = person.date_of_death.isoformat()
    if person.municipality_code:
        coding = {"system": MUNICIPALITY_SYSTEM, "version": "2003", "code": person.municipality_code}
        if name := MUNICIPALITY_NAMES.get(person.municipality_code):
            coding["display"] = name
        data["extension"] = [{"url": MUNICIPALITY_EXTENSION, "valueCoding": coding}]
    return Patient.model_validate(data)


def practitioner(professional: Professional) -> Practitioner:
    user = professional.user
    name = {"text": str(professional)}
    if user.last_name:
        name["family"] = user.last_name
    if user.first_name:
        name["given"] = user.first_name.split()
    return Practitioner.model_validate(
        {
            "resourceType": "Practitioner",
            "id": str(professional.pk),
            "active": professional.removed_at is None and user.is_active,
            "name": [name],
        }
    )


def practitioner_role(role: RoleAssignment) -> PractitionerRole:
    period = {"start": role.valid_from.isoformat()}
    if role.valid_until:
        period["end"] = role.valid_until.isoformat()
    return PractitionerRole.model_validate(
        {
            "resourceType": "PractitionerRole",
            "id": str(role.pk),
            "period": period,
            "practitioner": {
                "reference": f"Practitioner/{role.professional_id}",
                "display": str(role.professional),
            },
            "organization": {"reference": f"Organization/{role.unit.code}", "display": role.unit.name},
            "location": [{"reference": f"Location/{role.unit.code}"}],
            "code": [
                {"coding": [{"system": ROLE_SYSTEM, "code": role.role}], "text": role.get_role_display()}
            ],
        }
    )


def _unit_identifier(unit: OrgUnit) -> list[dict]:
    """Luukku's own code, and the SOTE organisation register OID as fi-base-organization shows it (system
    the register's code system, value the unit's OID as a URN) when the unit has been given one."""
    identifiers = [{"use": "usual", "system": UNIT_SYSTEM, "value": unit.code}]
    if unit.oid:
        identifiers.insert(
            0, {"use": "official", "system": SOTE_ORGANISATION_SYSTEM, "value": f"urn:oid:{unit.oid}"}
        )
    return identifiers


def organization(unit: OrgUnit) -> Organization:
    data: dict = {
        "resourceType": "Organization",
        "id": unit.code,
        "identifier": _unit_identifier(unit),
        "active": True,
        "type": [{"coding": [{"system": "urn:luukku:unit-level", "code": unit.level}]}],
        "name": unit.name,
    }
    if unit.name_sv:
        data["alias"] = [unit.name_sv]
    if unit.parent_id:
        data["partOf"] = {"reference": f"Organization/{unit.parent.code}", "display": unit.parent.name}
    return Organization.model_validate(data)


def location(unit: OrgUnit) -> Location:
    return Location.model_validate(
        {
            "resourceType": "Location",
            "id": unit.code,
            "identifier": _unit_identifier(unit),
            "status": "active",
            "name": unit.name,
            "mode": "instance",
            "managingOrganization": {"reference": f"Organization/{unit.code}", "display": unit.name},
        }
    )


def healthcare_service(service: Service) -> HealthcareService:
    data: dict = {
        "resourceType": "HealthcareService",
        "id": service.code,
        "identifier": [{"system": SERVICE_SYSTEM, "value": service.code}],
        "active": service.active,
        "providedBy": {"reference": f"Organization/{service.unit.code}", "display": service.unit.name},
        "type": [{"coding": [{"system": SERVICE_SYSTEM, "code": service.code}], "text": service.name}],
        "name": service.name,
        "location": [{"reference": f"Location/{service.unit.code}"}],
        "appointmentRequired": True,
    }
    if service.location:
        data["comment"] = service.location
    return HealthcareService.model_validate(data)

"""Questionnaires: the published form definitions, public."""

from django.db.models import Q
from django.http import HttpRequest

from luukku.questionnaires.models import Definition
from luukku.web.routes import Audience
from luukku.web.validation import parse_id

from .. import questionnaires as questionnaires_mapping
from ..protocol import Stamped, stamp
from ..registry import Handler, Page, Param, register
from ..search import STRING, TOKEN, URI, Query, Value, string_q
from .common import (
    ID,
    NOTHING,
    Filters,
    apply,
    ordered,
    public_page,
    token_in,
)


def _stamp_questionnaire(definition: Definition) -> Stamped:
    return stamp(
        questionnaires_mapping.questionnaire(definition), QUESTIONNAIRE.profile, definition.published_at
    )


def _definition_id(text: str) -> Q:
    key, _dash, version_text = text.rpartition("-")
    version = parse_id(version_text)
    return Q(key=key, version=version) if key and version is not None else NOTHING


def _read_questionnaire(request: HttpRequest, resource_id: str) -> Stamped | None:
    found = Definition.objects.filter(_definition_id(resource_id)).first()
    return _stamp_questionnaire(found) if found else None


QUESTIONNAIRE_STATUS = {
    "active": Q(current=True),
    "retired": Q(current=False),
    "draft": NOTHING,  # definitions are published as they are stored: none is a draft
    "unknown": NOTHING,
}


def _questionnaire_url(value: Value) -> Q:
    canonical, _bar, version_text = value.text.partition("|")
    condition = Q(key=canonical.removeprefix("urn:luukku:questionnaire:"))
    if version_text:
        version = parse_id(version_text)
        condition &= Q(version=version) if version is not None else NOTHING
    return condition


def _search_questionnaire(request: HttpRequest, query: Query) -> Page:
    filters: Filters = {
        "_id": lambda v: _definition_id(v.text),
        "url": _questionnaire_url,
        "name": lambda v: string_q(["resource__name", "key"], v),
        "status": lambda v: token_in(
            v, "http://hl7.org/fhir/publication-status", QUESTIONNAIRE_STATUS, "status"
        ),
    }
    items = ordered(
        apply(Definition.objects.all(), query, filters), query, {"name": "key"}, ["key", "version"]
    )
    return public_page(items, query, _stamp_questionnaire)


QUESTIONNAIRE = register(
    Handler(
        type="Questionnaire",
        profile="http://hl7.org/fhir/StructureDefinition/Questionnaire",
        audience=Audience.PUBLIC,
        category="none",
        url_name="questionnaire",
        documentation="A versioned form definition; the id is <key>-<version>.",
        read=_read_questionnaire,
        search=_search_questionnaire,
        params=(
            ID,
            Param("url", URI, "The canonical URL, optionally |version"),
            Param("name", STRING, "The computable name"),
            Param("status", TOKEN, "active | retired | draft | unknown"),
        ),
        sorts=("name",),
    )
)

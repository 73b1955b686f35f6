"""The directory's rules: keeping the search index current, opening hours, and searching."""

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone

from luukku.web.holidays import holiday_name

from . import search as text_search
from .geo import MUNICIPALITY_CENTRES, distance_km
from .models import DirectoryService, Location, OpeningHours

HELSINKI = ZoneInfo("Europe/Helsinki")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
STALE_AFTER_DAYS = 365  # a description not reviewed for 12 months is flagged to its provider


# ---------------------------------------------------------------- index


# Words residents use for each target group, indexed with the service (fi, sv, en).
GROUP_WORDS = {
    "everyone": ("kaikki", "alla", "everyone"),
    "families": ("lapsiperheet lapset perhe vauva", "barnfamiljer barn familj", "families children baby"),
    "young": ("nuoret nuori", "unga ungdomar", "young people youth"),
    "adults": ("aikuiset työikäiset", "vuxna", "adults"),
    "older": ("ikääntyneet ikäihmiset vanhukset seniorit", "äldre seniorer", "older people elderly seniors"),
    "disabled": ("vammaiset vammaisuus", "personer med funktionsnedsättning", "disabled disability"),
    "mental_health": ("mielenterveys päihteet", "psykisk hälsa missbruk", "mental health substance use"),
    "immigrants": ("maahanmuuttajat", "invandrare", "immigrants"),
    "carers": ("omaishoitajat", "närståendevårdare", "family carers"),
}


def search_names_of(service: DirectoryService) -> str:
    """Names in every language, keywords and target-group words, folded: what trigrams compare."""
    groups = [" ".join(GROUP_WORDS[g]) for g in service.target_group_list if g in GROUP_WORDS]
    texts = (service.name, service.name_sv, service.name_en, service.keywords, *groups)
    return " ".join(text_search.fold(t) for t in texts if t)


def document_of(service: DirectoryService) -> text_search.Document:
    groups = [GROUP_WORDS[g] for g in service.target_group_list if g in GROUP_WORDS]
    return text_search.Document(
        service.pk,
        names=(
            (service.name, "fi"),
            (service.name_sv, "sv"),
            (service.name_en, "en"),
            (service.keywords, "fi"),
        ),
        body=(
            (service.summary, "fi"),
            (service.summary_sv, "sv"),
            (service.summary_en, "en"),
            (service.description, "fi"),
            (service.description_sv, "sv"),
            (service.description_en, "en"),
            *(
                (words, language)
                for group in groups
                for words, language in zip(group, ("fi", "sv", "en"), strict=True)
            ),
        ),
    )


def sqlite_index() -> text_search.SqliteIndex:
    connection.ensure_connection()
    return text_search.SqliteIndex(connection.connection)


def reindex(services: Iterable[DirectoryService]) -> None:
    """Refresh the search data of these services (call after saving them). On PostgreSQL the tsvector
    is a generated column; `search_names` (trigrams) is kept here on both."""
    services = list(services)
    for service in services:
        first = service.locations.order_by("pk").first()
        values = {
            "search_names": search_names_of(service),
            "latitude": first.latitude if first else None,
            "longitude": first.longitude if first else None,
        }
        if any(getattr(service, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(service, key, value)
            DirectoryService.objects.filter(pk=service.pk).update(**values)
    if connection.vendor == "sqlite":
        sqlite_index().put(document_of(s) for s in services)


@transaction.atomic
def save_service(service: DirectoryService) -> DirectoryService:
    service.search_names = search_names_of(service)
    service.updated_at = timezone.now()
    service.save()
    reindex([service])
    return service


# ---------------------------------------------------------------- opening hours


def local_now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()).astimezone(HELSINKI)


def closed_for_holiday(day: dt.date) -> str | None:
    """The name of the Finnish public holiday (Midsummer Eve and Christmas Eve included) that closes
    locations on `day`, or None (Act on Public Holidays / Työaikalaki 872/2019 § 2's list as kept by the
    `holidays` package, shared with booking and chat through web.holidays)."""
    return holiday_name(day)


def is_open(location: Location, now: dt.datetime | None = None) -> bool:
    moment = local_now(now)
    if not location.open_on_holidays and closed_for_holiday(moment.date()):
        return False
    wall = moment.time().replace(tzinfo=None)
    return any(h.weekday == moment.weekday() and h.opens <= wall < h.closes for h in location.hours.all())


def open_now_filter(now: dt.datetime | None = None) -> Q:
    """Services with a location open at this moment (local time; holidays close unless the location is
    open on holidays). One uncorrelated subquery: the database builds the set once."""
    moment = local_now(now)
    wall = moment.time().replace(tzinfo=None)
    hours = OpeningHours.objects.filter(weekday=moment.weekday(), opens__lte=wall, closes__gt=wall)
    if closed_for_holiday(moment.date()):
        hours = hours.filter(location__open_on_holidays=True)
    return Q(pk__in=hours.values("location__service_id"))


def is_stale(service: DirectoryService, today: dt.date | None = None) -> bool:
    """A description neither reviewed nor changed within 12 months is flagged."""
    today = today or timezone.localdate()
    latest = max(filter(None, (service.reviewed_at, service.updated_at)))
    return (today - latest.astimezone(HELSINKI).date()).days > STALE_AFTER_DAYS


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class Query:
    text: str = ""
    municipality: str = ""
    kind: str = ""
    target_group: str = ""
    language: str = ""
    open_now: bool = False
    accessible: bool = False
    home: tuple[float, float] | None = None  # WGS 84; the resident's municipality centre
    sort: str = "relevance"  # relevance | distance | name
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass
class Hit:
    service: DirectoryService
    score: float | None
    distance_km: float | None
    location: Location | None


@dataclass
class Results:
    hits: list[Hit]
    total: int
    query: Query
    pages: int = field(default=1)


def home_of(municipality_code: str) -> tuple[float, float] | None:
    return MUNICIPALITY_CENTRES.get(municipality_code)


def _filtered(query: Query, now: dt.datetime | None) -> QuerySet:
    services = DirectoryService.objects.published()
    if query.municipality:
        services = services.in_municipality(query.municipality)
    if query.kind:
        services = services.filter(kind=query.kind)
    if query.target_group:
        services = services.for_target_group(query.target_group)
    if query.language:
        services = services.in_language(query.language)
    if query.accessible:
        services = services.filter(pk__in=Location.objects.filter(step_free_access=True).values("service_id"))
    if query.open_now:
        services = services.filter(open_now_filter(now))
    return services


def _distance_sql(home: tuple[float, float]) -> ExpressionWrapper:
    """Squared equirectangular distance to the service's (first location's) coordinates: enough to
    order within a county; the distance shown is the haversine."""
    lat, lon = home
    scale = math.cos(math.radians(lat))
    dlat = ExpressionWrapper(F("latitude") - Value(lat), output_field=FloatField())
    dlon = ExpressionWrapper((F("longitude") - Value(lon)) * Value(scale), output_field=FloatField())
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())


def search(query: Query, now: dt.datetime | None = None) -> Results:
    services = _filtered(query, now)
    scores: dict[int, float] = {}
    text = bool(text_search.words(query.text))  # only stopwords or punctuation: no text condition
    if text:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                condition = text_search.postgres_condition(query.text, cursor)
            if condition is None:
                return Results([], 0, query)
            where, where_params, rank, rank_params = condition
            # Fixed SQL text from search.postgres_condition; the query's words are bound parameters.
            services = services.annotate(
                _score=RawSQL(rank, rank_params, output_field=FloatField()),  # noqa: S611
                _hit=RawSQL(where, where_params, output_field=BooleanField()),  # noqa: S611
            ).filter(_hit=True)
        else:
            index = sqlite_index()
            expression = index.match_expression(query.text)
            scores = dict(index.search(query.text)) if expression else {}
            if not scores:
                return Results([], 0, query)
            matching = "SELECT rowid FROM directory_fts WHERE directory_fts MATCH %s"
            services = services.filter(pk__in=RawSQL(matching, [expression]))  # noqa: S611 - bound
    postgres = connection.vendor == "postgresql"
    if query.home:
        services = services.annotate(_distance=_distance_sql(query.home))
    if query.sort == "name":
        order = [Lower("name"), "pk"]
    elif query.home and (query.sort == "distance" or not text):
        order = [F("_distance").asc(nulls_last=True), "pk"]
    elif text:
        order = (
            (["-_score"] if postgres else [])
            + ([F("_distance").asc(nulls_last=True)] if query.home else [])
            + ["pk"]
        )
    else:
        order = [Lower("name"), "pk"]
    size = max(1, min(query.page_size, MAX_PAGE_SIZE))
    if text and not postgres:
        # bm25 lives in the FTS table: the filters and the distance come from one query over the
        # service table, the matches and their scores from the FTS query; they meet here.
        fields = ("pk", "_distance") if query.home else ("pk",)
        rows_found = [row for row in services.values_list(*fields) if row[0] in scores]  # within the limit
        distances = {row[0]: row[1] for row in rows_found} if query.home else {}
        ids = [row[0] for row in rows_found]
        if query.sort == "name":
            names = dict(DirectoryService.objects.filter(pk__in=ids).values_list("pk", "name"))
            ids.sort(key=lambda pk: (names[pk].lower(), pk))
        elif query.home and query.sort == "distance":
            ids.sort(key=lambda pk: (distances.get(pk) or math.inf, pk))
        else:
            ids.sort(key=lambda pk: (-round(scores[pk], 3), distances.get(pk) or math.inf, pk))
        total = len(ids)
        pages = max(1, math.ceil(total / size))
        page = max(1, min(query.page, pages))
        window = ids[(page - 1) * size : page * size]
        chosen = {s.pk: s for s in _with_related(DirectoryService.objects.filter(pk__in=window))}
        rows = [chosen[pk] for pk in window]
    else:
        total = services.count()
        pages = max(1, math.ceil(total / size))
        page = max(1, min(query.page, pages))
        rows = list(_with_related(services.order_by(*order))[(page - 1) * size : page * size])
    hits = []
    for service in rows:
        location = next(iter(service.locations.all()), None)
        distance = None
        if query.home and service.latitude is not None:
            distance = distance_km(query.home, (service.latitude, service.longitude))
        score = getattr(service, "_score", None) if postgres else scores.get(service.pk)
        hits.append(Hit(service, score, distance, location))
    return Results(hits, total, Query(**{**query.__dict__, "page": page, "page_size": size}), pages)


def _with_related(services: QuerySet) -> QuerySet:
    """What a result list shows: the provider, the bookable service and the locations."""
    return services.select_related("provider", "booking_service").prefetch_related("locations")


# ---------------------------------------------------------------- contact requests


def contact_unit(service: DirectoryService):
    """The county's unit whose queue receives contact requests for the service, or None (outside
    providers are reached through their own contact channels)."""
    return service.unit or service.provider.unit


@transaction.atomic
def request_contact(
    service: DirectoryService, name: str, phone: str, message: str, person=None, address: str = ""
):
    """A contact request into the giving unit's work queue (a call-back item, throttled like the desk's
    call-back requests: per caller address when not signed in, and per phone number)."""
    from django.core.exceptions import ValidationError
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from luukku.desk import services as desk
    from luukku.desk.models import WorkItem
    from luukku.web import throttle

    from .models import ContactRequest
    from .work import PREFIX

    unit = contact_unit(service)
    if unit is None or not service.published:
        raise ValidationError(_("This service takes contact requests through its own contact details."))
    if person is None and address:
        throttle.hit(desk.CALL_BACKS_PER_ADDRESS, address)
    throttle.hit(desk.CALL_BACKS_PER_NUMBER, phone)
    contact = ContactRequest.objects.create(
        service=service, unit=unit, person=person, name=name, phone=phone, message=message
    )
    desk.submit(
        WorkItem.Kind.CALL_BACK,
        f"{PREFIX}:{contact.public_id}",
        unit,
        _("Contact request: %(service)s") % {"service": service.name},
        reverse("directory:detail", args=[service.public_id]),
        client=person,
        contact_name=name,
        contact_phone=phone,
        note=message,
    )
    return contact


# ---------------------------------------------------------------- the assessment's recommendations

# What the care-need assessment's recommendations mean in the directory (searched in Finnish; the stems
# match the Swedish and English texts of the same services too).
RECOMMENDATION_SEARCHES = {
    "hyte": ("liikuntaneuvonta", "liikunta", "vertaistuki"),
    "self_care": ("liikunta", "vertaistuki"),
}


def recommended(kind: str, municipality_code: str, limit: int = 5) -> list[dict]:
    """Directory entries serving the resident's municipality that match an assessment recommendation,
    the county's own first, then by distance from the municipality's centre."""
    from django.urls import reverse

    found: list[DirectoryService] = []
    for text in RECOMMENDATION_SEARCHES.get(kind, ()):
        query = Query(
            text=text, municipality=municipality_code, home=home_of(municipality_code), page_size=limit
        )
        for hit in search(query).hits:
            if hit.service not in found:
                found.append(hit.service)
    found.sort(key=lambda s: s.kind != "own")
    return [
        {
            "title": s.local_name,
            "url": reverse("directory:detail", args=[s.public_id]),
            "summary": s.local_summary,
        }
        for s in found[:limit]
    ]

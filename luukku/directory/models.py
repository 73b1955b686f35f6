"""The service directory: providers, their services, locations with opening hours and accessibility, and
contact channels.

The county's own services name the organisational unit that gives them (`identity.OrgUnit`), so the
directory builds on the same units as booking, the work queue and FHIR; other providers (purchased,
voucher, private, third sector) are directory rows of their own. The shape follows the national Service
Catalogue (Palvelutietovaranto, PTV): a service has names, a summary and a description in fi/sv/en,
target groups, languages, a charge type, service areas (municipalities) and service locations
(PTV's service channels of type ServiceLocation) with addresses, coordinates and service hours;
`ptv.py` maps both ways.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luukku.booking.models import Weekday


class ServiceKind(models.TextChoices):
    OWN = "own", _("the county's own service")
    PURCHASED = "purchased", _("purchased service")
    VOUCHER = "voucher", _("service voucher")
    PRIVATE = "private", _("private service")
    THIRD_SECTOR = "third_sector", _("association or parish")


class TargetGroup(models.TextChoices):
    """Target groups; each maps to a code of PTV's target-group classification (see `ptv.py`)."""

    EVERYONE = "everyone", _("everyone")
    FAMILIES = "families", _("children and families")
    YOUNG = "young", _("young people")
    ADULTS = "adults", _("working-age adults")
    OLDER = "older", _("older people")
    DISABLED = "disabled", _("people with disabilities")
    MENTAL_HEALTH = "mental_health", _("mental health and substance use")
    IMMIGRANTS = "immigrants", _("immigrants")
    CARERS = "carers", _("family carers")


class ChargeType(models.TextChoices):
    FREE = "free", _("free of charge")
    CHARGEABLE = "chargeable", _("chargeable")
    OTHER = "other", _("see the description")


LANGUAGES = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "se": _("Sámi"),
    "ru": _("Russian"),
    "et": _("Estonian"),
    "ar": _("Arabic"),
    "uk": _("Ukrainian"),
    "so": _("Somali"),
    "fa": _("Persian"),
}


def _pick(obj: models.Model, field: str) -> str:
    language = (get_language() or "fi")[:2]
    if language in {"sv", "en"}:
        return getattr(obj, f"{field}_{language}") or getattr(obj, field)
    return getattr(obj, field)


def codes(value: str) -> list[str]:
    """A space-delimited code list (" 109 694 ") as a list; stored that way so that one `contains`
    filter works on PostgreSQL and SQLite alike (JSON containment does not exist on SQLite)."""
    return value.split()


def code_list(values: list[str] | tuple[str, ...] | set[str]) -> str:
    return " " + " ".join(sorted(set(values))) + " " if values else ""


class Provider(models.Model):
    """Who gives services: a unit of the county (`unit` set) or an outside organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=15, choices=ServiceKind.choices, default=ServiceKind.OWN)
    name = models.CharField(_("name (fi)"), max_length=150)
    name_sv = models.CharField(_("name (sv)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (en)"), max_length=150, blank=True)
    business_id = models.CharField(_("business ID"), max_length=9, blank=True)  # Y-tunnus 1234567-8
    unit = models.ForeignKey(
        "identity.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_providers",
    )
    ptv_id = models.UUIDField(null=True, blank=True, unique=True)
    website = models.URLField(blank=True)

    class Meta:
        verbose_name = _("service provider")

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        return _pick(self, "name")


class DirectoryServiceQuerySet(models.QuerySet):
    def published(self) -> "DirectoryServiceQuerySet":
        return self.filter(published=True)

    def in_municipality(self, code: str) -> "DirectoryServiceQuerySet":
        return self.filter(areas__contains=f" {code} ")

    def for_target_group(self, group: str) -> "DirectoryServiceQuerySet":
        return self.filter(target_groups__contains=f" {group} ")

    def in_language(self, language: str) -> "DirectoryServiceQuerySet":
        return self.filter(languages__contains=f" {language} ")

    def accessible(self) -> "DirectoryServiceQuerySet":
        return self.filter(locations__step_free_access=True).distinct()


class DirectoryService(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="services")
    unit = models.ForeignKey(
        "identity.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_services",
        help_text=_("The county's unit that gives the service (own and purchased services)."),
    )
    kind = models.CharField(_("type"), max_length=15, choices=ServiceKind.choices, default=ServiceKind.OWN)
    name = models.CharField(_("name (fi)"), max_length=100)
    name_sv = models.CharField(_("name (sv)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (en)"), max_length=100, blank=True)
    summary = models.CharField(_("summary (fi)"), max_length=150, blank=True)
    summary_sv = models.CharField(_("summary (sv)"), max_length=150, blank=True)
    summary_en = models.CharField(_("summary (en)"), max_length=150, blank=True)
    description = models.TextField(_("description (fi)"), max_length=2500, blank=True)
    description_sv = models.TextField(_("description (sv)"), max_length=2500, blank=True)
    description_en = models.TextField(_("description (en)"), max_length=2500, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    target_groups = models.CharField(max_length=200, blank=True)  # code_list of TargetGroup
    languages = models.CharField(max_length=60, default=" fi ")  # code_list of ISO 639-1
    areas = models.CharField(max_length=60, blank=True)  # code_list of municipality codes
    charge_type = models.CharField(max_length=10, choices=ChargeType.choices, default=ChargeType.FREE)
    fee_cents = models.PositiveIntegerField(_("fee (cents)"), null=True, blank=True)
    fee_info = models.CharField(_("fee information"), max_length=500, blank=True)
    booking_service = models.ForeignKey(
        "booking.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="directory_entries"
    )
    ptv_id = models.UUIDField(null=True, blank=True, unique=True)
    published = models.BooleanField(default=True)
    # The first location's coordinates (WGS 84), kept by services.reindex for the distance sort.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # Names and keywords in every language, for typo-tolerant matching (trigrams); filled by services.
    search_names = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = DirectoryServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("directory service")
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_cents__isnull=True) | ~Q(charge_type="free"), name="directory_free_has_no_fee"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        return _pick(self, "name")

    @property
    def local_summary(self) -> str:
        return _pick(self, "summary")

    @property
    def local_description(self) -> str:
        return _pick(self, "description")

    @property
    def fee_euros(self) -> float | None:
        return None if self.fee_cents is None else self.fee_cents / 100

    @property
    def target_group_list(self) -> list[str]:
        return codes(self.target_groups)

    @property
    def language_list(self) -> list[str]:
        return codes(self.languages)

    @property
    def area_list(self) -> list[str]:
        return codes(self.areas)


class Location(models.Model):
    """A place where the service is given (PTV: a service channel of type ServiceLocation)."""

    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=130)
    postal_code = models.CharField(_("postal code"), max_length=5)
    post_office = models.CharField(_("post office"), max_length=60)
    municipality_code = models.CharField(max_length=3)
    latitude = models.FloatField(null=True, blank=True)  # WGS 84
    longitude = models.FloatField(null=True, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    accessible_parking = models.BooleanField(_("accessible parking"), default=False)
    accessibility_info = models.CharField(_("accessibility details"), max_length=500, blank=True)
    open_on_holidays = models.BooleanField(
        default=False, help_text=_("Open on public holidays, Midsummer Eve and Christmas Eve too.")
    )
    ptv_id = models.UUIDField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.street_address}, {self.post_office}"


class OpeningHours(models.Model):
    """Regular weekly hours (local time, Europe/Helsinki); closed on Finnish public holidays unless the
    location says otherwise."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)  # 0 = Monday
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="directory_weekday_range"),
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="directory_opens_first"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"


class ContactChannel(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        WEB = "web", _("web page")

    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.CharField(max_length=300)
    info = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class ContactRequest(models.Model):
    """A resident's contact request from a service page, delivered to the work queue of the county's unit
    that gives the service; its status follows the queue item (handled when the item is done)."""

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        HANDLED = "handled", _("handled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="contact_requests")
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="directory_contacts")
    person = models.ForeignKey(
        "identity.Resident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directory_contacts",
    )
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20)
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"

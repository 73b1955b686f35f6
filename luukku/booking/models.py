"""Bookable services, professionals' calendars, materialised slots and appointments.

Over-booking is prevented by the database: `Slot.booked` can never exceed `Slot.capacity` (check
constraint) and a person can hold one live booking per campaign (partial unique index).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.web.models import Translated


class Campaign(Translated):
    """A seasonal campaign (e.g. influenza vaccination): one live booking per person."""

    code = models.SlugField(unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    def __str__(self) -> str:
        return self.name


class AppointmentType(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("phone call")
    VIDEO = "video", _("video appointment")


class Service(Translated):
    code = models.SlugField(unique=True)
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="services")
    appointment_type = models.CharField(
        max_length=10, choices=AppointmentType.choices, default=AppointmentType.IN_PERSON
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=20)
    capacity = models.PositiveSmallIntegerField(default=1, help_text=_("More than 1 makes a group slot."))
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    target_ages_months = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Ages in months when the service is due, e.g. [12, 18, 24] for child health checks."),
    )
    target_window_days = models.PositiveSmallIntegerField(default=60)
    bookable_by_resident = models.BooleanField(default=True)
    bookable_by_guardian = models.BooleanField(default=True)
    bookable_by_professional = models.BooleanField(default=True)
    requires_authentication = models.BooleanField(default=True)
    cancellation_deadline_hours = models.PositiveSmallIntegerField(default=24)
    required_questionnaire = models.SlugField(
        blank=True, help_text=_("Pre-information form answered before the visit")
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="service_capacity_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
                name="service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Calendar(models.Model):
    """A professional's calendar in one unit."""

    professional = models.ForeignKey(
        "identity.Professional", on_delete=models.CASCADE, related_name="calendars"
    )
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="calendars")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["professional", "unit"], name="one_calendar_per_unit")]

    def __str__(self) -> str:
        return f"{self.professional} / {self.unit}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AvailabilityTemplate(models.Model):
    """Recurring weekly availability: on `weekday`, from `start_time` to `end_time`, slots of `service`."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="templates")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="templates")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    end_time = models.TimeField()
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    open_on_holidays = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(start_time__lt=F("end_time")), name="template_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M} {self.service}"


class CalendarException(models.Model):
    """A period when the calendar is closed (training, sick leave) or extra slots are opened."""

    class Kind(models.TextChoices):
        BLOCKED = "blocked", _("blocked")
        EXTRA = "extra", _("extra opening")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BLOCKED)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("For extra openings: the service of the extra slots"),
    )
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="exception_order")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class Slot(models.Model):
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="slots")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField()
    booked = models.PositiveSmallIntegerField(default=0)
    blocked = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "starts_at"], name="one_slot_per_calendar_time"),
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="slot_not_overbooked"),
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="slot_order"),
        ]
        indexes = [
            models.Index(fields=["service", "starts_at"], name="slot_service_start"),
            # The free-times search (services.free_slots) reads only open slots with room: in a rush,
            # when most of the first weeks are full, this index skips the full ones.
            models.Index(
                fields=["service", "starts_at"],
                condition=Q(blocked=False, booked__lt=F("capacity")),
                name="slot_free_by_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return 0 if self.blocked else self.capacity - self.booked


def _manage_token() -> str:
    return secrets.token_urlsafe(24)


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")

    class BookedAs(models.TextChoices):
        SELF = "self", _("self")
        GUARDIAN = "guardian", _("guardian")
        MANDATE = "mandate", _("mandate")
        PROFESSIONAL = "professional", _("professional")
        ANONYMOUS = "anonymous", _("without identification")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="appointments")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT)
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    contact_email = models.EmailField(blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_as = models.CharField(max_length=12, choices=BookedAs.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    rescheduled_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    manage_token = models.CharField(max_length=40, default=_manage_token, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "campaign"],
                condition=Q(status="booked", campaign__isnull=False),
                name="one_live_booking_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["person", "slot"],
                condition=Q(status="booked"),
                name="one_live_booking_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(contact_name="") & ~Q(contact_phone=""),
                name="appointment_has_someone",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="appointment_person_status")]

    def __str__(self) -> str:
        return f"{self.service} {self.slot.starts_at:%Y-%m-%d %H:%M}"

"""Home care: clients and their care and service plans, nurses and shifts, dated visits, door openings.

Times are stored in UTC (aware datetimes); a plan's recurring windows are wall-clock times in
Europe/Helsinki, turned into aware datetimes when a day's visits are generated.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.identity.models import OrgUnit, Professional, Resident


class TravelMode(models.TextChoices):
    CAR = "car", _("car")
    BIKE = "bike", _("bike")
    WALK = "walk", _("on foot")


class Skill(models.TextChoices):
    MEDICATION = "medication", _("medication")
    WOUND_CARE = "wound_care", _("wound care")
    INSULIN = "insulin", _("insulin")
    CATHETER = "catheter", _("catheter care")
    LIFTING = "lifting", _("hoist lifting")


class HomeCareClient(models.Model):
    """A resident of the register who receives home care from a home-care unit."""

    person = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="homecare")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="homecare_clients")
    latitude = models.FloatField()
    longitude = models.FloatField()
    key_info = models.TextField(blank=True)  # what a visiting nurse must know (allergies, door, pets)
    language = models.CharField(max_length=2, default="fi")
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"homecare client {self.pk}"


class Nurse(models.Model):
    """A professional with a role in a home-care unit: skills, languages, home base, travel mode."""

    professional = models.OneToOneField(Professional, on_delete=models.CASCADE, related_name="homecare")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="homecare_nurses")
    base_latitude = models.FloatField()
    base_longitude = models.FloatField()
    skills = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    travel_mode = models.CharField(max_length=4, choices=TravelMode.choices, default=TravelMode.CAR)

    def __str__(self) -> str:
        return self.professional.user.get_full_name()


class Shift(models.Model):
    """A nurse's working day; the break (lunch) is taken within [break_earliest, break_latest]."""

    nurse = models.ForeignKey(Nurse, on_delete=models.CASCADE, related_name="shifts")
    day = models.DateField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    break_earliest = models.DateTimeField(null=True, blank=True)
    break_latest = models.DateTimeField(null=True, blank=True)  # latest start of the break
    break_minutes = models.PositiveSmallIntegerField(default=30)
    absent = models.BooleanField(default=False)  # fell ill: re-optimise without this shift

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nurse", "day"], name="homecare_one_shift_a_day"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_order"),
        ]

    def __str__(self) -> str:
        return f"shift {self.nurse_id} {self.day}"


class VisitNeed(models.Model):
    """A recurring visit of the care and service plan (Social Welfare Act 1301/2014 § 19, § 39)."""

    client = models.ForeignKey(HomeCareClient, on_delete=models.CASCADE, related_name="needs")
    weekdays = models.JSONField(default=list)  # 0 = Monday … 6 = Sunday
    window_start = models.TimeField()
    window_end = models.TimeField()  # latest start of the visit
    duration_minutes = models.PositiveSmallIntegerField()
    tasks = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    two_person = models.BooleanField(default=False)
    remote = models.BooleanField(default=False)  # a video visit (chat app's rooms)
    preferred_nurses = models.ManyToManyField(Nurse, blank=True, related_name="preferred_by")
    language = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="need_window_order"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="need_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"visit need {self.pk}"


class Pause(models.Model):
    """Visits pause (e.g. a hospital stay) from `starts` to `ends` inclusive."""

    client = models.ForeignKey(HomeCareClient, on_delete=models.CASCADE, related_name="pauses")
    starts = models.DateField()
    ends = models.DateField()
    reason = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"pause {self.client_id} {self.starts}-{self.ends}"


class DayPlan(models.Model):
    """A unit's plan for a day; published when the nurses may see it."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="homecare_plans")
    day = models.DateField()
    optimised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    distance_m = models.PositiveIntegerField(default=0)
    travel_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="homecare_one_plan_a_day")]

    def __str__(self) -> str:
        return f"plan {self.unit_id} {self.day}"


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        STARTED = "started", _("started")
        DONE = "done", _("done")
        NOT_HOME = "not_home", _("client not at home")
        CANCELLED = "cancelled", _("cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(HomeCareClient, on_delete=models.CASCADE, related_name="visits")
    need = models.ForeignKey(VisitNeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    day = models.DateField(db_index=True)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()  # latest start
    duration_minutes = models.PositiveSmallIntegerField()
    tasks = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    two_person = models.BooleanField(default=False)
    remote = models.BooleanField(default=False)
    extra = models.BooleanField(default=False)  # a one-off visit outside the plan
    nurse = models.ForeignKey(Nurse, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits")
    second_nurse = models.ForeignKey(
        Nurse, null=True, blank=True, on_delete=models.SET_NULL, related_name="second_visits"
    )
    planned_start = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(default=0)
    locked = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    tasks_done = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "need", "day"],
                condition=models.Q(need__isnull=False),
                name="visit_once_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="visit_window_order"
            ),
        ]
        indexes = [models.Index(fields=["day", "nurse", "sequence"])]

    def __str__(self) -> str:
        return f"visit {self.public_id}"


class DoorKey(models.Model):
    """A per-visit, time-limited key issued by the lock adapter to the visit's nurse."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="keys")
    nurse = models.ForeignKey(Nurse, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=200)
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"key {self.pk}"


class DoorOpening(models.Model):
    """Every opening of a client's door; shown to the client and to relatives with a mandate."""

    client = models.ForeignKey(HomeCareClient, on_delete=models.CASCADE, related_name="door_openings")
    visit = models.ForeignKey(Visit, null=True, on_delete=models.SET_NULL, related_name="openings")
    nurse = models.ForeignKey(Nurse, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"opening {self.pk}"

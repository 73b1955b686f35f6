"""Booking, cancelling and rescheduling appointments.

The slot's counter is raised with a conditional UPDATE inside the booking transaction, and the
database refuses a count above capacity and a second live booking in a campaign, so a rush of
simultaneous bookings can neither over-book a slot nor book a person twice.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from luukku.access.categories import Action
from luukku.access.policy import category_of_unit, require
from luukku.audit.models import Purpose
from luukku.audit.services import record_event
from luukku.identity.models import Resident
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import is_uuid
from luukku.notify.services import queue_message
from luukku.questionnaires import services as questionnaires
from luukku.web import events

from . import eligibility, limits
from .events import AppointmentBooked, AppointmentCancelled
from .models import Appointment, Service, Slot
from .tasks import send_reminder

REMINDER_BEFORE = dt.timedelta(hours=24)


class BookingRefused(Exception):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return (
            str(eligibility.REASONS[self.code]) % self.params
            if self.params
            else str(eligibility.REASONS[self.code])
        )


@dataclass(frozen=True)
class Booker:
    """Who books and for whom: a signed-in user acting for `person`, a professional, or nobody."""

    user: AbstractBaseUser | None
    person: Resident | None
    booked_as: str  # one of Appointment.BookedAs
    address: str = ""  # the client's address (throttle key), for the limits on anonymous booking


def booker_for(user: AbstractBaseUser, person: Resident | None, address: str = "") -> Booker:
    if person is None or not user.is_authenticated:
        return Booker(None, None, Appointment.BookedAs.ANONYMOUS, address)
    if hasattr(user, "professional") and getattr(user, "resident", None) is None:
        return Booker(user, person, Appointment.BookedAs.PROFESSIONAL)
    actor = user.resident
    if person.pk == actor.pk:
        return Booker(user, person, Appointment.BookedAs.SELF)
    if person.age() < 18:
        return Booker(user, person, Appointment.BookedAs.GUARDIAN)
    return Booker(user, person, Appointment.BookedAs.MANDATE)


def service_rules(service: Service) -> eligibility.ServiceRules:
    return eligibility.ServiceRules(
        active=service.active,
        requires_authentication=service.requires_authentication,
        bookable_by_resident=service.bookable_by_resident,
        bookable_by_guardian=service.bookable_by_guardian,
        bookable_by_professional=service.bookable_by_professional,
        min_age=service.min_age,
        max_age=service.max_age,
        target_ages_months=tuple(service.target_ages_months),
        target_window_days=service.target_window_days,
    )


def _has_campaign_booking(
    service: Service, person: Resident | None, ignoring: Appointment | None = None
) -> bool:
    if service.campaign_id is None or person is None:
        return False
    live = Appointment.objects.filter(
        person=person, campaign_id=service.campaign_id, status=Appointment.Status.BOOKED
    )
    if ignoring is not None:
        live = live.exclude(pk=ignoring.pk)
    return live.exists()


def refusal_for(
    service: Service,
    booker: Booker,
    on: dt.date,
    rescheduling: Appointment | None = None,
    booked_campaigns: set[int] | None = None,
) -> str | None:
    """Why this booker cannot book the service for a day, or None; includes the proxy rules.
    `booked_campaigns`: the person's campaigns with a live booking, when the caller has them already
    (a list of services asks once, not once per service)."""
    person = booker.person
    if (
        person is not None
        and booker.booked_as != Appointment.BookedAs.PROFESSIONAL
        and not acts_for(booker.user, Matter(person, service.code))
    ):
        return "not_allowed"
    return eligibility.refusal(
        service_rules(service),
        booker.booked_as,
        person.birth_date if person else None,
        on,
        service.campaign_id in booked_campaigns
        if booked_campaigns is not None and rescheduling is None
        else _has_campaign_booking(service, person, ignoring=rescheduling),
    )


ACTIVE_SERVICES_KEY = "booking:active-services:v1"
ACTIVE_SERVICES_SECONDS = 60


def active_services() -> list[Service]:
    """Every active service with its unit and campaign, by name, each unit's served municipalities worked
    out: the same for everyone, so kept in the cache (Redis in production, shared by the processes) for
    a minute and dropped whenever a service, unit or campaign is saved (booking/apps.py)."""
    listed = cache.get(ACTIVE_SERVICES_KEY)
    if listed is None:
        listed = list(Service.objects.filter(active=True).select_related("unit", "campaign").order_by("name"))
        served: dict[int, set[str]] = {}
        for service in listed:
            if service.unit_id not in served:
                served[service.unit_id] = service.unit.served_municipalities()
            service.unit.served = served[service.unit_id]
        cache.set(ACTIVE_SERVICES_KEY, listed, ACTIVE_SERVICES_SECONDS)
    return listed


def forget_active_services(**_signal) -> None:
    cache.delete(ACTIVE_SERVICES_KEY)


def _booked_campaigns(person: Resident | None) -> set[int]:
    if person is None:
        return set()
    return set(
        Appointment.objects.filter(
            person=person, status=Appointment.Status.BOOKED, campaign_id__isnull=False
        ).values_list("campaign_id", flat=True)
    )


def bookable_services(booker: Booker, on: dt.date, search: str = "", unit_code: str = "") -> list[Service]:
    """Services the booker may book, optionally narrowed by words in the name/description and by unit."""
    if search.split() or unit_code:
        services = Service.objects.filter(active=True).select_related("unit", "campaign").order_by("name")
        if unit_code:
            services = services.filter(unit__code=unit_code)
        for word in search.split()[:5]:
            services = services.filter(
                Q(name__icontains=word)
                | Q(name_sv__icontains=word)
                | Q(name_en__icontains=word)
                | Q(description__icontains=word)
            )
    else:
        services = active_services()
    booked = _booked_campaigns(booker.person) if any(s.campaign_id for s in services) else set()
    bookable = [s for s in services if refusal_for(s, booker, on, booked_campaigns=booked) is None]
    home = booker.person.municipality_code if booker.person is not None else ""
    return nearest_first(bookable, home)


def nearest_first(services: list[Service], municipality_code: str) -> list[Service]:
    """Services of units serving the resident's home municipality first, then the rest; by name within
    each (stable: the caller's order is kept). Without a home municipality the order is unchanged."""
    if not municipality_code:
        return list(services)
    served: dict[int, set[str]] = {}

    def far(service: Service) -> bool:
        if service.unit_id not in served:
            unit = service.unit
            served[service.unit_id] = getattr(unit, "served", None) or unit.served_municipalities()
        return municipality_code not in served[service.unit_id]

    return sorted(services, key=far)


def existing_campaign_booking(service: Service, person: Resident | None) -> Appointment | None:
    """The person's live booking in the service's campaign (one flu shot a season), to link to when a
    second one is refused."""
    if service.campaign_id is None or person is None:
        return None
    return (
        Appointment.objects.filter(
            person=person, campaign_id=service.campaign_id, status=Appointment.Status.BOOKED
        )
        .select_related("slot", "service")
        .first()
    )


def slots_by_day(slots, hours: int, now: dt.datetime | None = None) -> list[dict]:
    """Free times grouped by local day for the compact picker; each time says whether it could still
    be changed online after booking (a time inside the change deadline is labelled before booking)."""
    days: list[dict] = []
    for slot in slots:
        day = timezone.localtime(slot.starts_at).date()
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "slots": []})
        days[-1]["slots"].append({"slot": slot, "changeable": changeable_online(slot.starts_at, hours, now)})
    return days


def free_slots(service: Service, first_day: dt.date, days: int = 7) -> QuerySet[Slot]:
    start = max(
        timezone.now(), dt.datetime.combine(first_day, dt.time.min, tzinfo=timezone.get_current_timezone())
    )
    end = dt.datetime.combine(
        first_day + dt.timedelta(days=days), dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    return (
        Slot.objects.filter(
            service=service, starts_at__gte=start, starts_at__lt=end, blocked=False, booked__lt=F("capacity")
        )
        .select_related("calendar__professional__user", "calendar__unit")
        .order_by("starts_at")
    )


def book(
    slot: Slot,
    booker: Booker,
    contact_phone: str = "",
    contact_email: str = "",
    contact_name: str = "",
    rescheduling: Appointment | None = None,
) -> Appointment:
    """Book the slot; raises BookingRefused with the reason, throttle.Throttled when the booker is over
    a limit of `limits` (the minutes to wait in its message). Rescheduling swaps in one transaction."""
    spent = limits.spend_booking(booker.booked_as, booker.address, contact_phone.strip())
    try:
        return _book(slot, booker, contact_phone, contact_email, contact_name, rescheduling)
    except BookingRefused:
        limits.give_back(spent)  # no text was sent
        raise


def _book(
    slot: Slot,
    booker: Booker,
    contact_phone: str,
    contact_email: str,
    contact_name: str,
    rescheduling: Appointment | None,
) -> Appointment:
    service = slot.service
    local_day = timezone.localtime(slot.starts_at).date()
    reason = refusal_for(service, booker, local_day, rescheduling)
    if reason:
        raise BookingRefused(reason, min_age=service.min_age, max_age=service.max_age)
    if not service.requires_authentication and booker.booked_as != Appointment.BookedAs.PROFESSIONAL:
        held = limits.held_in_week(service, booker.person, contact_phone.strip(), local_day, rescheduling)
        if held >= limits.HELD_PER_WEEK:
            raise BookingRefused("weekly_limit", held=held)
    if booker.booked_as == Appointment.BookedAs.PROFESSIONAL:
        require(
            booker.user,
            booker.person,
            category_of_unit(service.unit),
            what="booking",
            action=Action.WRITE,
            purpose=Purpose.CLIENT_SERVICE,
            service_event=service.code,
        )
    with transaction.atomic():
        if rescheduling is not None:
            _cancel(rescheduling, booker.user, event="booking.rescheduled_from")
        taken = Slot.objects.filter(
            pk=slot.pk, blocked=False, booked__lt=F("capacity"), starts_at__gt=timezone.now()
        ).update(booked=F("booked") + 1)
        if not taken:
            raise BookingRefused("past" if slot.starts_at <= timezone.now() else "full")
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    slot=slot,
                    service=service,
                    campaign_id=service.campaign_id,
                    person=booker.person,
                    booked_by=booker.user,
                    booked_as=booker.booked_as,
                    contact_phone=contact_phone.strip(),
                    contact_email=contact_email.strip(),
                    contact_name=contact_name.strip(),
                    rescheduled_from=rescheduling,
                )
        except IntegrityError:
            raise BookingRefused("campaign") from None
        record_event(
            "booking.booked",
            subject=booker.person,
            actor=booker.user,
            service=service.code,
            booked_as=booker.booked_as,
            starts_at=slot.starts_at.isoformat(),
            rescheduled=rescheduling is not None,
        )
        _send_confirmation(appointment)
        events.publish(AppointmentBooked(appointment.pk))
        if service.required_questionnaire and booker.person is not None:
            questionnaires.activate(
                booker.person,
                service.required_questionnaire,
                reason=service.name,
                source=f"appointment:{appointment.public_id}",
                due_at=slot.starts_at,
            )
        remind_at = slot.starts_at - REMINDER_BEFORE
        if remind_at > timezone.now():
            transaction.on_commit(lambda: send_reminder.using(run_after=remind_at).enqueue(appointment.pk))
    return appointment


def change_deadline(starts_at: dt.datetime, hours: int) -> dt.datetime:
    """The last moment a resident may cancel or move the time online: `hours` before it starts."""
    return starts_at - dt.timedelta(hours=hours)


def changeable_online(starts_at: dt.datetime, hours: int, now: dt.datetime | None = None) -> bool:
    """Whether a resident may still cancel or move the time online; at the deadline itself they may."""
    now = now or timezone.now()
    return now < starts_at and now <= change_deadline(starts_at, hours)


def deadline_text(starts_at: dt.datetime, hours: int, now: dt.datetime | None = None) -> str:
    """What the resident is told about changing the time, the same on the times list, the confirm
    page, the booking's page and in its messages: the deadline while it is ahead, never a past date."""
    if changeable_online(starts_at, hours, now):
        return str(_("You can cancel or change the time online until %(deadline)s.")) % {
            "deadline": _when(change_deadline(starts_at, hours))
        }
    return str(
        ngettext(
            "Online changes end %(hours)s hour before the time, so this time cannot be cancelled or changed "
            "online. If you cannot come, call the unit.",
            "Online changes end %(hours)s hours before the time, so this time cannot be cancelled or "
            "changed online. If you cannot come, call the unit.",
            hours,
        )
    ) % {"hours": hours}


def manage_url(appointment: Appointment) -> str:
    """The address in every booking message: the booking's own page for a signed-in resident, the
    manage link (its code in the fragment, which browsers never send) for a booking without sign-in."""
    base = settings.LUUKKU_PUBLIC_URL.rstrip("/")
    if appointment.person is None:
        return f"{base}{reverse('booking:manage_open')}#{appointment.manage_token}"
    return f"{base}{reverse('booking:detail', args=[appointment.public_id])}"


def may_change(appointment: Appointment, user: AbstractBaseUser | None) -> str | None:
    """Why the booking cannot be cancelled or moved now, or None.

    Professionals are not bound by the online deadline.
    """
    if appointment.status != Appointment.Status.BOOKED:
        return "not_allowed"
    if appointment.slot.starts_at <= timezone.now():
        return "past"
    is_professional = user is not None and user.is_authenticated and hasattr(user, "professional")
    if not is_professional and not changeable_online(
        appointment.slot.starts_at, appointment.service.cancellation_deadline_hours
    ):
        return "deadline"
    return None


def cancel(appointment: Appointment, user: AbstractBaseUser | None) -> None:
    """Cancel; its text counts against the number's limit, and over it the cancellation goes unsent."""
    reason = may_change(appointment, user)
    if reason:
        raise BookingRefused(reason)
    by_professional = user is not None and user.is_authenticated and hasattr(user, "professional")
    with transaction.atomic():
        _cancel(appointment, user, event="booking.cancelled")
        texting = limits.may_text_cancellation(appointment, by_professional)
        _notify(appointment, "booking.cancelled", CANCELLED_NOTICE, sms=texting)
        events.publish(AppointmentCancelled(appointment.pk))


def _cancel(appointment: Appointment, user, event: str) -> None:
    """Release the place; an open pre-information form activated by this booking goes with it."""
    updated = Appointment.objects.filter(pk=appointment.pk, status=Appointment.Status.BOOKED).update(
        status=Appointment.Status.CANCELLED, cancelled_at=timezone.now()
    )
    if not updated:
        raise BookingRefused("not_allowed")
    Slot.objects.filter(pk=appointment.slot_id).update(booked=F("booked") - 1)
    appointment.status = Appointment.Status.CANCELLED
    if appointment.service.required_questionnaire and appointment.person is not None:
        questionnaires.cancel_activation(
            appointment.person,
            appointment.service.required_questionnaire,
            source=f"appointment:{appointment.public_id}",
        )
    record_event(
        event,
        subject=appointment.person,
        actor=user if user and user.is_authenticated else None,
        service=appointment.service.code,
        starts_at=appointment.slot.starts_at.isoformat(),
    )


def reschedule(appointment: Appointment, new_slot: Slot, booker: Booker) -> Appointment:
    reason = may_change(appointment, booker.user)
    if reason:
        raise BookingRefused(reason)
    if new_slot.service_id != appointment.service_id:
        raise BookingRefused("not_allowed")
    return book(
        new_slot,
        booker,
        appointment.contact_phone,
        appointment.contact_email,
        appointment.contact_name,
        rescheduling=appointment,
    )


def pre_information_of(appointment: Appointment):
    """The client's answer to the form the service requires, if they have sent one in the last 3 months."""
    key = appointment.service.required_questionnaire
    if not key or appointment.person is None:
        return None
    latest = questionnaires.latest_completed(appointment.person, key)
    if latest is None or latest.completed_at < appointment.slot.starts_at - questionnaires.RECENT_ANSWER:
        return None
    return latest


def appointment_by_public_id(public_id: str) -> Appointment | None:
    """The appointment with this public id; None for an unknown or malformed id."""
    if not is_uuid(public_id):
        return None
    return (
        Appointment.objects.select_related("slot__calendar__unit", "service", "person")
        .filter(public_id=public_id)
        .first()
    )


def anonymous_booking(token: str) -> Appointment | None:
    """The booking made without identification that this manage token opens; None for any other."""
    if not token or len(token) > Appointment._meta.get_field("manage_token").max_length:
        return None
    return (
        Appointment.objects.select_related("slot", "service__unit")
        .filter(manage_token=token, person__isnull=True)
        .first()
    )


def latest_contact_phone(person: Resident) -> str:
    """The phone number the person last gave when booking, for professionals to call back."""
    return (
        Appointment.objects.filter(person=person)
        .exclude(contact_phone="")
        .order_by("-created_at")
        .values_list("contact_phone", flat=True)
        .first()
        or ""
    )


def latest_contact(person: Resident) -> tuple[dt.datetime, str] | None:
    """(when, number) of the phone number the person last gave when booking (desk's phone sources)."""
    return (
        Appointment.objects.filter(person=person)
        .exclude(contact_phone="")
        .order_by("-created_at")
        .values_list("created_at", "contact_phone")
        .first()
    )


def appointments_of(person: Resident) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(person=person)
        .select_related("slot", "service__unit", "slot__calendar")
        .order_by("slot__starts_at")
    )


def upcoming_of(person: Resident) -> QuerySet[Appointment]:
    return appointments_of(person).filter(status=Appointment.Status.BOOKED, slot__ends_at__gte=timezone.now())


# --- Messages --------------------------------------------------------------------------------------

CONFIRMATION_TEXT = _("Booking confirmed: {service}, {when}, {where}. {deadline} Your booking: {link}")
REMINDER_TEXT = _("Reminder: {service} {when}, {where}. If you cannot come, please cancel the time: {link}")
CANCELLED_TEXT = _("Booking cancelled: {service} {when}. Details: {link}")

# What a text message or e-mail says: the time and the link, never the service or the place. A phone's
# lock screen or a shared mailbox must not tell which care someone gets; the details are behind the link
# and in the inbox (issue 23: "no health content in SMS").
CONFIRMATION_NOTICE = _("Booking confirmed for {when}. {deadline} The details, and changes: {link}")
REMINDER_NOTICE = _(
    "Reminder: you have a booked time on {when}. The details, or cancel if you cannot come: {link}"
)
CANCELLED_NOTICE = _("Your booked time on {when} has been cancelled. Details: {link}")
NOTICE_SUBJECT = _("Your booking in Luukku")


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j.n.Y H.i")


def message_text(template, appointment: Appointment) -> str:
    """The message in the current language; services' names come in that language too."""
    slot, service = appointment.slot, appointment.service
    where = service.location or service.unit.local_name
    return str(template).format(
        service=service.local_name,
        when=_when(slot.starts_at),
        where=where,
        deadline=deadline_text(slot.starts_at, service.cancellation_deadline_hours),
        link=manage_url(appointment),
    )


def _notify(appointment: Appointment, kind: str, template, sms: bool = True) -> None:
    with translation.override(appointment.person.language if appointment.person else "fi"):
        body = message_text(template, appointment)
        subject = str(NOTICE_SUBJECT)
    if appointment.contact_phone and sms:
        queue_message("sms", appointment.contact_phone, body, kind, recipient=appointment.person)
    if appointment.contact_email:
        queue_message(
            "email",
            appointment.contact_email,
            body,
            kind,
            subject=subject,
            recipient=appointment.person,
        )


def _send_confirmation(appointment: Appointment) -> None:
    _notify(appointment, "booking.confirmation", CONFIRMATION_NOTICE)


def video_room_key(appointment: Appointment) -> str:
    """The video room an appointment meets in: a group slot (capacity > 1, e.g. a remote group) has one
    room for everyone who booked it and its professional; a one-to-one appointment has a room of its own.
    The key is turned into an unguessable room name by the video adapter."""
    if appointment.slot.capacity > 1:
        return f"slot:{appointment.slot_id}"
    return f"appointment:{appointment.public_id}"

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from luukku.access.services import find_client
from luukku.audit.models import Purpose
from luukku.chat.adapters import video_rooms
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import SignInRefused, is_uuid
from luukku.web import throttle
from luukku.web.forms import NoFieldsForm, posted
from luukku.web.routes import Audience, route
from luukku.web.session import remember
from luukku.web.validation import check_date

from . import services
from .forms import ClientBookingForm, ContactForm, ManageTokenForm
from .ical import appointment_ics
from .models import Appointment, Service, Slot

MANAGED_SESSION_KEY = "luukku_managed_bookings"  # bookings made without identification, opened here


def _booker(request: HttpRequest) -> services.Booker:
    person = request.acting_for if getattr(request.user, "resident", None) is not None else None
    return services.booker_for(request.user, person or None, throttle.address_key(request))


def _day_asked(request: HttpRequest, default: dt.date) -> dt.date:
    """The day of the `alkaen` query parameter; `default` with a message when it is not a date within
    validation.EARLIEST..LATEST (a far date would overflow the week arithmetic)."""
    text = request.GET.get("alkaen", "")
    if not text:
        return default
    try:
        return check_date(dt.date.fromisoformat(text))
    except ValueError:
        messages.error(request, _("Give the date in the form YYYY-MM-DD."))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    return default


def _first_day(request: HttpRequest) -> dt.date:
    today = timezone.localdate()
    return max(_day_asked(request, today), today)


def _rescheduled(request: HttpRequest) -> Appointment | None:
    public_id = request.GET.get("siirra") or request.POST.get("siirra")
    if not public_id:
        return None
    appointment = (
        Appointment.objects.filter(public_id=public_id).select_related("slot", "service", "person").first()
        if is_uuid(public_id)
        else None
    )
    if appointment is None or not _may_see(request, appointment):
        raise PermissionDenied(_("You do not have the right to handle this booking."))
    return appointment


def _may_see(request: HttpRequest, appointment: Appointment) -> bool:
    if appointment.person is None or not request.user.is_authenticated:
        return False
    return acts_for(request.user, Matter(appointment.person, appointment.service.code))


@route(Audience.PUBLIC, "none")
def service_list(request: HttpRequest) -> HttpResponse:
    booker = _booker(request)
    search, unit = request.GET.get("haku", "").strip()[:100], request.GET.get("yksikko", "")
    every = services.bookable_services(booker, timezone.localdate())
    shown = (
        services.bookable_services(booker, timezone.localdate(), search, unit) if search or unit else every
    )
    units = sorted({s.unit for s in every}, key=lambda u: u.name)
    template = "booking/_service_results.html" if request.htmx else "booking/services.html"
    return render(
        request,
        template,
        {"services": shown, "booker": booker, "units": units, "search": search, "unit": unit},
    )


@route(Audience.PUBLIC, "none")
def service_times(request: HttpRequest, code: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("unit"), code=code, active=True)
    booker = _booker(request)
    first_day = _first_day(request)
    moving = _rescheduled(request)
    reason = services.refusal_for(service, booker, first_day, rescheduling=moving)
    slots = [] if reason else list(services.free_slots(service, first_day))
    context = {
        "service": service,
        "days": services.slots_by_day(slots, service.cancellation_deadline_hours),
        "refusal": services.BookingRefused(reason, min_age=service.min_age, max_age=service.max_age).message
        if reason
        else "",
        "existing": (
            services.existing_campaign_booking(service, booker.person) if reason == "campaign" else None
        ),
        "deadline_hours": service.cancellation_deadline_hours,
        "first_day": first_day,
        "next_week": first_day + dt.timedelta(days=7),
        "previous_week": first_day - dt.timedelta(days=7) if first_day > timezone.localdate() else None,
        "moving": moving,
        # Worked out once for the page, not once per time (a week of a flu campaign has hundreds).
        "confirm_base": reverse("booking:confirm", args=[0]).removesuffix("0/"),
        "moving_query": f"?siirra={moving.public_id}" if moving else "",
        "no_online_changes": _("no online changes"),
    }
    template = "booking/_week.html" if request.htmx else "booking/times.html"
    return render(request, template, context)


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@sensitive_post_parameters("phone", "email", "name")
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(
        Slot.objects.select_related("service__unit", "calendar__professional__user"), pk=slot_id
    )
    booker = _booker(request)
    moving = _rescheduled(request)
    if booker.person is None and slot.service.requires_authentication:
        return redirect(f"{reverse('identity:login')}")
    initial = {}
    if booker.person is not None:
        initial = {"phone": services.latest_contact_phone(booker.person)}
    if moving is not None:
        initial = {"phone": moving.contact_phone, "email": moving.contact_email}
    form = ContactForm(posted(request), anonymous=booker.person is None, initial=initial)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if moving is not None:
                appointment = services.reschedule(moving, slot, booker)
            else:
                appointment = services.book(
                    slot, booker, data.get("phone", ""), data.get("email", ""), data.get("name", "")
                )
        except services.BookingRefused as refused:
            form.add_error(None, refused.message)
            existing = (
                services.existing_campaign_booking(slot.service, booker.person)
                if refused.code == "campaign"
                else None
            )
        except throttle.Throttled as limited:
            form.add_error(None, limited.message)
            context = {**_confirm_context(slot, moving, booker), "form": form}
            return throttle.with_retry_after(render(request, "booking/confirm.html", context), limited)
        else:
            messages.success(request, _booked_notice(appointment, moved=moving is not None))
            if booker.person is None:
                _remember_managed(request, appointment)
                return redirect("booking:manage", public_id=appointment.public_id)
            return redirect("booking:detail", public_id=appointment.public_id)
    return render(
        request,
        "booking/confirm.html",
        {**_confirm_context(slot, moving, booker), "form": form, "existing": existing},
        status=409 if form.non_field_errors() else 400 if form.errors else 200,
    )


def _confirm_context(slot: Slot, moving: Appointment | None, booker: services.Booker) -> dict:
    return {
        "slot": slot,
        "moving": moving,
        "booker": booker,
        "deadline_text": services.deadline_text(slot.starts_at, slot.service.cancellation_deadline_hours),
        "changeable": services.changeable_online(slot.starts_at, slot.service.cancellation_deadline_hours),
    }


def _booked_notice(appointment: Appointment, moved: bool) -> str:
    """The success notice: what was done and what happens next."""
    done = _("The time has been moved.") if moved else _("The time has been booked.")
    parts = [str(done)]
    if appointment.contact_phone:
        parts.append(
            _("A confirmation is on its way to %(phone)s, and a reminder comes the day before.")
            % {"phone": appointment.contact_phone}
        )
    if appointment.service.required_questionnaire and appointment.person is not None:
        parts.append(_("Fill in the pre-information form before the appointment: it is under Forms."))
    parts.append(
        services.deadline_text(appointment.slot.starts_at, appointment.service.cancellation_deadline_hours)
    )
    return " ".join(parts)


@route(Audience.RESIDENT, "own")
@resident_required
def my_appointments(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    every = [a for a in services.appointments_of(person) if _may_see(request, a)]
    now = timezone.now()
    upcoming = [a for a in every if a.status == Appointment.Status.BOOKED and a.slot.ends_at >= now]
    past = [a for a in every if a not in upcoming][::-1][:20]
    return render(request, "booking/mine.html", {"person": person, "upcoming": upcoming, "past": past})


def _video_url(appointment: Appointment, display_name: str, moderator: bool) -> str:
    if appointment.service.appointment_type != "video" or appointment.status != Appointment.Status.BOOKED:
        return ""
    return video_rooms().room_url(
        services.video_room_key(appointment),
        display_name,
        appointment.slot.starts_at,
        appointment.slot.ends_at,
        moderator,
    )


def _appointment_page(request: HttpRequest, appointment: Appointment, managed: bool = False) -> HttpResponse:
    return render(
        request,
        "booking/appointment.html",
        {
            "video_url": _video_url(
                appointment,
                appointment.person.full_name if appointment.person else appointment.contact_name,
                moderator=False,
            ),
            "appointment": appointment,
            "change_refusal": services.may_change(appointment, request.user),
            "deadline_text": services.deadline_text(
                appointment.slot.starts_at, appointment.service.cancellation_deadline_hours
            ),
            "managed": managed,
            # The code travels in the fragment, which browsers never send: no server or proxy logs it.
            "manage_link": request.build_absolute_uri(reverse("booking:manage_open"))
            + f"#{appointment.manage_token}"
            if managed
            else "",
        },
    )


def _own_appointment(request: HttpRequest, public_id) -> Appointment:
    appointment = get_object_or_404(
        Appointment.objects.select_related("slot", "service__unit", "person"), public_id=public_id
    )
    if not _may_see(request, appointment):
        raise PermissionDenied(_("You do not have the right to handle this booking."))
    return appointment


def _remember_managed(request: HttpRequest, appointment: Appointment) -> None:
    """This browser may manage the booking made without identification (its session holds it)."""
    remember(request, MANAGED_SESSION_KEY, str(appointment.public_id), keep=10)


def _managed_appointment(request: HttpRequest, public_id) -> Appointment:
    """A booking made without identification that this browser opened with its code; 404 otherwise."""
    if str(public_id) not in request.session.get(MANAGED_SESSION_KEY, []):
        raise Http404
    return get_object_or_404(
        Appointment.objects.select_related("slot", "service__unit"), public_id=public_id, person__isnull=True
    )


@route(Audience.RESIDENT, "own")
@resident_required
def detail(request: HttpRequest, public_id) -> HttpResponse:
    return _appointment_page(request, _own_appointment(request, public_id))


@route(Audience.PUBLIC, "own")
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def manage_open(request: HttpRequest) -> HttpResponse:
    """The manage link lands here with the code in its fragment (#…), which a script posts; the code is
    never part of a URL the server sees. Without the script, the code can be typed in."""
    form = ManageTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        appointment = services.anonymous_booking(form.cleaned_data["token"])
        if appointment is not None:
            _remember_managed(request, appointment)
            return redirect("booking:manage", public_id=appointment.public_id)
        form.add_error("token", _("No booking has this code. Check the link or the code."))
    return render(request, "booking/manage_open.html", {"form": form}, status=400 if form.errors else 200)


@route(Audience.PUBLIC, "own")
def manage(request: HttpRequest, public_id) -> HttpResponse:
    return _appointment_page(request, _managed_appointment(request, public_id), managed=True)


def _cancel(request: HttpRequest, appointment: Appointment, managed: bool) -> HttpResponse:
    """Are you sure? A page with the booking and one button; the cancellation is its POST."""
    page = reverse("booking:manage" if managed else "booking:detail", args=[appointment.public_id])
    form = NoFieldsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(appointment, request.user)
        except services.BookingRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _cancelled_notice())
        return redirect(page)
    return render(
        request,
        "booking/cancel.html",
        {
            "appointment": appointment,
            "back": page,
            "change_refusal": services.may_change(appointment, request.user),
            "deadline_text": services.deadline_text(
                appointment.slot.starts_at, appointment.service.cancellation_deadline_hours
            ),
        },
    )


def _cancelled_notice() -> str:
    cancelled, next_step = (
        _("The booking has been cancelled."),
        _("You can book a new time whenever you need one."),
    )
    return f"{cancelled} {next_step}"


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, public_id) -> HttpResponse:
    return _cancel(request, _own_appointment(request, public_id), managed=False)


@route(Audience.PUBLIC, "own")
@require_http_methods(["GET", "POST"])
def manage_cancel(request: HttpRequest, public_id) -> HttpResponse:
    return _cancel(request, _managed_appointment(request, public_id), managed=True)


def _ics_response(appointment: Appointment) -> HttpResponse:
    response = HttpResponse(
        appointment_ics(appointment, appointment.service.unit.local_name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ajanvaraus-{appointment.slot.starts_at:%Y%m%d}.ics"'
    )
    return response


@route(Audience.RESIDENT, "own")
@resident_required
def ics(request: HttpRequest, public_id) -> HttpResponse:
    return _ics_response(_own_appointment(request, public_id))


@route(Audience.PUBLIC, "own")
def manage_ics(request: HttpRequest, public_id) -> HttpResponse:
    return _ics_response(_managed_appointment(request, public_id))


# --- Professionals -------------------------------------------------------------------------------


@route(Audience.PROFESSIONAL, "health")
@professional_required
def professional_calendar(request: HttpRequest) -> HttpResponse:
    day = _day_asked(request, timezone.localdate())  # past days too: a professional looks back at their day
    slots = (
        Slot.objects.filter(calendar__professional__user=request.user, starts_at__date=day)
        .select_related("service")
        .prefetch_related("appointments__person")
        .order_by("starts_at")
    )
    rows = [
        (slot, [a for a in slot.appointments.all() if a.status == Appointment.Status.BOOKED])
        for slot in slots
    ]
    for _slot, appointments in rows:
        for appointment in appointments:
            appointment.pre_information = services.pre_information_of(appointment)
            appointment.video_url = _video_url(appointment, request.user.get_full_name(), moderator=True)
    return render(
        request,
        "booking/professional_calendar.html",
        {
            "day": day,
            "rows": rows,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
        },
    )


@route(Audience.PROFESSIONAL, "basic")
@sensitive_post_parameters("hetu", "phone")
@professional_required
@require_http_methods(["GET", "POST"])
def book_for_client(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("service__unit"), pk=slot_id)
    form = ClientBookingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            client = find_client(request.user, form.cleaned_data["hetu"], Purpose.CLIENT_SERVICE)
            services.book(
                slot,
                services.Booker(request.user, client, Appointment.BookedAs.PROFESSIONAL),
                contact_phone=form.cleaned_data["phone"],
            )
        except SignInRefused as refused:
            form.add_error("hetu", str(refused))
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        except services.BookingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Booked for %(name)s.") % {"name": client.full_name})
            return redirect(
                f"{reverse('booking:professional_calendar')}?alkaen={timezone.localtime(slot.starts_at).date()}"
            )
    return render(
        request,
        "booking/book_for_client.html",
        {"slot": slot, "form": form},
        status=400 if form.errors else 200,
    )

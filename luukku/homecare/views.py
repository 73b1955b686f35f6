import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luukku.access.policy import decide, readable
from luukku.chat.adapters import video_rooms
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.models import CLIENT_WORK_ROLES, OrgUnit
from luukku.identity.services import active_roles
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.routes import Audience, route
from luukku.web.validation import parse_date

from . import services
from .forms import FinishForm, MoveForm, NoteForm, NurseForm, VisitForm
from .models import DayPlan, Nurse, Shift, Visit


def _navigation(visit: Visit) -> str:
    """A geo: URI: the phone's own map app offers the route there."""
    return f"geo:{visit.client.latitude:.6f},{visit.client.longitude:.6f}"


@route(Audience.PROFESSIONAL, "health")
@professional_required
def day(request: HttpRequest) -> HttpResponse:
    """The nurse's day on a phone: visits in order; each client's key information where the access
    policy allows it (today's visit is the care relationship)."""
    rows = []
    decisions: dict[int, bool] = {}
    for visit in services.todays_visits(request.user):
        person = visit.client.person
        if person.pk not in decisions:
            decisions[person.pk] = bool(
                decide(request.user, person, "health", what="homecare_visit", service_event="homecare")
            )
        rows.append({"visit": visit, "allowed": decisions[person.pk], "navigation": _navigation(visit)})
    return render(request, "homecare/day.html", {"rows": rows, "today": timezone.localdate()})


def _video_link(request: HttpRequest, visit: Visit, moderator: bool) -> str:
    name = request.user.get_full_name() or request.user.get_username()
    ends = visit.window_end + dt.timedelta(minutes=visit.duration_minutes + 30)
    return video_rooms().room_url(f"homecare:{visit.public_id}", name, visit.window_start, ends, moderator)


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def visit_view(request: HttpRequest, public_id) -> HttpResponse:
    visit = services.visit_for(request.user, str(public_id))
    user = request.user
    form = None
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "start": Action(
                    NoFieldsForm, lambda d: services.start_visit(visit, user), _("Visit started.")
                ),
                "finish": Action(
                    lambda data: FinishForm(data, visit=visit),
                    lambda d: services.finish_visit(visit, user, d["tasks_done"], d["notes"]),
                    _("Visit recorded as done."),
                ),
                "not_home": Action(
                    NoteForm,
                    lambda d: services.client_not_home(visit, user, d["notes"]),
                    _("Recorded: the client was not at home. Follow the unit's protocol."),
                ),
                "alarm": Action(
                    NoteForm,
                    lambda d: services.raise_alarm(visit, user, d["notes"]),
                    _("Alarm recorded; a follow-up video visit was added for the planner."),
                ),
                "open_door": Action(
                    NoFieldsForm, lambda d: services.open_door(visit, user), _("The door was opened.")
                ),
            },
        )
        if done is not None:
            return redirect("homecare:visit", public_id=visit.public_id)
        visit.refresh_from_db()
    return render(
        request,
        "homecare/visit.html",
        {
            "visit": visit,
            "form": form,
            "finish_form": FinishForm(visit=visit),
            "note_form": NoteForm(),
            "navigation": _navigation(visit),
            "video": _video_link(request, visit, True) if visit.remote else "",
        },
        status=400 if form is not None and form.errors else 200,
    )


def _planner_unit(user) -> OrgUnit:
    """The home-care unit the professional plans: one where she has a client-work role in force."""
    for role in active_roles(user):
        if role.role in CLIENT_WORK_ROLES and Nurse.objects.filter(unit=role.unit).exists():
            return role.unit
    raise PermissionDenied(_("You have no role in a home-care unit."))


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def planner(request: HttpRequest) -> HttpResponse:
    """The planner's day: a timeline per nurse, optimise, move (with its cost), lock, publish.

    Visits are shown without the client's name (a code, the area, the window, the skills): planning
    needs no identity, so the page reads no client's personal data and logs none."""
    unit = _planner_unit(request.user)
    day = parse_date(request.GET.get("paiva", "")) or timezone.localdate()
    visits = services.day_visits(unit, day)
    nurses = Nurse.objects.filter(unit=unit).select_related("professional__user")
    form, cost = None, None
    if request.method == "POST":
        user = request.user
        move = lambda data: MoveForm(data, visits=visits, nurses=nurses)  # noqa: E731
        pick = lambda data: VisitForm(data, visits=visits)  # noqa: E731
        form, done = run_action(
            request,
            {
                "optimise": Action(
                    NoFieldsForm,
                    lambda d: services.optimise_day(unit, day, user),
                    lambda plan: _("Routes optimised: %(km)s km.") % {"km": round(plan.distance_m / 1000, 1)},
                ),
                "reoptimise": Action(
                    NoFieldsForm,
                    lambda d: services.optimise_day(unit, day, user, now=timezone.now()),
                    _("The rest of the day was planned again; started visits were kept."),
                ),
                "preview": Action(move, lambda d: services.move_cost(d["visit"], d["nurse"]), None),
                "move": Action(
                    move,
                    lambda d: services.move_visit(d["visit"], d["nurse"], user),
                    lambda c: _("Visit moved and locked; kilometres changed by %(m)s m.") % {"m": c.change_m},
                ),
                "lock": Action(pick, lambda d: services.set_locked(d["visit"], True), _("Visit locked.")),
                "unlock": Action(
                    pick, lambda d: services.set_locked(d["visit"], False), _("Visit unlocked.")
                ),
                "absent": Action(
                    lambda data: NurseForm(data, nurses=nurses),
                    lambda d: services.nurse_absent(unit, day, d["nurse"], user),
                    _("The nurse is marked absent and the rest of the day was planned again."),
                ),
                "publish": Action(
                    NoFieldsForm, lambda d: services.publish(unit, day, user), _("The plan was published.")
                ),
            },
        )
        action = request.POST.get("action")
        if done is not None and action == "preview":
            cost = done
        elif done is not None:
            return redirect(f"{request.path}?paiva={day.isoformat()}")
    routes = services.routes_of(unit, day)
    shifts = {s.nurse_id: s for s in Shift.objects.filter(nurse__unit=unit, day=day)}
    timeline = [
        {"nurse": nurse, "visits": routes.get(nurse.pk, []), "shift": shifts.get(nurse.pk)}
        for nurse in nurses
    ]
    return render(
        request,
        "homecare/planner.html",
        {
            "unit": unit,
            "day": day,
            "timeline": timeline,
            "unassigned": [v for v in visits if v.nurse_id is None],
            "plan": DayPlan.objects.filter(unit=unit, day=day).first(),
            "form": form,
            "move_form": MoveForm(visits=visits, nurses=nurses) if form is None or cost else form,
            "cost": cost,
            "absent_form": NurseForm(nurses=nurses, auto_id="absent_%s"),
        },
        status=400 if form is not None and form.errors else 200,
    )


@route(Audience.RESIDENT, "own")
@resident_required
def my_homecare(request: HttpRequest) -> HttpResponse:
    """The client's (or a mandate holder's) view: the coming week's visits and every door opening."""
    person = request.acting_for
    visits = readable(
        request.user, person, services.upcoming_of(person), services.scope, what="homecare_visit", log=False
    )
    openings = readable(
        request.user, person, services.openings_of(person), services.scope, what="door_opening", log=False
    )
    today = timezone.localdate()
    rows = [
        {"visit": v, "video": _video_link(request, v, False) if v.remote and v.day == today else ""}
        for v in visits
    ]
    return render(request, "homecare/mine.html", {"person": person, "rows": rows, "openings": openings})

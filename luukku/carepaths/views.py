from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.policy import readable, require, work_roles
from luukku.access.services import find_client
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import SignInRefused
from luukku.questionnaires import services as questionnaires
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.routes import Audience, route
from luukku.web.validation import has_control_characters

from . import client_data, services
from .forms import AddTaskForm, DueForm, MessageForm, PhaseForm, RemoveTaskForm
from .models import ClientPath, ClientTask, MeasurementKind, PathTemplate, Phase, TaskKind


def _resident_path(request: HttpRequest, public_id) -> ClientPath:
    path = get_object_or_404(
        ClientPath.objects.select_related("template", "person", "team"), public_id=public_id
    )
    if not acts_for(request.user, Matter(path.person, f"carepath:{path.template.code}")):
        raise PermissionDenied(_("You do not have the right to see this care path."))
    return path


def _task_lists(path: ClientPath) -> dict:
    tasks = list(path.tasks.select_related("template_task").exclude(status=ClientTask.Status.REMOVED))
    return {
        "open_tasks": [t for t in tasks if t.status == ClientTask.Status.OPEN],
        "done_tasks": [t for t in tasks if t.status == ClientTask.Status.DONE],
    }


@route(Audience.RESIDENT, "own")
@resident_required
def path_list(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    mine = readable(
        request.user, person, services.active_paths(person), client_data.scope, what="listing", log=False
    )
    joined = {p.template_id for p in mine}
    offered = (
        PathTemplate.objects.filter(active=True, self_enrolling=True).exclude(pk__in=joined).order_by("name")
    )
    return render(request, "carepaths/list.html", {"person": person, "paths": mine, "offered": offered})


@route(Audience.RESIDENT, "own")
@resident_required
@require_POST
def enrol(request: HttpRequest, code: str) -> HttpResponse:
    template = get_object_or_404(PathTemplate, code=code, active=True)
    person = request.acting_for
    if not acts_for(request.user, Matter(person, f"carepath:{code}")):
        raise PermissionDenied(_("You do not have the right to see this care path."))
    try:
        path = services.start_path(template, person, request.user)
    except services.PathRefused as refused:
        messages.error(request, str(refused))
        return redirect("carepaths:list")
    return redirect("carepaths:path", public_id=path.public_id)


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def path_view(request: HttpRequest, public_id) -> HttpResponse:
    path = _resident_path(request, public_id)
    error = ""
    if request.method == "POST":
        try:
            services.post_message(path, request.user, request.POST.get("body", ""), from_team=False)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, _("Message sent to the care team."))
            return redirect("carepaths:path", public_id=path.public_id)
    return render(
        request,
        "carepaths/path.html",
        {
            "path": path,
            **_task_lists(path),
            "thread": path.messages.all(),
            "error": error,
            "body": request.POST.get("body", ""),
        },
        status=400 if error else 200,
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def task_view(request: HttpRequest, public_id, task_id: int) -> HttpResponse:
    path = _resident_path(request, public_id)
    task = get_object_or_404(ClientTask.objects.select_related("template_task"), pk=task_id, path=path)
    errors: dict = {}
    if request.method == "POST" and task.status == ClientTask.Status.OPEN:
        if task.kind == TaskKind.READ:
            services.complete_task(task, request.user)
            return redirect("carepaths:path", public_id=path.public_id)
        if task.kind == TaskKind.MEASUREMENT:
            values, errors = services.parse_measurement(task.measurement, request.POST)
            if not errors:
                services.complete_task(task, request.user, {"measurement": task.measurement, **values})
                messages.success(request, _("Thank you. The measurement was sent to your care team."))
                return redirect("carepaths:path", public_id=path.public_id)
        if task.kind == TaskKind.QUESTIONNAIRE:
            response = questionnaires.start(
                questionnaires.current(task.questionnaire), path.person, request.user
            )
            return redirect("questionnaires:fill", public_id=response.public_id)
    fields = [
        {
            "name": name,
            "low": low,
            "high": high,
            "value": request.POST.get(name, ""),
            "error": errors.get(name, ""),
        }
        for name, low, high in services.MEASUREMENT_FIELDS.get(task.measurement, ())
    ]
    return render(
        request,
        "carepaths/task.html",
        {
            "path": path,
            "task": task,
            "fields": fields,
            "errors": errors,
            "measurement_label": MeasurementKind(task.measurement).label if task.measurement else "",
        },
        status=400 if errors else 200,
    )


# --- Professionals -------------------------------------------------------------------------------


def _units(request: HttpRequest):
    return [role.unit for role in work_roles(request.user)]


@route(Audience.PROFESSIONAL, "health")
@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def team_view(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        code = request.POST.get("template", "")
        templates = PathTemplate.objects.filter(code=code, active=True)
        template = None if has_control_characters(code) else templates.first()
        try:
            client = find_client(request.user, request.POST.get("hetu", ""))
            if template is None:
                raise ValidationError(_("Choose a care path."))
            path = services.start_path(template, client, request.user, by_professional=True)
        except SignInRefused as refused:
            error = str(refused)
        except (PermissionDenied, ValidationError) as refused:
            error = " ".join(getattr(refused, "messages", [str(refused)]))
        else:
            return redirect("carepaths:professional_path", public_id=path.public_id)
    units = _units(request)
    return render(
        request,
        "carepaths/team.html",
        {
            "queue": services.team_queue(units),
            "templates": PathTemplate.objects.filter(active=True).order_by("name"),
            "units": units,
            "error": error,
        },
        status=400 if error else 200,
    )


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def professional_path(request: HttpRequest, public_id) -> HttpResponse:
    path = get_object_or_404(
        ClientPath.objects.select_related("template", "person", "team"), public_id=public_id
    )
    category, service_event = client_data.scope(path)
    require(request.user, path.person, category, what="care_path", service_event=service_event)
    user = request.user
    form = None
    if request.method == "POST":
        form, _done = run_action(
            request,
            {
                "message": Action(
                    MessageForm,
                    lambda data: services.post_message(path, user, data["body"], from_team=True),
                    _("The message was sent to the client."),
                ),
                "remove": Action(
                    lambda post: RemoveTaskForm(post, path),
                    lambda data: services.remove_task(data["task"], user),
                    _("The task was removed."),
                ),
                "due": Action(
                    lambda post: DueForm(post, path),
                    lambda data: services.change_due(data["task"], data["due"], user),
                    _("The due date was changed."),
                ),
                "add": Action(
                    AddTaskForm,
                    lambda data: services.add_task(
                        path,
                        user,
                        data["kind"],
                        data["title"],
                        data["instructions"],
                        data["due"],
                        remind=data["remind"],
                        measurement=data["measurement"],
                    ),
                    _("The task was added to the client's path."),
                ),
                "phase": Action(
                    PhaseForm,
                    lambda data: services.enter_phase(path, data["phase"], user),
                    _("The phase was changed."),
                ),
                "handled": Action(
                    NoFieldsForm,
                    lambda data: services.handle_open_team_tasks(path, user),
                    _("The team's open tasks are marked as handled."),
                ),
                "end": Action(
                    NoFieldsForm, lambda data: services.end_path(path, user), _("The care path has ended.")
                ),
            },
        )
        if form.is_valid():
            return redirect("carepaths:professional_path", public_id=path.public_id)
    return render(
        request,
        "carepaths/professional_path.html",
        {
            "path": path,
            **_task_lists(path),
            "thread": path.messages.all(),
            "phases": Phase.choices,
            "measurements": MeasurementKind.choices,
            "open_team_tasks": path.team_tasks.filter(handled_at__isnull=True).select_related(
                "path__person", "task__template_task"
            ),
            "action_form": form,
        },
        status=400 if form is not None else 200,
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
def statistics(request: HttpRequest) -> HttpResponse:
    from luukku.questionnaires.scoring import BAND_LABELS

    rows = services.statistics()
    for row in rows:
        row["bands"] = [(BAND_LABELS.get(band, band), count) for band, count in row["bands"]]
    return render(request, "carepaths/statistics.html", {"rows": rows})

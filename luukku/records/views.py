from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luukku.identity.decorators import professional_required
from luukku.web.forms import Action, run_action
from luukku.web.routes import Audience, route

from . import notices, services
from .forms import DryRunForm, LiftHoldForm, PersonHoldForm, RecordHoldForm
from .models import DestructionLogEntry, RetentionRun


@route(Audience.PUBLIC, "none")
def privacy_index(request: HttpRequest) -> HttpResponse:
    return render(request, "records/privacy_index.html", {"registers": notices.registers()})


@route(Audience.PUBLIC, "none")
def privacy_notice(request: HttpRequest, register: str) -> HttpResponse:
    if register not in notices.REGISTERS:
        raise Http404(_("No such register."))
    return render(request, "records/privacy_notice.html", {"notice": notices.notice(register)})


def _officer(request: HttpRequest) -> None:
    services.require_records_officer(request.user)


@route(Audience.PROFESSIONAL, "none")  # counts per class, holds without names: no client data shown
@professional_required
def desk(request: HttpRequest) -> HttpResponse:
    """The records officer's page: today's dry run, the destruction log and the legal holds."""
    _officer(request)
    forms = {"person": PersonHoldForm(), "record": RecordHoldForm(), "lift": None}
    if request.method == "POST":
        actions = {
            "person_hold": Action(
                PersonHoldForm,
                lambda d: services.place_person_hold_by_hetu(request.user, d["hetu"], d["reason"]),
                _("The legal hold is in force."),
            ),
            "record_hold": Action(
                RecordHoldForm,
                lambda d: services.place_record_hold(
                    request.user, d["record_type"], d["record_id"], d["reason"]
                ),
                _("The legal hold is in force."),
            ),
            "lift": Action(
                LiftHoldForm,
                lambda d: services.lift_hold(request.user, d["hold"], d["lift_reason"]),
                _("The legal hold was lifted."),
            ),
            "dry_run": Action(
                DryRunForm, lambda d: services.record_dry_run(by=request.user), _("The dry run was logged.")
            ),
        }
        form, _result = run_action(request, actions)
        if not form.errors:
            return redirect("records:desk")
        key = {"person_hold": "person", "record_hold": "record", "lift": "lift"}.get(
            request.POST.get("action", ""), "person"
        )
        forms[key] = form
    status = 400 if any(f is not None and f.errors for f in forms.values()) else 200
    rows = services.dry_run()
    context = {
        "rows": rows,
        "due_total": sum(row.due for row in rows),
        "unclassified": services.unclassified(),
        "entries": DestructionLogEntry.objects.select_related("record_class", "run")[:50],
        "runs": RetentionRun.objects.select_related("started_by")[:10],
        "holds": services.holds_in_force(),
        "person_form": forms["person"],
        "record_form": forms["record"],
        "lift_form": forms["lift"],
    }
    return render(request, "records/desk.html", context, status=status)

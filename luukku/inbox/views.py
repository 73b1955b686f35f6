from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luukku.access.categories import Action as PolicyAction
from luukku.identity.decorators import professional_required, resident_required
from luukku.web.downloads import attachment_disposition
from luukku.web.forms import Action, run_action
from luukku.web.routes import Audience, route

from . import services
from .forms import MessageForm, PreferencesForm, ResidentMessageForm, SearchForm, initial_preferences


@route(Audience.RESIDENT, "own")
@resident_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Every message to the resident and to those they act for (labelled), newest thread first."""
    search = SearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_bound and search.is_valid() else ""
    status = 400 if search.is_bound and not search.is_valid() else 200
    return render(
        request,
        "inbox/list.html",
        {"boxes": services.boxes(request.user, query), "search": search, "query": query},
        status=status,
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def thread_view(request: HttpRequest, public_id) -> HttpResponse:
    thread = services.thread_for_resident(request.user, str(public_id))
    form = ResidentMessageForm()
    if request.method == "POST":
        form, sent = run_action(
            request,
            {
                "write": Action(
                    lambda data: ResidentMessageForm(data, request.FILES),
                    lambda data: services.write_to_unit(
                        thread, request.user, data["body"], data.get("attachment")
                    ),
                    _("Your message was sent to %(unit)s.") % {"unit": thread.unit.local_name},
                )
            },
        )
        if sent is not None:
            return redirect("inbox:thread", public_id=thread.public_id)
    else:
        services.mark_read(thread, request.user)
    return render(
        request,
        "inbox/thread.html",
        {
            "thread": thread,
            "thread_messages": services.messages_of(thread),
            "form": form,
            "is_own": thread.person.user_id == request.user.pk,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@route(Audience.RESIDENT, "own")
@resident_required
def letter(request: HttpRequest, public_id) -> HttpResponse:
    """A message as a PDF letter (the same the resident gets through Suomi.fi Messages)."""
    message = services.message_for_resident(request.user, str(public_id))
    response = HttpResponse(services.letter_pdf(message), content_type="application/pdf")
    name = f"{message.thread.subject}-{timezone.localtime(message.created_at):%Y%m%d}.pdf"
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """How the signed-in resident hears of new messages (their own, whoever's matters they handle)."""
    person = request.user.resident
    current = services.preferences_of(person)
    form = PreferencesForm(initial=initial_preferences(current))
    if request.method == "POST":
        form, saved = run_action(
            request,
            {
                "save": Action(
                    PreferencesForm,
                    lambda data: services.save_preferences(person, request.user, **data),
                    _("Your notification preferences were saved."),
                )
            },
        )
        if saved is not None:
            return redirect("inbox:preferences")
    return render(request, "inbox/preferences.html", {"form": form}, status=400 if form.errors else 200)


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def professional_thread(request: HttpRequest, public_id) -> HttpResponse:
    """A resident's messages to the unit, answered here (reached from the work queue)."""
    writing = request.method == "POST"
    thread = services.thread_for_professional(
        request.user, str(public_id), PolicyAction.WRITE if writing else PolicyAction.READ
    )
    form = MessageForm()
    if writing:
        form, sent = run_action(
            request,
            {
                "answer": Action(
                    MessageForm,
                    lambda data: services.answer(thread, request.user, data["body"]),
                    _("Your answer was sent to the client's inbox."),
                )
            },
        )
        if sent is not None:
            return redirect("inbox:professional_thread", public_id=thread.public_id)
    return render(
        request,
        "inbox/professional_thread.html",
        {"thread": thread, "thread_messages": services.messages_of(thread), "form": form},
        status=400 if form.errors else 200,
    )


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
def attachment(request: HttpRequest, public_id) -> HttpResponse:
    """A picture sent in a thread: to whoever may read the thread (a professional's read is logged),
    always as a download with a fixed type, nosniff and a sandboxing CSP, never shown inline."""
    from django.http import FileResponse, Http404

    from luukku.web.images import served_as

    if not request.user.is_authenticated:
        return redirect("identity:login")
    message = services.message_with_attachment(request.user, str(public_id))
    if message is None:
        raise Http404
    content_type, extension = served_as(message.attachment.name)
    response = FileResponse(message.attachment.open("rb"), content_type=content_type)
    name = f"{_('picture')}-{timezone.localtime(message.created_at):%Y%m%d-%H%M}.{extension}"
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

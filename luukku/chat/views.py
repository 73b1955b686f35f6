from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.policy import readable
from luukku.identity.decorators import professional_required
from luukku.web import throttle
from luukku.web.downloads import attachment_disposition
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.images import served_as
from luukku.web.routes import Audience, route
from luukku.web.session import remember
from luukku.web.validation import has_control_characters

from . import client_data, services, shared
from .consumers import SESSION_KEY
from .forms import AttachForm, CloseForm, ColleagueForm, MessageForm, TransferQueueForm
from .models import ChatMessage, ChatQueue, Conversation

FORM_CONTEXT_FIELDS = ("form", "step", "assessment")
LEAVING_ACTIONS = {"transfer_queue", "transfer_user", "close"}  # the conversation is no longer yours


def _labels(viewer: str = "professional") -> dict:
    """Texts the chat script shows, in the user's language; the resident's own messages are "You"."""
    return {
        "system": _("Luukku"),
        "resident": _("You") if viewer == "resident" else _("Client"),
        "professional": _("Professional"),
        "internal": _("internal"),
        "picture": _("Picture"),
        "connected": _("Connected: messages arrive at once."),
        "disconnected": _("Connection lost: reload the page to see new messages."),
    }


def _person(request: HttpRequest):
    return request.acting_for if getattr(request.user, "resident", None) is not None else None


@route(Audience.PUBLIC, "own")
def chat_home(request: HttpRequest) -> HttpResponse:
    queues = [
        {"queue": q, "open": services.is_open(q), "next": services.next_opening(q)}
        for q in ChatQueue.objects.select_related("unit").order_by("name")
    ]
    person = _person(request)
    recent = (
        readable(
            request.user,
            person,
            services.conversations_of(person)[:20],
            client_data.scope,
            what="listing",
            log=False,
        )[:5]
        if person
        else []
    )
    return render(request, "chat/home.html", {"queues": queues, "recent": recent})


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_POST
def start(request: HttpRequest, code: str) -> HttpResponse:
    wanted = get_object_or_404(ChatQueue, code=code)
    queue = services.open_queue(wanted)
    if queue is None:
        messages.error(request, _("%(queue)s is closed now.") % {"queue": wanted.local_name})
        return redirect("chat:home")
    context = {
        k: value[:200]
        for k in FORM_CONTEXT_FIELDS
        if (value := request.POST.get(k)) and not has_control_characters(value)
    }
    if shared_items := shared.collect(request):
        context["shared"] = shared_items
    try:
        conversation = services.start(
            queue, _person(request), request.user, context, caller=throttle.address_key(request)
        )
    except throttle.Throttled as limited:
        messages.error(request, limited.message)
        return throttle.with_retry_after(chat_home(request), limited)  # the chat page, told to wait
    if conversation.person is None:
        remember(request, SESSION_KEY, str(conversation.public_id), keep=10)
    if queue != wanted:
        messages.info(
            request,
            _("%(wanted)s is closed; you are in %(queue)s.")
            % {"wanted": wanted.local_name, "queue": queue.local_name},
        )
    return redirect("chat:conversation", public_id=conversation.public_id)


def _joined(request: HttpRequest, public_id) -> Conversation:
    conversation = get_object_or_404(
        Conversation.objects.select_related("queue", "person"), public_id=public_id
    )
    if not services.may_join(request.user, request.session.get(SESSION_KEY, []), conversation):
        raise PermissionDenied(_("You do not have the right to see this conversation."))
    return conversation


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_http_methods(["GET", "POST"])
def conversation_view(request: HttpRequest, public_id) -> HttpResponse:
    conversation = _joined(request, public_id)
    error = ""
    if request.method == "POST" and request.POST.get("action") == "end":
        form = NoFieldsForm(request.POST)
        if form.is_valid():
            try:
                services.end_by_resident(conversation, request.user, request.session.get(SESSION_KEY, []))
            except ValidationError as invalid:
                messages.error(request, " ".join(invalid.messages))
            else:
                messages.success(
                    request,
                    _("You ended the chat. Its messages stay here and on your page when you sign in."),
                )
        return redirect("chat:conversation", public_id=conversation.public_id)
    if request.method == "POST":
        try:
            if request.FILES.get("attachment"):
                services.attach(
                    conversation, request.user, request.FILES["attachment"], as_professional=False
                )
            else:
                services.post(conversation, request.user, request.POST.get("body", ""), as_professional=False)
            return redirect("chat:conversation", public_id=conversation.public_id)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    return render(
        request,
        "chat/conversation.html",
        {
            "conversation": conversation,
            "chat_messages": services.visible_messages(conversation, False),
            "error": error,
            "labels": _labels(viewer="resident"),
            "viewer": "resident",
            "position": services.queue_position(conversation),
            "wait_minutes": services.estimated_wait(conversation),
        },
        status=400 if error else 200,
    )


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A picture sent in a conversation: to its participants; a professional's download is logged."""
    message = get_object_or_404(
        ChatMessage.objects.select_related("conversation__queue__unit", "conversation__person"), pk=pk
    )
    conversation = message.conversation
    if not message.attachment:
        raise Http404
    if services.is_professional_in(request.user, conversation):
        if not services.professional_decision(request.user, conversation, what="chat_attachment"):
            raise Http404
    elif message.internal or not services.may_join(
        request.user, request.session.get(SESSION_KEY, []), conversation
    ):
        raise Http404
    content_type, extension = served_as(message.attachment.name)
    response = FileResponse(message.attachment.open("rb"), content_type=content_type)
    name = f"{_('picture')}-{timezone.localtime(message.created_at):%Y%m%d-%H%M}-{message.pk}.{extension}"
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@route(Audience.PUBLIC, "none")
def video_room(request: HttpRequest, room: str) -> HttpResponse:
    """Development stand-in for the video server: shows that the room link works."""
    return render(request, "chat/video_room.html", {"room": room})


# --- Professionals -------------------------------------------------------------------------------


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    queues = list(services.queues_for(request.user))
    if request.method == "POST":
        queue = next((q for q in queues if q.code == request.POST.get("queue")), None)
        conversation = services.take_next(request.user, queue)
        if conversation is None:
            messages.info(request, _("Nobody is waiting."))
            return redirect("chat:desk")
        return redirect("chat:professional", public_id=conversation.public_id)
    rows = [
        {"queue": q, "open": services.is_open(q), "waiting": services.waiting([q]).count()} for q in queues
    ]
    mine = Conversation.objects.filter(assignee=request.user, status=Conversation.Status.ACTIVE)
    consulting = request.user.consultations.exclude(status=Conversation.Status.CLOSED)
    template = "chat/_desk_queues.html" if request.htmx else "chat/desk.html"
    return render(request, template, {"rows": rows, "mine": mine, "consulting": consulting})


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def professional_conversation(request: HttpRequest, public_id) -> HttpResponse:
    conversation = get_object_or_404(
        Conversation.objects.select_related("queue", "person", "assignee"), public_id=public_id
    )
    services.require_professional(request.user, conversation)
    user = request.user
    form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        form, result = run_action(
            request,
            {
                "take": Action(
                    NoFieldsForm,
                    lambda data: services.take(conversation, user) or "taken_by_other",
                    lambda result: None if result == "taken_by_other" else _("You took the conversation."),
                ),
                "message": Action(
                    MessageForm,
                    lambda data: services.post(
                        conversation, user, data["body"], True, internal=data["internal"]
                    ),
                    None,  # the message shows in the thread
                ),
                "attach": Action(
                    lambda post: AttachForm(post, request.FILES),
                    lambda data: services.attach(conversation, user, data["attachment"], True),
                    None,  # the picture shows in the thread
                ),
                "transfer_queue": Action(
                    TransferQueueForm,
                    lambda data: services.transfer(conversation, user, to_queue=data["queue"]),
                    _("The conversation was transferred with its history."),
                ),
                "transfer_user": Action(
                    ColleagueForm,
                    lambda data: services.transfer(conversation, user, to_user=data["user"]),
                    _("The conversation was transferred with its history."),
                ),
                "consult": Action(
                    ColleagueForm,
                    lambda data: services.consult(conversation, user, data["user"]),
                    _("The colleague was asked to consult."),
                ),
                "close": Action(
                    CloseForm,
                    lambda data: services.close(conversation, user, data["summary"]),
                    _("The conversation is closed and its summary saved in the client record."),
                ),
            },
        )
        if form.is_valid():
            if result == "taken_by_other":
                messages.info(request, _("A colleague took this conversation first."))
            if result == "taken_by_other" or action in LEAVING_ACTIONS:
                return redirect("chat:desk")
            return redirect("chat:professional", public_id=conversation.public_id)
    colleagues = [
        user
        for user in get_user_model()
        .objects.filter(professional__roles__unit=conversation.queue.unit)
        .exclude(pk=request.user.pk)
        .distinct()
        if services.may_take_over(user, conversation)
    ]
    return render(
        request,
        "chat/professional.html",
        {
            "conversation": conversation,
            "chat_messages": services.visible_messages(conversation, True),
            "queues": ChatQueue.objects.exclude(pk=conversation.queue_id).order_by("name"),
            "colleagues": colleagues,
            "error": " ".join(e for errors in form.errors.values() for e in errors) if form else "",
            "labels": _labels(),
        },
        status=400 if form is not None else 200,
    )

"""Assi's pages: the resident's page (works without JavaScript; the widget on every page uses the API),
the handover to a person, and the content owners' knowledge base and learning list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luukku.identity.decorators import professional_required
from luukku.web import throttle
from luukku.web.forms import Action, NoFieldsForm, posted, run_action
from luukku.web.routes import Audience, route
from luukku.web.session import remember

from . import services
from .api import reply_out
from .forms import AskForm, CallBackForm, HandledForm, PickForm, RateForm, TopicForm
from .models import Exchange, Topic

CONVERSATION = services.SESSION_CONVERSATION
REPLIES = "assistant_replies"
KEEP_REPLIES = 10


def page_language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in services.LANGUAGES else "fi"


def conversation_of(request: HttpRequest) -> str:
    return request.session.get(CONVERSATION, "")


def _keep(request: HttpRequest, question: str, reply: services.Reply) -> services.Reply:
    request.session[CONVERSATION] = reply.conversation
    request.session[REPLIES] = [
        *request.session.get(REPLIES, [])[-(KEEP_REPLIES - 1) :],
        {
            "question": question,
            **reply_out(reply),
        },
    ]
    return reply


def _person(request: HttpRequest):
    return request.acting_for if getattr(request.user, "resident", None) is not None else None


@route(Audience.PUBLIC, "none")
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest) -> HttpResponse:
    conversation = conversation_of(request)
    language = page_language()

    def asked(data: dict) -> services.Reply:
        throttle.hit(services.QUESTIONS_PER_ADDRESS, throttle.address_key(request), request)
        return _keep(request, data["question"], services.ask(data["question"], language, conversation))

    def picked(data: dict) -> services.Reply:
        reply = services.topic_reply(data["key"], language, conversation)
        return _keep(request, reply.title, reply)

    actions = {
        "ask": Action(AskForm, asked, None),
        "pick": Action(PickForm, picked, None),
        "rate": Action(
            RateForm,
            lambda d: services.rate(d["exchange"], conversation, d["helpful"]),
            _("Thank you for rating the answer."),
        ),
    }
    form = AskForm()
    status = 200
    if request.method == "POST":
        try:
            bound, _result = run_action(request, actions)
        except throttle.Throttled as limited:
            messages.error(request, limited.message)
            return throttle.with_retry_after(redirect("assistant:page"), limited)
        if not bound.errors:
            return redirect("assistant:page")
        form, status = (bound if isinstance(bound, AskForm) else form), 400
        if not isinstance(bound, AskForm):
            messages.error(request, " ".join(bound.non_field_errors()) or _("Check the form."))
    context = {"form": form, "replies": request.session.get(REPLIES, [])}
    return render(request, "assistant/page.html", context, status=status)


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest) -> HttpResponse:
    """Talk to a person: the chat queue that fits (with the conversation so far), or a call-back."""
    from luukku.chat import services as chat
    from luukku.chat.consumers import SESSION_KEY as CHAT_SESSION

    conversation = conversation_of(request)
    queue = services.fitting_queue(conversation)
    open_queue = chat.open_queue(queue) if queue else None
    person = _person(request)
    actions = {
        "chat": Action(
            NoFieldsForm,
            lambda d: services.hand_over_to_chat(
                conversation, person, request.user, caller=throttle.address_key(request)
            ),
            None,
        ),
        "call_back": Action(
            CallBackForm,
            lambda d: services.hand_over_as_call_back(
                conversation, d["name"], d["phone"], person, caller=throttle.address_key(request)
            ),
            _("Thank you. You will be called back, usually within a few hours on weekdays."),
        ),
    }
    call_back_form = CallBackForm(initial={"name": person.full_name} if person else {})
    status = 200
    if request.method == "POST":
        try:
            bound, result = run_action(request, actions)
        except throttle.Throttled as limited:
            messages.error(request, limited.message)
            return throttle.with_retry_after(redirect("assistant:handover"), limited)
        if not bound.errors:
            if request.POST.get("action") == "chat":
                if result.person is None:
                    remember(request, CHAT_SESSION, str(result.public_id), keep=10)
                return redirect("chat:conversation", public_id=result.public_id)
            return redirect("assistant:page")
        status = 400
        if isinstance(bound, CallBackForm):
            call_back_form = bound
        else:
            messages.error(request, " ".join(bound.non_field_errors()))
    context = {
        "queue": queue,
        "open_queue": open_queue,
        "next_opening": chat.next_opening(queue) if queue and open_queue is None else None,
        "call_back_form": call_back_form,
        "asked": len(services.transcript(conversation)) if conversation else 0,
    }
    return render(request, "assistant/handover.html", context, status=status)


# --- Content owners ---------------------------------------------------------------------------------


@route(Audience.PROFESSIONAL, "none")
@professional_required
def topic_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("tila", "")
    topics = Topic.objects.select_related("owner_unit")
    if status in Topic.Status.values:
        topics = topics.filter(status=status)
    mine = request.GET.get("omat") == "1"
    if mine:
        topics = topics.filter(owner_unit_id__in=services.owned_units(request.user))
    context = {
        "topics": topics[:500],
        "status": status,
        "mine": mine,
        "statuses": Topic.Status.choices,
        "due": services.due_for_review().count(),
    }
    return render(request, "assistant/topic_list.html", context)


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_http_methods(["GET", "POST"])
def topic_new(request: HttpRequest) -> HttpResponse:
    form = TopicForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.create_topic(form.cleaned_data, request.user)
        except (ValidationError, PermissionDenied) as refused:
            form.add_error(None, refused.messages if isinstance(refused, ValidationError) else str(refused))
        else:
            messages.success(request, _("The topic is saved as a draft."))
            return redirect("assistant:topic_edit", pk=topic.pk)
    return render(
        request,
        "assistant/topic_edit.html",
        {"form": form, "topic": None},
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.select_related("owner_unit", "updated_by", "reviewed_by"), pk=pk)
    actions = {
        "save": Action(
            TopicForm,
            lambda d: services.save_topic(topic, d, request.user),
            _("The topic is saved as a draft."),
        ),
        "submit": Action(
            NoFieldsForm, lambda d: services.submit_for_review(topic, request.user), _("Sent for review.")
        ),
        "publish": Action(
            NoFieldsForm, lambda d: services.publish(topic, request.user), _("The topic is published.")
        ),
        "return": Action(
            NoFieldsForm, lambda d: services.return_to_draft(topic, request.user), _("Returned to draft.")
        ),
    }
    form = TopicForm(initial=TopicForm.initial_of(topic))
    workflow_errors: list[str] = []
    status = 200
    if request.method == "POST":
        bound, _result = run_action(request, actions)
        if not bound.errors:
            return redirect("assistant:topic_edit", pk=topic.pk)
        status = 400
        if isinstance(bound, TopicForm):
            form = bound
        else:
            workflow_errors = [str(e) for e in bound.non_field_errors()]
    context = {
        "form": form,
        "topic": topic,
        "may_edit": topic.owner_unit_id in services.owned_units(request.user),
        "workflow_errors": workflow_errors,
    }
    return render(request, "assistant/topic_edit.html", context, status=status)


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_http_methods(["GET", "POST"])
def learning(request: HttpRequest) -> HttpResponse:
    """Questions to turn into topics (masked; no person linked)."""
    if request.method == "POST":

        def handled(data: dict) -> Exchange:
            return services.mark_handled(get_object_or_404(Exchange, pk=data["exchange"]), request.user)

        bound, _result = run_action(
            request, {"handled": Action(HandledForm, handled, _("Marked as dealt with."))}
        )
        if bound.errors:
            messages.error(
                request, " ".join(str(e) for e in bound.non_field_errors()) or _("Check the form.")
            )
        return redirect("assistant:learning")
    return render(request, "assistant/learning.html", {"exchanges": services.learning_list()})

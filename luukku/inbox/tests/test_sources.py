"""Messages arrive from the apps that own them, through their typed events: booking (confirmation
with the service's instructions, change, cancellation, reminder), care paths (the team's messages and
reminders), chat summaries and forms put on the resident's page; each once, with the source's scope."""

import pytest

from luukku.booking import tasks as booking_tasks
from luukku.booking.services import book, booker_for, cancel, reschedule
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.carepaths import services as carepaths
from luukku.carepaths.tests.factories import care_path
from luukku.chat import services as chat
from luukku.chat.tests.factories import conversation
from luukku.inbox.models import Message, ServiceInstructions, Thread
from luukku.questionnaires import services as questionnaires
from luukku.testing import professional, resident_user

pytestmark = pytest.mark.django_db


def kinds(person) -> list[str]:
    return list(Message.objects.filter(thread__person=person).order_by("pk").values_list("kind", flat=True))


def test_booking_confirmation_change_and_cancellation_share_one_thread(django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    service = booking_service(code="laboratorio-testi", name="Laboratorio")
    ServiceInstructions.objects.create(
        service_code=service.code, text_fi="Tule paastonneena.", text_en="Come fasting.", replies_allowed=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(open_slot(service), booker_for(person.user, person))
    thread = Thread.objects.get(person=person)
    confirmation = thread.messages.get()
    assert confirmation.kind == Message.Kind.CONFIRMATION and "Tule paastonneena." in confirmation.body
    assert not confirmation.notices.exists()  # booking sends its own text: no second one
    assert thread.replies_allowed and thread.unit == service.unit and thread.service_event == service.code
    with django_capture_on_commit_callbacks(execute=True):
        moved = reschedule(appointment, open_slot(service), booker_for(person.user, person))
    with django_capture_on_commit_callbacks(execute=True):
        cancel(moved, person.user)
    assert kinds(person) == ["confirmation", "change", "cancellation"]
    assert Thread.objects.filter(person=person).count() == 1
    assert "Tule paastonneena." not in thread.messages.get(kind="cancellation").body


def test_the_reminder_reaches_the_inbox_once(django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    service = booking_service()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(open_slot(service), booker_for(person.user, person))
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            booking_tasks.send_reminder.call(appointment.pk)
    assert kinds(person) == ["confirmation", "reminder"]


def test_the_care_teams_messages_arrive_but_the_clients_own_do_not(django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    path = care_path(person)
    nurse = professional(unit=path.team)
    with django_capture_on_commit_callbacks(execute=True):
        carepaths.post_message(path, person.user, "Kysyisin tehtävästä.", from_team=False)
        carepaths.post_message(path, nurse.user, "Hyvin menee, jatka samaan malliin.", from_team=True)
    message = Message.objects.get(thread__person=person, kind=Message.Kind.MESSAGE)
    assert (
        message.body == "Hyvin menee, jatka samaan malliin."
        and message.thread.key == f"carepath:{path.public_id}"
    )
    assert message.thread.service_event == f"carepath:{path.template.code}"


def test_a_chat_summary_reaches_the_inbox(django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    nurse = professional()
    chat_ = conversation(person)
    from luukku.chat.models import ChatQueue
    from luukku.identity.models import RoleAssignment

    RoleAssignment.objects.filter(professional=nurse).update(unit=ChatQueue.objects.get(code="hoitaja").unit)
    with django_capture_on_commit_callbacks(execute=True):
        chat.take(chat_, nurse.user)
        chat.close(chat_, nurse.user, "Ohjattu varaamaan aika lääkärille.")
    summary = Message.objects.get(thread__person=person)
    assert summary.kind == Message.Kind.SUMMARY and summary.body == "Ohjattu varaamaan aika lääkärille."


def test_an_activated_form_reaches_the_inbox(django_capture_on_commit_callbacks):
    person = resident_user(age=40)
    with django_capture_on_commit_callbacks(execute=True):
        questionnaires.activate(person, "audit", reason="Terveystarkastus", recurring=False)
    form = Message.objects.get(thread__person=person)
    assert form.kind == Message.Kind.FORM and form.notices.exists()


def test_a_reply_to_a_formal_complaint_is_filed_in_the_inbox_without_a_second_notice(
    personas, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from luukku.feedback import services as feedback
    from luukku.feedback.tests.factories import feedback as given
    from luukku.identity.personas import BY_KEY
    from luukku.identity.services import resident_from_register
    from luukku.inbox.models import Message, Notice

    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = given("formal", person=lempi)
    with django_capture_on_commit_callbacks(execute=True):
        feedback.reply(
            made, get_user_model().objects.get(username="hoitaja.riikka"), "Pahoittelemme.", "partly"
        )
    message = Message.objects.get(thread__person=lempi, kind=Message.Kind.REPLY)
    assert "Pahoittelemme." in message.body and "osittain" in message.body
    assert not Notice.objects.filter(message=message).exists()  # feedback already told her

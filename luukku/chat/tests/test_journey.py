"""The resident's side of a chat: their place in the queue and the wait, their own messages as "You",
ending the chat themselves, past chats on their page; the nurse sees the assessment's answers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from luukku.chat import services
from luukku.chat.models import ChatQueue, Conversation
from luukku.questionnaires import services as questionnaires
from luukku.testing import professional

ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse_queue(personas):
    queue = ChatQueue.objects.get(code="hoitaja")
    queue.hours = ALWAYS
    queue.save()
    return queue


def test_queue_position_and_estimated_wait(nurse_queue):
    first = services.start(nurse_queue, None, None)
    second = services.start(nurse_queue, None, None)
    third = services.start(nurse_queue, None, None)
    assert [services.queue_position(c) for c in (first, second, third)] == [1, 2, 3]
    assert services.estimated_wait(first) == 5  # the next one: within minutes
    assert services.estimated_wait(third) == 20  # two ahead at the default 10 minutes each
    now = timezone.now()
    past = Conversation.objects.create(queue=nurse_queue, status=Conversation.Status.CLOSED)

    Conversation.objects.filter(pk=past.pk).update(
        created_at=now - dt.timedelta(minutes=30), closed_at=now, assignee=professional().user
    )
    assert services.estimated_wait(third, now=now) == 60  # two ahead at the past week's 30 minutes
    Conversation.objects.filter(pk=first.pk).update(status=Conversation.Status.ACTIVE)
    first.refresh_from_db()
    assert services.queue_position(first) is None and services.estimated_wait(first) is None
    assert services.queue_position(second) == 1


def test_resident_sees_place_labels_own_messages_and_ends_the_chat(client, nurse_queue):
    client.post(reverse("identity:login"), {"persona": "lempi"})
    url = client.post(reverse("chat:start", args=["hoitaja"]))["Location"]
    client.post(url, {"body": "Minulla on yskää."})
    page = client.get(url).content.decode()
    assert 'id="queue-position"' in page and "Olet jonossa numero 1." in page
    assert "Sinä ·" in page and "Asiakas ·" not in page
    assert 'id="chat-messages"' in page and 'tabindex="0"' in page
    ended = client.post(url, {"action": "end"}, follow=True).content.decode()
    conversation = Conversation.objects.get()
    assert conversation.status == Conversation.Status.CLOSED and conversation.closed_at
    assert "Lopetit chatin." in ended and "Asiakas lopetti chatin." in ended
    assert client.post(url, {"action": "end"}, follow=True).status_code == 200  # twice: a notice, no 500
    home = client.get(reverse("identity:home")).content.decode()
    assert f'href="{reverse("chat:conversation", args=[conversation.public_id])}"' in home


def test_someone_else_cannot_end_the_chat(client, nurse_queue):
    url = client.post(reverse("chat:start", args=["hoitaja"]))["Location"]
    from django.test import Client

    assert Client().post(url, {"action": "end"}).status_code == 403
    assert Conversation.objects.get().status == Conversation.Status.WAITING


def test_system_messages_are_translated_when_shown(client, nurse_queue):
    with translation.override("fi"):
        conversation = services.start(nurse_queue, None, None)
    from luukku.chat.views import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = [str(conversation.public_id)]
    session.save()
    client.cookies["django_language"] = "sv"
    page = client.get(reverse("chat:conversation", args=[conversation.public_id])).content.decode()
    with translation.override("sv"):
        welcome = translation.gettext(services.WELCOME)
    assert welcome != services.WELCOME and welcome in page


@pytest.mark.django_db(transaction=True)
def test_nurse_sees_the_assessment_answers(client, nurse_queue, django_user_model):
    from luukku.assessment.models import Result

    ChatQueue.objects.update(hours=ALWAYS)
    location = client.post(reverse("assessment:begin"))["Location"]
    raw = {"red-flags": ["none"], "concern": "teeth", "severity": "moderate", "action": "submit"}
    result_page = client.post(location, raw, follow=True).content.decode()
    result = Result.objects.select_related("response").get()
    assert f'name="assessment_response" value="{result.response.public_id}"' in result_page
    client.post(
        reverse("chat:start", args=["hoitaja"]), {"assessment_response": str(result.response.public_id)}
    )
    conversation = Conversation.objects.get()
    client.force_login(django_user_model.objects.get(username="hoitaja.hanna"))
    page = client.get(reverse("chat:professional", args=[conversation.public_id])).content.decode()
    assert "Asiakkaan vastaukset: Hoidon tarpeen arvio" in page
    assert "Hampaat tai suu" in page and "Haittaa arkea" in page  # the answers, not just the urgency


def test_another_browsers_assessment_is_not_shared(client, nurse_queue):
    from luukku.assessment.definition import KEY

    response = questionnaires.start(questionnaires.current(KEY), None, None)  # not this browser's
    client.post(reverse("chat:start", args=["hoitaja"]), {"assessment_response": str(response.public_id)})
    assert "shared" not in Conversation.objects.get().context


@pytest.mark.django_db(transaction=True)
def test_waiting_chat_work_item_title_in_the_readers_language(nurse_queue):
    from luukku.desk.models import WorkItem

    with translation.override("fi"):
        conversation = services.start(nurse_queue, None, None)
    item = WorkItem.objects.get(source=f"chat:{conversation.public_id}")
    with translation.override("sv"):
        assert item.shown_title == f"Chatt väntar: Anonym ({nurse_queue.name_sv or nurse_queue.name})"
    with translation.override("fi"):
        assert item.shown_title == item.title


def test_a_chat_the_resident_ends_while_waiting_leaves_the_work_queue(
    client, nurse_queue, django_capture_on_commit_callbacks
):
    from luukku.desk.models import WorkItem

    with django_capture_on_commit_callbacks(execute=True):
        url = client.post(reverse("chat:start", args=["hoitaja"]))["Location"]
    conversation = Conversation.objects.get()
    item = WorkItem.objects.get(source=f"chat:{conversation.public_id}")
    assert item.status == WorkItem.Status.NEW
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "end"})
    item.refresh_from_db()
    assert item.status == WorkItem.Status.DONE  # nobody is left to answer it


def test_anonymous_chats_from_one_address_are_throttled(client, nurse_queue, settings):
    settings.LUUKKU_THROTTLES = {"chat.anonymous.address": (2, 600)}
    for _n in range(2):
        assert client.post(reverse("chat:start", args=["hoitaja"])).status_code == 302
    refused = client.post(reverse("chat:start", args=["hoitaja"]))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Liian monta" in refused.content.decode()  # told in Finnish to wait, on the chat page
    assert Conversation.objects.count() == 2
    client.post(reverse("identity:login"), {"persona": "lempi"})  # a signed-in resident is known: no limit
    assert client.post(reverse("chat:start", args=["hoitaja"])).status_code == 302

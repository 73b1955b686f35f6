"""The demo's year of past chats (feeding the chat queue time beside the feedback scores)."""

import datetime as dt

import pytest
from django.db.models import F

from luukku.chat.demo import seed_history
from luukku.chat.models import Conversation

pytestmark = pytest.mark.django_db


def test_the_demo_chat_history_is_a_year_of_answered_chats_made_once(personas):
    today = dt.date(2026, 11, 26)
    assert seed_history(today=today).endswith("past chats")
    past = Conversation.objects.filter(context__demo_history=True)
    assert past.count() > 1000 and not past.filter(taken_at__lt=F("created_at")).exists()
    assert not past.filter(created_at__date__gte=dt.date(2026, 11, 1)).exists()  # whole months before today
    assert not past.filter(person__isnull=False).exists()
    assert seed_history(today=today) == "chat history already there"

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from luukku.audit.models import AccessLogEntry
from luukku.desk.models import WorkItem
from luukku.feedback import registry, services, surveys
from luukku.feedback.events import FeedbackReplied
from luukku.feedback.models import Feedback, Handler, Invitation, SurveyAnswer
from luukku.identity.models import OrgUnit, Professional
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.notify.models import OutboundMessage
from luukku.web import events

from .factories import feedback, professional_user, target

pytestmark = pytest.mark.django_db


# --- Invitations and the frequency cap ------------------------------------------------------------


@pytest.fixture
def fake_trigger(personas):
    """A registered trigger whose events are whatever the test puts in `happened`."""
    happened: dict[str, registry.ServiceEvent] = {}
    registry.register_trigger(registry.Trigger("test", "test", "palaute", happened.get))
    yield happened
    registry._triggers.pop("test", None)


def _event(ends_at, phone="+358401234567", person=None, email="") -> registry.ServiceEvent:
    return registry.ServiceEvent(
        unit=OrgUnit.objects.get(code="rmk-terveysasema"),
        ends_at=ends_at,
        person=person,
        phone=phone,
        email=email,
    )


def test_an_ended_service_event_sends_one_text_message_with_a_one_time_link(fake_trigger):
    now = timezone.now()
    fake_trigger["1"] = _event(now - dt.timedelta(hours=3))
    invitation = services.invite_after("test", "1", now)
    assert invitation is not None and invitation.channel == "sms"
    message = OutboundMessage.objects.get(kind="feedback.invitation")
    assert message.to == "+358401234567" and "/palaute/k/" in message.body
    assert invitation.target.shown_name("fi") not in message.body  # no unit or service in a text message
    assert services.invite_after("test", "1", now) is None  # one invitation per source


def test_an_event_that_has_not_ended_or_did_not_happen_sends_nothing(fake_trigger):
    now = timezone.now()
    fake_trigger["1"] = _event(now + dt.timedelta(minutes=1))
    assert services.invite_after("test", "1", now) is None
    assert services.invite_after("test", "missing", now) is None
    fake_trigger["2"] = _event(now - dt.timedelta(hours=1), phone="")
    assert services.invite_after("test", "2", now) is None  # no way to reach the person
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("later_by", "invited"),
    [
        (dt.timedelta(days=1), False),
        (dt.timedelta(days=30) - dt.timedelta(seconds=1), False),
        (dt.timedelta(days=30), True),
        (dt.timedelta(days=31), True),
    ],
)
def test_a_number_is_invited_again_only_when_thirty_days_have_passed(fake_trigger, later_by, invited):
    first = timezone.now() - dt.timedelta(days=40)
    fake_trigger["1"] = _event(first - dt.timedelta(hours=3))
    assert services.invite_after("test", "1", first)
    later = first + later_by
    fake_trigger["2"] = _event(later - dt.timedelta(hours=3))
    assert (services.invite_after("test", "2", later) is not None) is invited


def test_the_cap_is_per_person_whatever_number_they_give(fake_trigger):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    now = timezone.now()
    fake_trigger["1"] = _event(now - dt.timedelta(hours=3), person=lempi)
    fake_trigger["2"] = _event(now - dt.timedelta(hours=2), person=lempi, phone="+358501112222")
    assert services.invite_after("test", "1", now)
    assert services.invite_after("test", "2", now) is None


def _token_of(invitation_message: OutboundMessage) -> str:
    return invitation_message.body.split("/palaute/k/")[1].split("/")[0]


def test_the_link_answers_once_and_expires_after_fourteen_days(fake_trigger):
    now = timezone.now()
    fake_trigger["1"] = _event(now - dt.timedelta(hours=3))
    invitation = services.invite_after("test", "1", now)
    token = _token_of(OutboundMessage.objects.get(kind="feedback.invitation"))
    assert (
        services.open_invitation(token, now + dt.timedelta(days=14) - dt.timedelta(seconds=1)) == invitation
    )
    assert services.open_invitation(token, now + dt.timedelta(days=14)) is None
    answer, errors = services.answer_survey(invitation.target, {"nps": ["9"]}, "sms", invitation=invitation)
    assert answer and not errors
    assert services.open_invitation(token) is None
    with pytest.raises(ValidationError):
        services.answer_survey(invitation.target, {"nps": ["3"]}, "sms", invitation=invitation)
    assert SurveyAnswer.objects.count() == 1


# --- Survey answers -------------------------------------------------------------------------------


def test_the_survey_needs_a_score_from_zero_to_ten(personas):
    where = target()
    for raw in ({}, {"nps": ["11"]}, {"nps": ["-1"]}, {"nps": ["x"]}):
        answer, errors = services.answer_survey(where, raw, "web")
        assert answer is None and "nps" in errors
    for score in ("0", "10"):
        answer, errors = services.answer_survey(where, {"nps": [score]}, "web")
        assert answer.nps == int(score)


def test_a_comment_is_screened_and_analysed_and_the_answer_names_nobody(personas):
    answer, _errors = services.answer_survey(
        target(),
        {"nps": ["2"], "comment": ["Huono palvelu, soittakaa 040 123 4567, hetu 131052-308T"]},
        "web",
    )
    assert "040" not in answer.comment and "131052" not in answer.comment
    assert answer.sentiment == "negative"
    assert not hasattr(answer, "person")


def test_surveys_are_fhir_questionnaires_with_the_core_in_every_version(personas):
    from luukku.questionnaires.services import validate_resource

    for key, build in surveys.SURVEYS.items():
        resource = build()
        validate_resource(resource)
        assert {"nps", "help", "treated", "smooth", "comment"} <= {i["linkId"] for i in resource["item"]}, key


# --- Free-form feedback and formal complaints ----------------------------------------------------------


def test_feedback_lands_in_the_units_queue_assigned_to_its_named_handler(personas):
    riikka = Professional.objects.get(user__username="hoitaja.riikka")
    Handler.objects.get_or_create(unit=OrgUnit.objects.get(code="rmk-terveysasema"), professional=riikka)
    given = feedback()
    item = WorkItem.objects.get(source=f"feedback:{given.pk}")
    assert item.kind == WorkItem.Kind.FEEDBACK and item.unit.code == "rmk-terveysasema"
    assert item.assignee == riikka.user
    assert item.due_at == given.received_at + services.REPLY_TARGET


@pytest.mark.parametrize("kind", [k for k in Feedback.Kind.values if k != "formal"])
def test_ordinary_feedback_is_due_in_fourteen_days(personas, kind):
    received = timezone.now()
    assert services.deadlines(kind, received) == (received + dt.timedelta(days=14), None)


def test_a_formal_complaint_escalates_at_three_weeks_and_is_decided_within_four(personas):
    received = timezone.now()
    assert services.deadlines("formal", received) == (
        received + dt.timedelta(days=21),
        received + dt.timedelta(days=28),
    )


def test_a_formal_complaint_needs_an_identified_person(personas):
    with pytest.raises(ValidationError):
        feedback("formal")
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback("formal", person=lempi)
    assert made.wants_reply and made.deadline_at == made.received_at + dt.timedelta(days=28)


def test_a_reply_needs_a_way_to_reach_the_giver(personas):
    with pytest.raises(ValidationError):
        feedback(wants_reply=True)
    assert feedback(wants_reply=True, contact_email="a@example.invalid").wants_reply


def test_escalation_happens_once_at_three_weeks(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback("formal", person=lempi)
    assert services.escalate_overdue(made.received_at + dt.timedelta(days=21) - dt.timedelta(seconds=1)) == 0
    assert services.escalate_overdue(made.received_at + dt.timedelta(days=21)) == 1
    assert services.escalate_overdue(made.received_at + dt.timedelta(days=22)) == 0
    made.refresh_from_db()
    assert made.status == Feedback.Status.ESCALATED
    above = WorkItem.objects.get(source=f"feedbackesc:{made.pk}")
    assert above.unit.code == "avosairaanhoito" and above.priority == WorkItem.Priority.URGENT


def test_the_handler_replies_the_giver_is_told_and_the_queue_item_closes(
    personas, django_capture_on_commit_callbacks
):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback(person=lempi, wants_reply=True, contact_phone="+358401234567")
    seen = []
    events.subscribe(FeedbackReplied, "test.seen", seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.reply(made, professional_user("hoitaja.riikka"), "Pahoittelemme, korjaamme jonon.")
    finally:
        events._receivers[FeedbackReplied].pop("test.seen", None)
    made.refresh_from_db()
    assert made.status == Feedback.Status.ANSWERED and made.replied_at is not None
    assert seen == [FeedbackReplied(made.pk, lempi.pk)]
    assert WorkItem.objects.get(source=f"feedback:{made.pk}").status == WorkItem.Status.DONE
    message = OutboundMessage.objects.get(kind="feedback.reply")
    assert message.to == "+358401234567" and "/palaute/oma/" in message.body
    assert AccessLogEntry.objects.filter(what="feedback", allowed=True, subject=lempi).exists()
    with pytest.raises(ValidationError):
        services.reply(made, professional_user("hoitaja.riikka"), "Toinen vastaus")


def test_an_anonymous_reply_goes_by_e_mail_with_the_reply_itself(personas):
    made = feedback(wants_reply=True, contact_email="a@example.invalid")
    services.reply(made, professional_user("hoitaja.riikka"), "Kiitos, korjaamme.")
    message = OutboundMessage.objects.get(kind="feedback.reply")
    assert message.channel == "email" and "Kiitos, korjaamme." in message.body


def test_a_formal_complaint_needs_a_decision(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback("formal", person=lempi)
    with pytest.raises(ValidationError):
        services.reply(made, professional_user("hoitaja.riikka"), "Vastaus")
    services.reply(made, professional_user("hoitaja.riikka"), "Vastaus", "partly")
    made.refresh_from_db()
    assert made.decision == "partly"


def test_another_units_professional_cannot_open_or_answer(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback(person=lempi)
    for username in ("hoitaja.hanna", "sosiaalityo.saara", "tietosuoja.tiina"):
        with pytest.raises(PermissionDenied):
            services.open_for_handler(professional_user(username), made)
    # the unit above (its managers' result area) may
    assert services.may_handle(professional_user("hoitaja.riikka"), made)


def test_closing_the_queue_item_closes_ordinary_feedback_but_not_a_formal_complaint(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    ordinary, formal = feedback(), feedback("formal", person=lempi)
    riikka = professional_user("hoitaja.riikka")
    for made in (ordinary, formal):
        services.close_at_origin(str(made.pk), riikka)
        made.refresh_from_db()
    assert ordinary.status == Feedback.Status.CLOSED
    assert formal.status == Feedback.Status.NEW

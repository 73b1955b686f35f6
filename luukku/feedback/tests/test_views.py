import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from luukku.feedback.models import Feedback, SurveyAnswer
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register

from .factories import feedback, professional_user, target

pytestmark = pytest.mark.django_db


def test_predictive_search_answers_htmx_with_the_results_only(personas):
    target()
    client = Client()
    page = client.get(reverse("feedback:index"), {"q": "riihimaen terv"})
    assert b"Riihim\xc3\xa4en terveysasema" in page.content and b"<h1" in page.content
    partial = client.get(reverse("feedback:index"), {"q": "riihimaen terv"}, headers={"HX-Request": "true"})
    assert b"Riihim\xc3\xa4en terveysasema" in partial.content and b"<h1" not in partial.content


def test_a_too_long_query_is_a_clear_400(personas):
    assert Client().get(reverse("feedback:index"), {"q": "x" * 101}).status_code == 400


def test_an_anonymous_survey_answer_and_its_errors(personas):
    where = target()
    url = reverse("feedback:survey", args=[where.code])
    client = Client()
    refused = client.post(url, {"nps": "12"})
    assert refused.status_code == 400 and not SurveyAnswer.objects.exists()
    assert client.post(url, {"nps": "\x00"}).status_code == 400
    done = client.post(url, {"nps": "10", "help": "5", "comment": "Kiitos!"})
    assert done.status_code == 302 and done["Location"] == reverse("feedback:thanks")
    answer = SurveyAnswer.objects.get()
    assert (answer.nps, answer.channel, answer.sentiment) == (10, "web", "positive")


def test_the_kiosk_thanks_and_goes_back_to_an_empty_form(personas):
    where = target()
    response = Client().post(reverse("feedback:kiosk", args=[where.code]), {"nps": "8"})
    assert response["Location"] == reverse("feedback:kiosk_thanks", args=[where.code])
    thanks = Client().get(response["Location"])
    assert f'data-reset-url="{reverse("feedback:kiosk", args=[where.code])}"'.encode() in thanks.content
    assert SurveyAnswer.objects.get().channel == "kiosk"


def test_a_formal_complaint_is_offered_only_when_signed_in(personas):
    where = target()
    url = reverse("feedback:give", args=[where.code])
    anonymous = Client()
    assert anonymous.post(url, {"kind": "formal", "text": "Muistutus"}).status_code == 400
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    from luukku.access.tests.world import _user_for

    signed_in = Client()
    signed_in.force_login(_user_for(lempi))
    response = signed_in.post(url, {"kind": "formal", "text": "Muistutus hoidosta"})
    made = Feedback.objects.get()
    assert response["Location"] == reverse("feedback:mine_detail", args=[made.public_id])
    assert made.kind == "formal" and made.person == lempi and made.deadline_at
    with translation.override("en"):
        page = signed_in.get(response["Location"], headers={"Accept-Language": "en"})
        assert _("Written decision by").encode() in page.content


def test_the_handler_replies_through_the_page(personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    made = feedback(person=lempi, wants_reply=True)
    client = Client()
    client.force_login(professional_user("hoitaja.riikka"))
    url = reverse("feedback:handle", args=[made.pk])
    assert client.post(url, {"action": "reply", "reply": ""}).status_code == 400
    assert client.post(url, {"action": "reply", "reply": "Pahoittelemme."}).status_code == 302
    made.refresh_from_db()
    assert made.reply == "Pahoittelemme." and made.replied_by.username == "hoitaja.riikka"
    other = Client()
    other.force_login(professional_user("hoitaja.hanna"))
    assert other.get(url).status_code == 403


def test_you_said_we_did_shows_the_screened_text_and_never_the_giver(personas):
    made = feedback("suggestion", text="Lisää tuoleja odotustilaan, soita 040 123 4567")
    client = Client()
    client.force_login(professional_user("hoitaja.riikka"))
    client.post(
        reverse("feedback:handle", args=[made.pk]), {"action": "publish", "public_action": "Tuolit lisätty."}
    )
    page = Client().get(reverse("feedback:you_said", args=["rmk-terveysasema"]))
    assert "Tuolit lisätty." in page.content.decode() and "040 123 4567" not in page.content.decode()


def test_paper_answers_are_entered_for_the_staffs_own_units(personas):
    client = Client()
    client.force_login(professional_user("hoitaja.riikka"))
    url = reverse("feedback:paper")
    other = target("hml-terveysasema")
    assert (
        client.post(url, {"target": other.code, "answered_on": "2026-01-05", "nps": "7"}).status_code == 400
    )
    own = target()
    assert client.post(url, {"target": own.code, "answered_on": "2100-01-05", "nps": "7"}).status_code == 400
    assert client.post(url, {"target": own.code, "answered_on": "2026-01-05", "nps": "7"}).status_code == 302
    answer = SurveyAnswer.objects.get()
    assert answer.channel == "paper" and answer.entered_by.username == "hoitaja.riikka"


def test_the_report_and_its_csv(personas):
    client = Client()
    client.force_login(professional_user("esihenkilo.eija"))
    assert client.get(reverse("feedback:report"), {"yksikko": "avosairaanhoito"}).status_code == 200
    csv = client.get(reverse("feedback:report_csv"), {"kuukaudet": "x"})
    assert csv["Content-Type"].startswith("text/csv") and b"unit_code;unit;level" in csv.content

"""A form re-renders through htmx as answers change; a slow answer from the server must never wipe
what the person typed or ticked meanwhile (a phone on a slow network, a quick typist)."""

import threading

import pytest

from luukku.assessment.services import publish as publish_assessment
from luukku.chat.demo import seed_queues
from luukku.identity.personas import seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue

from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assessment():
    seed_organisation()
    seed_personas()
    publish_catalogue()
    publish_assessment()
    seed_queues()


def test_a_slow_rerender_keeps_what_was_typed_meanwhile(page, assessment, monkeypatch):
    from luukku.questionnaires import views

    slow = threading.Event()  # armed: the next re-render waits in the server until released
    release = threading.Event()
    render = views._render_page

    def late_render(request, *args, **kwargs):
        if kwargs.get("partial") and slow.is_set():
            slow.clear()
            release.wait(10)
        return render(request, *args, **kwargs)

    monkeypatch.setattr(views, "_render_page", late_render)
    page.goto("/hoidon-tarve/")
    page.get_by_role("button", name="Aloita").click()
    page.get_by_role("group", name="Onko sinulla nyt jokin näistä?").get_by_label("Ei mitään näistä").check()
    page.wait_for_load_state("networkidle")
    severity = page.get_by_role("group", name="Kuinka paljon asia vaivaa?").get_by_label("Haittaa arkea")
    slow.set()
    page.get_by_role("group", name="Mitä asiasi koskee?").get_by_label("Sairaus tai oire").check()
    severity.check()  # ticked while the server still works on the re-render the concern asked for
    release.set()
    days = page.get_by_label("Kuinka monta päivää")
    days.wait_for()  # the late re-render has arrived
    page.wait_for_load_state("networkidle")
    assert severity.is_checked()
    days.fill("3")
    page.get_by_role("button", name="Lähetä").click()
    page.wait_for_url("**/hoidon-tarve/tulos/**")
    assert_accessible(page)

import pytest

from luukku.assessment.services import publish as publish_assessment
from luukku.chat.demo import seed_queues
from luukku.chat.models import ChatQueue
from luukku.identity.personas import seed_organisation, seed_personas
from luukku.questionnaires.services import publish_catalogue

from .forms import sign_in_professional
from .test_proxy_flow import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


def test_assessment_leads_to_nurse_chat_and_a_transfer_reaches_the_resident(browser, asgi_live_server):
    seed_organisation()
    seed_personas()
    publish_catalogue()
    publish_assessment()
    seed_queues()
    ChatQueue.objects.update(hours=ALWAYS, open_on_holidays=True)  # the test must not depend on the clock
    resident_context = browser.new_context(
        base_url=asgi_live_server, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    nurse_context = browser.new_context(base_url=asgi_live_server, locale="fi-FI")
    try:
        resident = resident_context.new_page()
        resident.goto("/tunnistautuminen/")
        resident.get_by_role("button", name="Kirjaudu: Matti Kalevi Esimerkki").click()
        resident.goto("/hoidon-tarve/")
        resident.get_by_role("button", name="Aloita").click()
        resident.get_by_role("group", name="Onko sinulla nyt jokin näistä?").get_by_label(
            "Ei mitään näistä"
        ).check()
        resident.get_by_role("group", name="Mitä asiasi koskee?").get_by_label("Sairaus tai oire").check()
        resident.get_by_role("group", name="Kuinka paljon asia vaivaa?").get_by_label("Haittaa arkea").check()
        resident.get_by_label("Kuinka monta päivää").fill("3")
        resident.get_by_role("button", name="Lähetä").click()
        assert resident.get_by_text("Suosittelemme, että keskustelet: Hoitajan chat.").is_visible()
        assert_accessible(resident)
        resident.get_by_role("button", name="Aloita chat").click()
        resident.locator("[data-connected=true]").wait_for()
        assert_accessible(resident)

        nurse = nurse_context.new_page()
        sign_in_professional(nurse, "hoitaja.hanna")
        nurse.goto("/ammattilainen/chat/")
        nurse.get_by_role("listitem").filter(has_text="Hoitajan chat").get_by_role(
            "button", name="Ota seuraava"
        ).click()
        assert nurse.get_by_text("hoidon tarpeen arvio", exact=False).first.is_visible()
        resident.get_by_text("Hanna liittyi keskusteluun.").wait_for()  # over the WebSocket

        nurse.locator("[data-connected=true]").wait_for()
        nurse.get_by_label("Viesti", exact=True).fill("Hei Matti, kerro lisää oireistasi.")
        nurse.get_by_role("button", name="Lähetä").click()
        resident.get_by_text("Hei Matti, kerro lisää oireistasi.").wait_for()
        resident.get_by_label("Viestisi").fill("Olen ollut kovin alakuloinen.")
        resident.get_by_role("button", name="Lähetä", exact=True).click()
        nurse.get_by_text("Olen ollut kovin alakuloinen.").wait_for()

        nurse.get_by_label("Sisäinen konsultaatio").check()
        nurse.get_by_label("Viesti", exact=True).fill("Ohjaan mielenterveyschattiin.")
        nurse.get_by_role("button", name="Lähetä").click()
        nurse.get_by_text("Ohjaan mielenterveyschattiin.").wait_for()

        nurse.get_by_label("Siirrä jonoon").select_option(label="Mielenterveys- ja päihdechat")
        nurse.get_by_role("button", name="Siirrä").first.click()
        resident.get_by_text(
            "Keskustelu siirrettiin jonoon Mielenterveys- ja päihdechat.", exact=False
        ).wait_for()
        assert resident.get_by_text("Ohjaan mielenterveyschattiin.").count() == 0  # internal stays internal
        assert resident.get_by_text("Hei Matti, kerro lisää oireistasi.").is_visible()  # history kept
    finally:
        resident_context.close()
        nurse_context.close()

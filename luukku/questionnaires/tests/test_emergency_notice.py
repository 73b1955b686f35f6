"""An "in immediate danger" answer shows a labelled urgent notice with a tap-to-call 112, not a grey box."""

import pytest
from django.urls import reverse

from luukku.questionnaires.definitions.carepath_forms import EMERGENCY_CALL
from luukku.questionnaires.definitions.catalogue import child_welfare, older_person_concern
from luukku.questionnaires.fhirq import extension_value, walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["huoli-iakkaasta", "lastensuojeluilmoitus"])
def test_immediate_danger_shows_an_urgent_call_link(client, personas, key):
    url = client.post(reverse("questionnaires:begin", args=[key]))["Location"]
    quiet = client.post(url, {"immediate-danger": "no", "preview": "1"}, HTTP_HX_REQUEST="true")
    assert "tel:112" not in quiet.content.decode()
    page = client.post(
        url, {"immediate-danger": "yes", "preview": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    notice = page.split('class="urgent" role="alert"')[1].split("</div>")[0]
    assert "Hätätilanne" in notice and 'href="tel:112"' in notice and "Soita heti hätänumeroon 112." in notice
    assert '<p class="q-display">Soita heti' not in page


def test_only_the_danger_items_are_marked():
    for build in (older_person_concern, child_welfare):
        marked = [n["linkId"] for n in walk(build()["item"]) if extension_value(n, EMERGENCY_CALL)]
        assert marked == ["danger-call"]

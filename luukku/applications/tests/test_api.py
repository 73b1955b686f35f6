"""The applications API: the resident's list and one application, an answer in the thread; 401/404/422."""

import pytest

from luukku.applications import services
from luukku.testing import resident_user, sign_in_persona

from .factories import apply, user

pytestmark = pytest.mark.django_db


def test_the_resident_lists_reads_and_answers_over_the_api(client, personas, settings, tmp_path):
    settings.LUUKKU_SIGNING_DIR = str(tmp_path)
    from luukku.applications import adapters

    adapters.signer.cache_clear()
    lempi = sign_in_persona(client, "lempi")
    application = apply(lempi)
    listed = client.get("/api/applications/applications").json()
    assert [a["reference"] for a in listed] == [application.reference]
    paula = user("palveluohjaaja.paula")
    services.request_info(application, paula, "Lisätietoja, kiitos.")
    answered = client.post(
        f"/api/applications/applications/{application.public_id}/messages",
        {"body": "Tässä."},
        content_type="application/json",
    )
    assert answered.status_code == 201
    application.refresh_from_db()
    assert application.status == "in_process"
    services.draft_decision(application, paula, "refused", "Ei myönnetä.")
    services.approve(application, paula)
    detail = client.get(f"/api/applications/applications/{application.public_id}").json()
    assert detail["decision"]["signature_valid"] is True and detail["status"] == "decided"
    assert [m["from_applicant"] for m in detail["thread"]] == [False, True]
    adapters.signer.cache_clear()


def test_bad_input_and_other_peoples_applications_are_4xx(client, personas):
    application = apply(resident_user(age=80))
    assert client.get("/api/applications/applications").status_code == 401
    sign_in_persona(client, "lempi")
    assert client.get(f"/api/applications/applications/{application.public_id}").status_code == 404
    own = apply(resident_user(age=70))
    bad = client.post(
        f"/api/applications/applications/{own.public_id}/messages",
        {"body": "x\x00"},
        content_type="application/json",
    )
    assert bad.status_code in (404, 422)
    assert client.get("/api/applications/applications/not-a-uuid").status_code == 422

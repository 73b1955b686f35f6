import pytest
from django.urls import reverse
from fhir.resources.R4B.careplan import CarePlan

from luukku.audit.models import AccessLogEntry
from luukku.carepaths.models import ClientPath, TeamTask
from luukku.identity.personas import BY_KEY
from luukku.testing import sign_in_persona as sign_in

pytestmark = pytest.mark.django_db(transaction=True)  # cross-app events are delivered after commit


def test_resident_enrols_and_records_a_measurement(client, personas):
    matti = sign_in(client, "matti")
    listing = client.get(reverse("carepaths:list")).content.decode()
    assert "Tyypin 2 diabeteksen riski" in listing and "Sepelvaltimotaudin seuranta" not in listing
    response = client.post(reverse("carepaths:enrol", args=["tyokyky"]))
    path = ClientPath.objects.get(person=matti)
    assert response["Location"] == reverse("carepaths:path", args=[path.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "Mitä voin tehdä itse" in page and "Varaa aika työkyvyn arvioon" in page
    read = path.tasks.get(kind="read", template_task__order=0)
    client.post(reverse("carepaths:task", args=[path.public_id, read.pk]))
    assert path.tasks.get(pk=read.pk).status == "done"
    home = client.get(reverse("identity:home")).content.decode()
    assert "Työkyvyn tuki" in home


def test_questionnaire_task_opens_the_form_and_answer_routes(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["diabetesriski"]))
    path = ClientPath.objects.get(person=matti)
    task = path.tasks.get(kind="questionnaire")
    opened = client.post(reverse("carepaths:task", args=[path.public_id, task.pk]))
    assert "/lomakkeet/vastaus/" in opened["Location"]
    answers = {
        "findrisc-sex": "male",
        "findrisc-age": "55-64",
        "findrisc-height": "178",
        "findrisc-weight": "92,5",
        "findrisc-waist": "104",
        "findrisc-activity": "no",
        "findrisc-vegetables": "daily",
        "findrisc-bp-medication": "no",
        "findrisc-high-glucose": "no",
        "findrisc-family": "close",
        "action": "submit",
    }
    client.post(opened["Location"], answers)
    path.refresh_from_db()
    assert path.phase == "with_professional"
    page = client.get(reverse("carepaths:path", args=[path.public_id])).content.decode()
    assert "ammattilaisen kanssa" in page and "Riihimäen terveysasema ottaa sinuun yhteyttä." in page


def test_measurement_form_names_problems(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["diabetesriski"]))
    path = ClientPath.objects.get(person=matti)
    from luukku.carepaths.services import enter_phase

    enter_phase(path, "with_professional", None, "testi")
    task = path.tasks.get(kind="measurement", measurement="blood_pressure")
    bad = client.post(
        reverse("carepaths:task", args=[path.public_id, task.pk]), {"systolic": "400", "diastolic": ""}
    )
    page = bad.content.decode()
    assert bad.status_code == 400 and "Arvon on oltava välillä 60–260." in page and "Kirjoita arvo." in page
    client.post(
        reverse("carepaths:task", args=[path.public_id, task.pk]),
        {"systolic": "138", "diastolic": "86", "pulse": "70"},
    )
    assert path.tasks.get(pk=task.pk).result["systolic"] == 138


def test_message_thread_and_team_reply(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["tyokyky"]))
    path = ClientPath.objects.get(person=matti)
    empty = client.post(reverse("carepaths:path", args=[path.public_id]), {"body": "  "})
    assert empty.status_code == 400 and "Kirjoita ensin viesti." in empty.content.decode()
    client.post(reverse("carepaths:path", args=[path.public_id]), {"body": "Selkä on kipeä, voinko siirtää?"})
    client.post(reverse("identity:logout"))
    client.login(username="hoitaja.riikka", password="demo-salasana-2026")
    queue = client.get(reverse("carepaths:team")).content.decode()
    assert "Viesti asiakkaalta Matti Kalevi Esimerkki" in queue
    detail = client.get(reverse("carepaths:professional_path", args=[path.public_id])).content.decode()
    assert "Selkä on kipeä" in detail
    assert AccessLogEntry.objects.filter(subject=matti, what="care_path").exists()
    client.post(
        reverse("carepaths:professional_path", args=[path.public_id]),
        {"action": "message", "body": "Soitan huomenna."},
    )
    client.post(reverse("carepaths:professional_path", args=[path.public_id]), {"action": "handled"})
    assert not TeamTask.objects.filter(path=path, handled_at__isnull=True).exists()
    client.logout()
    sign_in(client, "matti")
    assert "Soitan huomenna." in client.get(reverse("carepaths:path", args=[path.public_id])).content.decode()


def test_professional_starts_and_tailors_a_path(client, personas):
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    started = client.post(
        reverse("carepaths:team"), {"hetu": BY_KEY["aino"].hetu, "template": "nivustyraleikkaus"}
    )
    path = ClientPath.objects.get(template__code="nivustyraleikkaus")
    assert started["Location"] == reverse("carepaths:professional_path", args=[path.public_id])
    assert path.phase == "with_professional" and path.team.code == "hml-terveysasema"
    first = path.tasks.filter(kind="measurement").first()
    client.post(started["Location"], {"action": "due", "task": first.pk, "due": "2027-01-15"})
    client.post(
        started["Location"], {"action": "add", "title": "Haavan kuva", "kind": "read", "due": "2027-01-10"}
    )
    client.post(started["Location"], {"action": "remove", "task": path.tasks.get(kind="questionnaire").pk})
    tasks = {t.display_title: t for t in path.tasks.all()}
    assert tasks["Haavan kuva"].due_at.date().isoformat() == "2027-01-10"
    assert tasks["Täytä esitietolomake"].status == "removed"
    assert path.tasks.get(pk=first.pk).due_at.date().isoformat() == "2027-01-15"
    outsider = client.post(reverse("carepaths:team"), {"hetu": BY_KEY["lempi"].hetu, "template": "raskaus"})
    assert outsider.status_code == 400


def test_another_residents_path_is_refused(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["tyokyky"]))
    path = ClientPath.objects.get(person=matti)
    client.post(reverse("identity:logout"))
    sign_in(client, "aino")
    assert client.get(reverse("carepaths:path", args=[path.public_id])).status_code == 403


def test_fhir_care_plan_and_statistics(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["diabetesriski"]))
    path = ClientPath.objects.get(person=matti)
    plan = CarePlan.model_validate_json(client.get(f"/fhir/CarePlan/{path.public_id}").content)
    assert plan.status == "active" and plan.activity[0].detail.status == "not-started"
    assert client.get(f"/fhir/CarePlan?patient=Patient/{matti.public_id}").json()["total"] == 1
    client.post(reverse("identity:logout"))
    assert client.get(f"/fhir/CarePlan/{path.public_id}").status_code == 404
    client.login(username="hoitaja.riikka", password="demo-salasana-2026")
    assert client.get(f"/fhir/CarePlan/{path.public_id}").status_code == 200
    assert AccessLogEntry.objects.filter(subject=matti, what="care_path").count() == 1
    stats = client.get(reverse("carepaths:statistics")).content.decode()
    assert "Tyypin 2 diabeteksen riski" in stats


def test_a_long_reply_is_refused_not_cut_short(client, personas):
    matti = sign_in(client, "matti")
    client.post(reverse("carepaths:enrol", args=["tyokyky"]))
    path = ClientPath.objects.get(person=matti)
    client.post(reverse("identity:logout"))
    client.login(username="hoitaja.riikka", password="demo-salasana-2026")
    url = reverse("carepaths:professional_path", args=[path.public_id])
    page = client.post(url, {"action": "message", "body": "x" * 4001}, follow=True).content.decode()
    assert "Viesti on liian pitkä: enintään 4000 merkkiä." in page
    assert not path.messages.exists()

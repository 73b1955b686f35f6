"""A finished home visit invites the client to the customer survey (feedback's trigger registry), and the
visits are a section of client 360 for those the access policy lets read them."""

import pytest
from django_tasks_db.models import DBTaskResult

from luukku.desk import services as desk
from luukku.homecare import services
from luukku.homecare.feedback_trigger import visit_event

from . import factories

pytestmark = pytest.mark.django_db


def test_a_finished_visit_schedules_a_survey_invitation_but_a_missed_one_does_not(
    personas, django_capture_on_commit_callbacks
):
    nurse = factories.nurse()
    made = factories.visit_today(factories.client(nurse.unit), nurse)
    missed = factories.visit_today(factories.client(nurse.unit, offset=(0.02, 0.0)), nurse)
    user = nurse.professional.user
    with django_capture_on_commit_callbacks(execute=True):
        services.finish_visit(services.start_visit(made, user), user, [], "")
        services.client_not_home(missed, user, "Ei avannut ovea.")
    assert visit_event(str(made.pk)).ends_at is not None
    assert visit_event(str(missed.pk)) is None
    sent = DBTaskResult.objects.filter(task_path="luukku.feedback.tasks.send_invitation")
    assert [task.args_kwargs["args"] for task in sent] == [["homecare_visit", str(made.pk)]]


def test_client_360_shows_the_visits_to_the_visiting_nurse(personas):
    nurse = factories.nurse()
    visit = factories.visit_today(factories.client(nurse.unit), nurse)
    view = desk.client_360(nurse.professional.user, visit.client.person, "care")
    shown = {section["section"].key: section["items"] for section in view.sections}
    assert visit in shown["homecare"]

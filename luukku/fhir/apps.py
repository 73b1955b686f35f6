from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "luukku.fhir"
    label = "fhir"

    def ready(self) -> None:
        from luukku.booking.events import AppointmentBooked
        from luukku.questionnaires.events import QuestionnaireAnswered
        from luukku.web import events

        from . import writeback

        events.subscribe(AppointmentBooked, "fhir.writeback", writeback.on_appointment_booked)
        events.subscribe(QuestionnaireAnswered, "fhir.writeback", writeback.on_questionnaire_answered)

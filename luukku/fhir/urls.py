from django.urls import path

from . import views

app_name = "fhir"
urlpatterns = [
    path("Schedule/<int:pk>", views.schedule_read, name="schedule"),
    path("Slot", views.slot_search, name="slot_search"),
    path("Slot/<int:pk>", views.slot_read, name="slot"),
    path("Appointment", views.appointment_search, name="appointment_search"),
    path("Appointment/<str:public_id>", views.appointment_read, name="appointment"),
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire"),
    path("QuestionnaireResponse", views.questionnaire_response_search, name="questionnaire_response_search"),
    path(
        "QuestionnaireResponse/<str:public_id>",
        views.questionnaire_response_read,
        name="questionnaire_response",
    ),
    path("CarePlan", views.care_plan_search, name="care_plan_search"),
    path("CarePlan/<str:public_id>", views.care_plan_read, name="care_plan"),
]

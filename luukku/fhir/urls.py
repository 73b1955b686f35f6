from django.urls import path

from . import views

app_name = "fhir"
urlpatterns = [
    path("Schedule/<int:pk>", views.schedule_read, name="schedule"),
    path("Slot", views.slot_search, name="slot_search"),
    path("Slot/<int:pk>", views.slot_read, name="slot"),
    path("Appointment", views.appointment_search, name="appointment_search"),
    path("Appointment/<str:public_id>", views.appointment_read, name="appointment"),
]

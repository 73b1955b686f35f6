from django.urls import path

from . import views

app_name = "booking"
urlpatterns = [
    path("ajanvaraus/", views.service_list, name="services"),
    path("ajanvaraus/omat/", views.my_appointments, name="mine"),
    path("ajanvaraus/palvelu/<slug:code>/", views.service_times, name="times"),
    path("ajanvaraus/aika/<int:slot_id>/", views.confirm, name="confirm"),
    path("ajanvaraus/varaus/<uuid:public_id>/", views.detail, name="detail"),
    path("ajanvaraus/varaus/<uuid:public_id>/peru/", views.cancel, name="cancel"),
    path("ajanvaraus/varaus/<uuid:public_id>/kalenteri.ics", views.ics, name="ics"),
    path("ajanvaraus/hallinnoi/<str:token>/", views.manage, name="manage"),
    path("ajanvaraus/hallinnoi/<str:token>/peru/", views.cancel_by_token, name="cancel_by_token"),
    path("ajanvaraus/hallinnoi/<str:token>/kalenteri.ics", views.ics_by_token, name="ics_by_token"),
    path("ammattilainen/kalenteri/", views.professional_calendar, name="professional_calendar"),
    path("ammattilainen/kalenteri/aika/<int:slot_id>/varaa/", views.book_for_client, name="book_for_client"),
]

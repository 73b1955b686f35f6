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
    # A booking made without identification: its code never appears in a path (access logs), see manage_open.
    path("ajanvaraus/hallinnoi/", views.manage_open, name="manage_open"),
    path("ajanvaraus/hallinnoi/<uuid:public_id>/", views.manage, name="manage"),
    path("ajanvaraus/hallinnoi/<uuid:public_id>/peru/", views.manage_cancel, name="manage_cancel"),
    path("ajanvaraus/hallinnoi/<uuid:public_id>/kalenteri.ics", views.manage_ics, name="manage_ics"),
    path("ammattilainen/kalenteri/", views.professional_calendar, name="professional_calendar"),
    path("ammattilainen/kalenteri/aika/<int:slot_id>/varaa/", views.book_for_client, name="book_for_client"),
]

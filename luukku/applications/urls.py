from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("hakemukset/", views.application_list, name="list"),
    path("hakemukset/uusi/<slug:key>/", views.begin, name="begin"),
    path("hakemukset/kuittaus/<uuid:public_id>/", views.receipt, name="receipt"),
    path("hakemukset/<uuid:public_id>/", views.detail, name="detail"),
    path("hakemukset/<uuid:public_id>/paatos/", views.decision_pdf, name="decision_pdf"),
    path("hakemukset/liite/<uuid:public_id>/", views.attachment, name="attachment"),
    path("ammattilainen/hakemukset/", views.queue, name="queue"),
    path("ammattilainen/hakemukset/<uuid:public_id>/", views.handle, name="handle"),
]

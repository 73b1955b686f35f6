from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("viestit/", views.inbox, name="list"),
    path("viestit/asetukset/", views.preferences, name="preferences"),
    path("viestit/<uuid:public_id>/", views.thread_view, name="thread"),
    path("viestit/kirje/<uuid:public_id>/", views.letter, name="letter"),
    path("viestit/liite/<uuid:public_id>/", views.attachment, name="attachment"),
    path("ammattilainen/viestit/<uuid:public_id>/", views.professional_thread, name="professional_thread"),
]

from django.urls import path

from . import views

app_name = "questionnaires"
urlpatterns = [
    path("lomakkeet/", views.forms_list, name="list"),
    path("lomakkeet/<slug:key>/aloita/", views.begin, name="begin"),
    path("lomakkeet/vastaus/<uuid:public_id>/", views.fill, name="fill"),
    path("lomakkeet/vastaus/<uuid:public_id>/valmis/", views.done, name="done"),
    path(
        "ammattilainen/lomakkeet/<uuid:public_id>/", views.professional_response, name="professional_response"
    ),
    path("ammattilainen/saapuneet/", views.inbox, name="inbox"),
    path("ammattilainen/lomaketilastot/", views.statistics, name="statistics"),
]

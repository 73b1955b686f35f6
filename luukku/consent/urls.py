from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("oma/suostumukset/", views.consents, name="list"),
    path("oma/suostumukset/<int:pk>/peru/", views.revoke, name="revoke"),
    path("oma/omat-tiedot/", views.my_data, name="my_data"),
]

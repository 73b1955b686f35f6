from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("tietosuoja/", views.privacy_index, name="privacy_index"),
    path("tietosuoja/<slug:register>/", views.privacy_notice, name="privacy_notice"),
    path("ammattilainen/arkistointi/", views.desk, name="desk"),
]

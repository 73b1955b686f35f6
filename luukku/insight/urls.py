from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("ammattilainen/tietojohtaminen/", views.dashboard, name="dashboard"),
    path("ammattilainen/tietojohtaminen/ennusteet/", views.workforce, name="workforce"),
    path("ammattilainen/tietojohtaminen/<slug:key>.csv", views.download_csv, name="download_csv"),
    path("ammattilainen/tietojohtaminen/<slug:key>.xlsx", views.download_xlsx, name="download_xlsx"),
    path("ammattilainen/yhteydenotto/", views.log_contact, name="log_contact"),
]

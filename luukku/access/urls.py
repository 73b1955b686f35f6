from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("oma/lokitiedot/", views.my_access_log, name="access_log"),
    path("ammattilainen/etusivu/", views.professional_home, name="professional_home"),
    path("ammattilainen/asiakas/<uuid:public_id>/", views.client_basic_data, name="client"),
    path("ammattilainen/lokitarkastus/", views.audit_log, name="audit_log"),
]

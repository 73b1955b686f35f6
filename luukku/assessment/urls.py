from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("hoidon-tarve/", views.start_page, name="start"),
    path("hoidon-tarve/aloita/", views.start, name="begin"),
    path("hoidon-tarve/tulos/<uuid:public_id>/", views.result, name="result"),
    path("ammattilainen/hoidon-tarve/", views.by_phone, name="by_phone"),
]

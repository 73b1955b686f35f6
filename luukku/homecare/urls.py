from django.urls import path

from . import views

app_name = "homecare"
urlpatterns = [
    path("ammattilainen/kotihoito/paiva/", views.day, name="day"),
    path("ammattilainen/kotihoito/kaynti/<uuid:public_id>/", views.visit_view, name="visit"),
    path("ammattilainen/kotihoito/suunnittelu/", views.planner, name="planner"),
    path("oma/kotihoito/", views.my_homecare, name="mine"),
]

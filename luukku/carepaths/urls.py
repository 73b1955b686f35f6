from django.urls import path

from . import views

app_name = "carepaths"
urlpatterns = [
    path("hoitopolut/", views.path_list, name="list"),
    path("hoitopolut/aloita/<slug:code>/", views.enrol, name="enrol"),
    path("hoitopolut/<uuid:public_id>/", views.path_view, name="path"),
    path("hoitopolut/<uuid:public_id>/tehtava/<int:task_id>/", views.task_view, name="task"),
    path("ammattilainen/hoitopolut/", views.team_view, name="team"),
    path("ammattilainen/hoitopolut/tilastot/", views.statistics, name="statistics"),
    path("ammattilainen/hoitopolut/<uuid:public_id>/", views.professional_path, name="professional_path"),
]

from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("palvelut/", views.search_page, name="search"),
    path("palvelut/<uuid:public_id>/", views.detail, name="detail"),
]

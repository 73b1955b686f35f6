from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.front, name="front"),
    path("favicon.ico", views.favicon, name="favicon"),
]

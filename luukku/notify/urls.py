from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [path("viestit/lahteneet/", views.outbox_view, name="outbox")]

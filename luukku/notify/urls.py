from django.conf import settings
from django.urls import path

from . import views

app_name = "notify"
# The demo's outbox page shows every message sent: it is not even routed outside the demo.
urlpatterns = [path("viestit/lahteneet/", views.outbox_view, name="outbox")] if settings.DEMO else []

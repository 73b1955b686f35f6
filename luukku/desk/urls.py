from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("soittopyynto/", views.call_back, name="call_back"),
    path("ammattilainen/tyojono/", views.work_queue, name="queue"),
    path("ammattilainen/tyojono/<int:pk>/", views.item_view, name="item"),
    path("ammattilainen/tyojono/<int:pk>/ota/", views.claim_from_queue, name="claim"),
    path("ammattilainen/asiakas360/<uuid:public_id>/", views.client_360, name="client"),
]

from django.urls import path, re_path

from . import views
from .registry import REGISTRY

app_name = "fhir"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path(".well-known/smart-configuration", views.smart_configuration, name="smart_configuration"),
    path("auth/token", views.smart_token, name="smart_token"),
]
for _handler in REGISTRY.values():
    urlpatterns += [
        path(_handler.type, views.type_view(_handler), name=f"{_handler.url_name}_search"),
        path(f"{_handler.type}/<str:resource_id>", views.instance_view(_handler), name=_handler.url_name),
    ]
urlpatterns += [
    path("", views.unknown, name="base"),
    re_path(r"^(?P<rest>.+)$", views.unknown, name="unknown"),
]

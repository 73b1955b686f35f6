from django.urls import path

from . import views

app_name = "scim"
urlpatterns = [
    path("ServiceProviderConfig", views.service_provider_config, name="service_provider_config"),
    path("ResourceTypes", views.resource_types, name="resource_types"),
    path("ResourceTypes/<str:name>", views.resource_type, name="resource_type"),
    path("Schemas", views.schema_list, name="schemas"),
    path("Schemas/<str:urn>", views.schema, name="schema"),
    path("Users", views.users, name="users"),
    path("Users/<str:resource_id>", views.user, name="user"),
    path("Groups", views.groups, name="groups"),
    path("Groups/<str:resource_id>", views.group, name="group"),
]

from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "luukku.fhir"
    label = "fhir"

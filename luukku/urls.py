from django.contrib import admin
from django.urls import include, path

from .api import api

handler400 = "luukku.web.views.bad_request"
handler403 = "luukku.web.views.permission_denied"
handler404 = "luukku.web.views.not_found"
handler500 = "luukku.web.views.server_error"

urlpatterns = [
    path("", include("luukku.web.urls")),
    path("", include("luukku.serving.urls")),
    path("", include("luukku.identity.urls")),
    path("", include("luukku.access.urls")),
    path("", include("luukku.booking.urls")),
    path("", include("luukku.questionnaires.urls")),
    path("", include("luukku.carepaths.urls")),
    path("", include("luukku.consent.urls")),
    path("", include("luukku.desk.urls")),
    path("", include("luukku.chat.urls")),
    path("", include("luukku.assessment.urls")),
    path("", include("luukku.notify.urls")),
    path("", include("luukku.inbox.urls")),
    path("", include("luukku.payments.urls")),
    path("", include("luukku.vouchers.urls")),
    path("", include("luukku.directory.urls")),
    path("", include("luukku.feedback.urls")),
    path("", include("luukku.records.urls")),
    path("", include("luukku.assistant.urls")),
    path("", include("luukku.applications.urls")),
    path("", include("luukku.homecare.urls")),
    path("", include("luukku.insight.urls")),
    path("kieli/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("fhir/", include("luukku.fhir.urls")),
    path("scim/v2/", include("luukku.identity.scim.urls")),
    path("yllapito/", admin.site.urls),
]

from django.http import HttpRequest
from ninja import NinjaAPI

from luukku.access.api import router as access_router
from luukku.applications.api import router as applications_router
from luukku.assistant.api import router as assistant_router
from luukku.booking.api import router as booking_router
from luukku.directory.api import router as directory_router
from luukku.homecare.api import router as homecare_router
from luukku.identity.api import router as identity_router
from luukku.inbox.api import router as inbox_router
from luukku.payments.api import router as payments_router
from luukku.records.api import router as records_router
from luukku.registry.api import router as registry_router
from luukku.vouchers.api import router as vouchers_router
from luukku.web import api_csrf, api_errors
from luukku.web.throttle import Throttled, with_retry_after

api = NinjaAPI(
    title="Luukku API",
    version="1",
    docs_url="/docs",
    description="JSON API of the Luukku platform. Session-authenticated; FHIR R4 lives under /fhir/. "
    "A state-changing call made with the session cookie sends the CSRF token in the X-CSRFToken header.",
    docs=api_csrf.SessionSwagger(),
)
api.add_decorator(api_csrf.session_csrf, mode="view")
api_errors.install(api)
api.add_router("/identity", identity_router)
api.add_router("/identity", access_router)
api.add_router("/registry", registry_router)
api.add_router("/booking", booking_router)
api.add_router("/inbox", inbox_router)
api.add_router("/payments", payments_router)
api.add_router("/directory", directory_router)
api.add_router("/records", records_router)
api.add_router("/assistant", assistant_router)
api.add_router("/applications", applications_router)
api.add_router("/vouchers", vouchers_router)
api.add_router("/homecare", homecare_router)


@api.exception_handler(PermissionError)
def permission_error(request: HttpRequest, exc: PermissionError):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled):
    """429 with Retry-After, and when to try again in the caller's language."""
    body = {"detail": exc.message, "retry_after": exc.retry_after}
    return with_retry_after(api.create_response(request, body, status=429), exc)

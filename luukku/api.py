from django.http import HttpRequest
from ninja import NinjaAPI

from luukku.access.api import router as access_router
from luukku.booking.api import router as booking_router
from luukku.identity.api import router as identity_router
from luukku.registry.api import router as registry_router

api = NinjaAPI(
    title="Luukku API",
    version="1",
    docs_url="/docs",
    description="JSON API of the Luukku platform. Session-authenticated; FHIR R4 lives under /fhir/.",
)
api.add_router("/identity", identity_router)
api.add_router("/identity", access_router)
api.add_router("/registry", registry_router)
api.add_router("/booking", booking_router)


@api.exception_handler(PermissionError)
def permission_error(request: HttpRequest, exc: PermissionError):
    return api.create_response(request, {"detail": str(exc)}, status=403)

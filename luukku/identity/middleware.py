from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .services import current_acting_for


class ActingForMiddleware:
    """Sets `request.acting_for`: whose matters the signed-in resident handles in this request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.acting_for = SimpleLazyObject(lambda: current_acting_for(request))
        return self.get_response(request)

"""SCIM errors (RFC 7644 § 3.12): the Error message with an HTTP status and, for 400s, a scimType."""

import json

from django.http import HttpResponse

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
CONTENT_TYPE = "application/scim+json; charset=utf-8"


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type

    def response(self) -> HttpResponse:
        body = {"schemas": [ERROR_SCHEMA], "status": str(self.status), "detail": str(self.detail)}
        if self.scim_type:
            body["scimType"] = self.scim_type
        response = HttpResponse(json.dumps(body), status=self.status, content_type=CONTENT_TYPE)
        if self.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="scim"'
        return response

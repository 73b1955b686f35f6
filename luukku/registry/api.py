import datetime as dt

from ninja import Router, Schema

from luukku.web.api_errors import errors
from luukku.web.api_fields import Text
from luukku.web.routes import Audience, route

from .hetu import InvalidHetu, parse

router = Router(tags=["registry"])


class HetuIn(Schema):
    hetu: Text(32)  # a code is 11 characters; surrounding space is allowed


class HetuCheck(Schema):
    valid: bool
    birth_date: dt.date | None = None
    error: str | None = None


@route(Audience.PUBLIC, "none")
@router.post("/hetu/check", response={200: HetuCheck, **errors(400, 403, 422)}, auth=None)
def check_hetu(request, payload: HetuIn) -> HetuCheck:
    """Validate a personal identity code (format, date and check character); nothing is stored or logged."""
    try:
        parsed = parse(payload.hetu)
    except InvalidHetu as error:
        return HetuCheck(valid=False, error=str(error.message))
    return HetuCheck(valid=True, birth_date=parsed.birth_date)

from django.http import HttpRequest


def remember(request: HttpRequest, key: str, value: str, keep: int) -> None:
    """Add `value` to a list in the session, keeping the latest `keep` (an anonymous visitor's own items)."""
    request.session[key] = [*request.session.get(key, [])[-(keep - 1) :], value]

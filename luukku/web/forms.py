from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """POST data to bind a form to (also when empty, so an empty submit is validated), else None."""
    return request.POST if request.method == "POST" else None

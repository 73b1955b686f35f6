"""What other apps tell questionnaires, from their AppConfig.ready()."""

_result_pages: dict[str, str] = {}


def register_result_page(key: str, url_name: str) -> None:
    """Forms whose outcome has a page of its own in another app: that URL takes the response's id."""
    _result_pages[key] = url_name


def result_page(key: str) -> str | None:
    return _result_pages.get(key)

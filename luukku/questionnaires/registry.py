"""What other apps tell questionnaires, from their AppConfig.ready()."""

from collections.abc import Callable

_result_pages: dict[str, str] = {}
_service_event_sources: dict[str, Callable[[str], str | None]] = {}


def register_result_page(key: str, url_name: str) -> None:
    """Forms whose outcome has a page of its own in another app: that URL takes the response's id."""
    _result_pages[key] = url_name


def result_page(key: str) -> str | None:
    return _result_pages.get(key)


def register_service_event_source(prefix: str, service_event: Callable[[str], str | None]) -> None:
    """A form activated for something of another app ("appointment:<id>") belongs to that thing's
    service event: a minor who decides alone about the appointment decides about its form too."""
    _service_event_sources[prefix] = service_event


def service_event_of(source: str) -> str | None:
    prefix, _sep, source_id = source.partition(":")
    resolve = _service_event_sources.get(prefix)
    return resolve(source_id) if resolve else None

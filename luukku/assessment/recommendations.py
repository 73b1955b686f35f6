"""Where a recommendation of the assessment points in the resident's own municipality.

Apps that know concrete services (the service directory) register a provider from their AppConfig.ready();
this app imports none of them. A provider gets the route kind ("hyte", "self_care") and the resident's
home municipality code ("" when unknown) and returns links: dicts with `title`, `url` and `summary`.
"""

from collections.abc import Callable

Provider = Callable[[str, str], list[dict]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def links(kind: str, municipality_code: str) -> list[dict]:
    return [link for provider in _providers for link in provider(kind, municipality_code)]

"""The resource handlers of the FHIR server: one source of truth for the URL patterns, the views, the
search parsing and the CapabilityStatement. A handler names its resource type, profile, who it is for,
its search parameters and sorts, and the two functions that read and search."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from .protocol import Stamped
from .search import Query


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # search.STRING, TOKEN, REFERENCE, DATE
    documentation: str


@dataclass(frozen=True)
class Page:
    """One page of a search's results and the number of all results the caller may see."""

    resources: list[Stamped]
    total: int


@dataclass(frozen=True)
class Handler:
    type: str
    profile: str
    audience: str  # web.routes.Audience
    category: str  # web.routes.ROUTE_CATEGORIES
    url_name: str  # the read's URL name; the search's is f"{url_name}_search"
    documentation: str
    read: Callable[[HttpRequest, str], Stamped | None]
    search: Callable[[HttpRequest, Query], Page] | None = None
    params: tuple[Param, ...] = ()
    sorts: tuple[str, ...] = ()
    required: tuple[str, ...] = field(default=())  # one of these must be given (client data: the patient)
    create: Callable[[HttpRequest, object], Stamped] | None = None  # the parsed JSON body; raises Refused
    delete: Callable[[HttpRequest, str], bool] | None = None  # False: not known (or not the caller's)
    machine_only: bool = False  # only SMART machine clients (a bearer token), never a session

    @property
    def interactions(self) -> list[str]:
        found = ["read", "search-type"] if self.search else ["read"]
        return found + (["create"] if self.create else []) + (["delete"] if self.delete else [])

    @property
    def declared(self) -> dict[str, str]:
        return {p.name: p.type for p in self.params}


class Refused(ValueError):
    """A create that cannot be accepted: answered with an OperationOutcome of this status and code."""

    def __init__(self, message: str, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.code, self.status = code, status


REGISTRY: dict[str, Handler] = {}


def register(handler: Handler) -> Handler:
    REGISTRY[handler.type] = handler
    return handler

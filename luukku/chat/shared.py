"""What a resident brings into a chat from elsewhere (Omaolo-style): e.g. the answers of a care-need
assessment, so the nurse does not ask everything again.

An app registers a source from its AppConfig.ready(): a key posted with the chat's start button and a
`snapshot(request, value)` that checks the resident may share that thing (their own, or this
browser's) and returns it as {"title": str, "rows": [{"question", "answer"} or {"heading"}]}, or None.
The snapshot is stored in the conversation's context, as the resident saw it when starting the chat.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

Snapshot = Callable[[HttpRequest, str], dict | None]

_sources: dict[str, Snapshot] = {}
MAX_ROWS = 60
MAX_TEXT = 500


def register_source(key: str, snapshot: Snapshot) -> None:
    _sources[key] = snapshot


def _clean(shared: dict) -> dict:
    rows = []
    for row in shared.get("rows", [])[:MAX_ROWS]:
        rows.append({k: str(v)[:MAX_TEXT] for k, v in row.items() if k in ("question", "answer", "heading")})
    return {"title": str(shared.get("title", ""))[:MAX_TEXT], "rows": rows}


def collect(request: HttpRequest) -> list[dict]:
    """The shared things posted with the start button that this request may share (others are left out)."""
    collected = []
    for key, snapshot in _sources.items():
        value = request.POST.get(key, "")
        if not value:
            continue
        try:
            shared = snapshot(request, value[:100])
        except (PermissionDenied, Http404):
            continue
        if shared:
            collected.append(_clean(shared))
    return collected

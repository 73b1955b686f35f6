"""Letter documents: an app whose letter is a document of its own (a decision signed with PAdES) gives
the inbox that document instead of the PDF the inbox would render from the message's text.

An app registers `register_letter_document(prefix, document)` from its AppConfig.ready(); `prefix` is the
part of the message's `dedupe_key` before the colon, and `document(message)` returns the PDF's bytes, or
None to let the inbox render the message as usual.
"""

from collections.abc import Callable

_documents: dict[str, Callable[[object], bytes | None]] = {}


def register_letter_document(prefix: str, document: Callable[[object], bytes | None]) -> None:
    _documents[prefix] = document


def document_for(message) -> bytes | None:
    """The registered document of a message, if its app has one."""
    prefix = (message.dedupe_key or "").partition(":")[0]
    document = _documents.get(prefix)
    return document(message) if document else None

"""Headers for files sent as downloads."""

import re
import unicodedata
from urllib.parse import quote


def attachment_disposition(filename: str) -> str:
    """`Content-Disposition: attachment` with an ASCII-only `filename` (quotes, slashes and control
    characters replaced) for old clients and the exact name as RFC 6266/5987 `filename*`."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("._") or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"

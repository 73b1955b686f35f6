"""The initial topic libraries (TOML, one file per area), loaded by the demo seeder and the tests.

Each `[[topic]]` has `key`, `owner` (an OrgUnit code), optional `queue` (the chat queue to hand over
to), `symptom` (points to the care-need assessment) and one table per language (`fi`, `sv`, `en`) with
`title`, `phrasings` (ways residents ask), `answer` and `links` ([label, url] pairs).
"""

import tomllib
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = ("fi", "sv", "en")


def topic_files() -> list[Path]:
    return sorted(HERE.glob("*.toml"))


def load() -> list[dict]:
    """Every topic of every library, with its area (the file's name)."""
    topics = []
    for path in topic_files():
        with path.open("rb") as stream:
            for topic in tomllib.load(stream).get("topic", []):
                topics.append({**topic, "area": path.stem})
    return topics

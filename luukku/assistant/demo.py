"""Demo data: the knowledge base of Assi, published, from the topic libraries in knowledge/."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from luukku.identity.models import OrgUnit

from . import knowledge
from .models import Topic

REVIEW_MONTHS = 12


@transaction.atomic
def seed_knowledge() -> str:
    """Create or refresh every library topic as published (idempotent; edits made in the UI to a topic
    that the libraries also have are overwritten, as the demo is reset)."""
    units = {u.code: u for u in OrgUnit.objects.all()}
    review = timezone.localdate() + dt.timedelta(days=30 * REVIEW_MONTHS)
    now = timezone.now()
    existing = {(t.key, t.language): t for t in Topic.objects.all()}
    created = updated = 0
    for topic in knowledge.load():
        owner = units.get(topic["owner"]) or units["kanta-hame"]
        for language in knowledge.LANGUAGES:
            content = topic[language]
            values = {
                "area": topic["area"],
                "title": content["title"],
                "phrasings": "\n".join(content["phrasings"]),
                "answer": content["answer"].strip(),
                "links": [list(link) for link in content.get("links", [])],
                "owner_unit": owner,
                "review_date": review,
                "status": Topic.Status.PUBLISHED,
                "symptom": topic.get("symptom", False),
                "handover_queue": topic.get("queue", ""),
                "updated_at": now,
                "published_at": now,
            }
            current = existing.get((topic["key"], language))
            if current is None:
                Topic.objects.create(key=topic["key"], language=language, **values)
                created += 1
            else:
                for name, value in values.items():
                    setattr(current, name, value)
                current.save()
                updated += 1
    return f"assistant: {created} topics created, {updated} refreshed"

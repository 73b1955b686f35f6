"""The search index: PostgreSQL full-text (finnish/swedish/english) + pg_trgm, or SQLite FTS5 (see search.py)."""

from django.db import migrations

from luukku.directory import search


def create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": search.POSTGRES_SETUP, "sqlite": search.SQLITE_SETUP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": search.POSTGRES_TEARDOWN, "sqlite": search.SQLITE_TEARDOWN}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

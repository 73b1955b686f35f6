import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luukku.directory import ptv
from luukku.identity.models import OrgUnit


class Command(BaseCommand):
    help = "Import services from a PTV open-API (v11) export: {services: [...], serviceChannels: [...]}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--unit", help="code of the county's unit that gives the county's own services")

    def handle(self, *args, path: Path, unit: str | None = None, **options) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        org_unit = None
        if unit:
            org_unit = OrgUnit.objects.filter(code=unit).first()
            if org_unit is None:
                raise CommandError(f"no unit {unit!r}")
        try:
            imported = ptv.import_export(data, org_unit)
        except (ptv.PtvError, KeyError, ValueError) as error:
            raise CommandError(f"not a PTV export: {error}") from error
        self.stdout.write(f"{len(imported)} services imported")

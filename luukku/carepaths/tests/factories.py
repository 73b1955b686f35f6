"""Care paths' test factories: a path started for a client from a template of the shared test county."""

from django.contrib.auth.models import AbstractBaseUser

from luukku.carepaths import services
from luukku.carepaths.models import ClientPath, PathTemplate
from luukku.identity.models import Resident


def self_enrolling_template(with_team: bool = True) -> PathTemplate:
    templates = PathTemplate.objects.filter(self_enrolling=True, active=True)
    if with_team:
        templates = templates.filter(team__isnull=False)
    return templates.order_by("code").first()


def care_path(
    person: Resident,
    template: str | PathTemplate | None = None,
    started_by: AbstractBaseUser | None = None,
    by_professional: bool = False,
) -> ClientPath:
    """The client's path, started by the client (default) or by a professional."""
    if template is None:
        template = self_enrolling_template()
    elif isinstance(template, str):
        template = PathTemplate.objects.get(code=template)
    return services.start_path(template, person, started_by or person.user, by_professional=by_professional)

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Translated(models.Model):
    """Finnish name and description with Swedish and English versions."""

    name = models.CharField(_("name (fi)"), max_length=150)
    name_sv = models.CharField(_("name (sv)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (en)"), max_length=150, blank=True)
    description = models.TextField(_("description (fi)"), blank=True)
    description_sv = models.TextField(_("description (sv)"), blank=True)
    description_en = models.TextField(_("description (en)"), blank=True)

    class Meta:
        abstract = True

    def _pick(self, field: str) -> str:
        language = (get_language() or "fi")[:2]
        if language in {"sv", "en"}:
            return getattr(self, f"{field}_{language}") or getattr(self, field)
        return getattr(self, field)

    @property
    def local_name(self) -> str:
        return self._pick("name")

    @property
    def local_description(self) -> str:
        return self._pick("description")

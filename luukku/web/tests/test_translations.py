"""Every resident-facing text exists in Finnish and Swedish, and the compiled catalogues are current."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert catalogue.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        else:
            assert catalogue.gettext(entry.msgid) == entry.msgstr, "run manage.py compilemessages"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in po.translated_entries():
        for placeholder in (
            "%(name)s",
            "%(age)s",
            "%(count)d",
            "%(role)s",
            "%(unit)s",
            "%(hours)s",
            "%(free)s",
            "%(min_age)s",
            "%(max_age)s",
            "%(when)s",
            "{service}",
            "{when}",
            "{where}",
            "{deadline}",
        ):
            if placeholder in entry.msgid:
                assert placeholder in (entry.msgstr or entry.msgstr_plural[0]), entry.msgid

"""The interface is Dutch first: every source string has a Dutch translation."""

import polib
import pytest
from django.conf import settings

NL_PO = settings.PROJECT_ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def dutch_catalog():
    return polib.pofile(str(NL_PO))


def test_every_string_has_a_dutch_translation(dutch_catalog):
    missing = [entry.msgid for entry in dutch_catalog.untranslated_entries()]
    assert not missing, f"{len(missing)} strings without Dutch translation, e.g. {missing[:10]}"


def test_no_translation_is_left_fuzzy(dutch_catalog):
    fuzzy = [entry.msgid for entry in dutch_catalog.fuzzy_entries()]
    assert not fuzzy, f"Fuzzy (unchecked) translations: {fuzzy[:10]}"

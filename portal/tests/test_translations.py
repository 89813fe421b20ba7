"""The Vietnamese catalog is complete, compiles without gettext, and the language switch works."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PO_PATH = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]?\d*(?:\.\d+)?[sdifr%]")


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(PO_PATH))


def test_header_is_vietnamese_and_not_fuzzy(catalog):
    assert not catalog.metadata_is_fuzzy
    assert catalog.metadata["Language"] == "vi"
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=1;")


def test_every_entry_is_translated_and_not_fuzzy(catalog):
    entries = [entry for entry in catalog if not entry.obsolete]
    assert len(entries) > 100
    problems = [entry.msgid for entry in entries if "fuzzy" in entry.flags or not entry.translated()]
    assert problems == []


def test_translations_keep_the_placeholders(catalog):
    problems = []
    for entry in catalog:
        if entry.obsolete or not entry.translated():
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            if sorted(PLACEHOLDER.findall(translation)) != expected:
                problems.append((entry.msgid, translation))
    assert problems == []


def test_compile_translations_writes_mo_files():
    mo_path = PO_PATH.with_suffix(".mo")
    call_command("compile_translations", verbosity=0)
    assert mo_path.exists()
    assert len(polib.mofile(str(mo_path))) > 100


@pytest.mark.django_db
def test_home_page_in_vietnamese_then_in_english(client):
    call_command("compile_translations", verbosity=0)
    page = client.get("/").content.decode()
    assert '<html lang="vi"' in page
    assert "Tra cứu thủ tục và nộp hồ sơ trực tuyến" in page
    assert "Find a procedure and apply online" not in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    page = client.get("/").content.decode()
    assert '<html lang="en"' in page
    assert "Find a procedure and apply online" in page
    assert "Tra cứu thủ tục và nộp hồ sơ trực tuyến" not in page

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tra cứu thủ tục và nộp hồ sơ trực tuyến" in client.get("/").content.decode()


@pytest.mark.django_db
def test_vietnamese_content_in_the_english_pages_is_marked_lang_vi(client):
    import re

    from catalog.tests.factories import procedure_with_details

    procedure = procedure_with_details(service_level=4, requirements="Có năng lực hành vi dân sự đầy đủ.")
    page = client.get(f"/thu-tuc/{procedure.code}/").content.decode()
    assert 'lang="vi"' not in page.split("<body", 1)[1].replace('value="vi" lang="vi"', "")  # all Vietnamese

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/thu-tuc/{procedure.code}/").content.decode()
    assert re.search(r'<h1 class="procedure__name"><span lang="vi">' + re.escape(procedure.name), page)
    assert re.search(r'<div lang="vi"><p>Có năng lực hành vi dân sự', page)
    for component in procedure.components.all():
        assert f'<span lang="vi">{component.name}</span>' in page
    results = client.get("/thu-tuc/", {"q": procedure.name}).content.decode()
    assert f'<span lang="vi">{procedure.name}</span>' in results


def test_translatable_words_are_marked_so_that_makemessages_finds_them():
    """makemessages reads ``_``, ``gettext``, ``gettext_lazy``, … by name: a string wrapped in an alias of
    them (``gettext as _gettext``) would never reach the .po file and show in English."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    alias = re.compile(
        r"import\s+(?:[\w, ]+,\s*)?(n?gettext(?:_lazy)?|pgettext(?:_lazy)?)\s+as\s+(?!_\b)(\w+)"
    )
    found = []
    for path in root.rglob("*.py"):
        if ".venv" in path.parts or "var" in path.parts or "migrations" in path.parts:
            continue
        for match in alias.finditer(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert found == []

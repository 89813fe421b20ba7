"""Compile every project ``.po`` catalog to ``.mo`` with polib, so no gettext install is needed.

Compiled ``.mo`` files are not committed; ``make run``, ``make test`` and the test suite run this.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation.reloader import translation_file_changed


def project_locale_dirs() -> list[Path]:
    """LOCALE_PATHS plus the ``locale`` folder of every app that lives inside the project."""
    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(p).resolve() for p in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        app_locale = (Path(config.path) / "locale").resolve()
        if app_locale.is_relative_to(base) and ".venv" not in app_locale.parts:
            dirs.append(app_locale)
    unique = []
    for directory in dirs:
        if directory.is_dir() and directory not in unique:
            unique.append(directory)
    return unique


def catalog_problems(po: polib.POFile) -> list[str]:
    """Entries that are untranslated or fuzzy (obsolete ones are ignored)."""
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po of the project to .mo (pure Python, with polib)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail when an entry is untranslated or fuzzy.",
        )

    def handle(self, *args, check=False, **options):
        compiled = 0
        problems = []
        for locale_dir in project_locale_dirs():
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                problems += [f"{po_path}: {problem}" for problem in catalog_problems(po)]
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(str(po_path.with_suffix(".mo")))
        # The running process may already hold the old catalogs (tests compile then render).
        translation_file_changed(sender=None, file_path=Path("compiled.mo"))
        if check and problems:
            raise CommandError("\n".join(problems))
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(_("Compiled %(count)d translation catalogs.") % {"count": compiled})
            )

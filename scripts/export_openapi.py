"""Write the OpenAPI document of the REST API v1 to docs/openapi.json.

Run after changing the API (a test compares the live schema with the committed file):

    .venv/bin/python scripts/export_openapi.py          # write docs/openapi.json
    .venv/bin/python scripts/export_openapi.py --check  # exit 1 when the file is out of date
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "openapi.json"


def openapi_document() -> dict:
    """The schema as /api/v1/openapi.json serves it (same generator, same JSON encoder)."""
    from ninja.responses import NinjaJSONEncoder

    from motcua.api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


def render(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
    import django

    django.setup()
    text = render(openapi_document())
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run {Path(__file__).relative_to(ROOT)}")
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"Wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""REST API v1: one NinjaAPI, each domain app contributing its router."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

api = NinjaAPI(
    title="Motcua API",
    version="1",
    description=(
        "Public catalog of administrative procedures, and the one-stop-shop dossier API of the "
        "Motcua online public service portal."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """422 with a readable message per invalid parameter, never a 500."""
    problems = []
    for error in exc.errors:
        parts = [str(part) for part in error.get("loc", []) if part not in ("query", "path", "body")]
        location = ".".join(parts)
        problems.append({"field": location, "message": error.get("msg", "")})
    message = _("Invalid parameters: %(fields)s") % {"fields": ", ".join(p["field"] or "?" for p in problems)}
    return api.create_response(request, {"message": message, "errors": problems}, status=422)


def _register_routers():
    from catalog.api import router as catalog_router
    from dossiers.api import router as dossier_router
    from portal.api import router as citizen_router

    api.add_router("/", catalog_router)
    api.add_router("/", citizen_router)
    api.add_router("/", dossier_router)


_register_routers()

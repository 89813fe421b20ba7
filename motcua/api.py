"""REST API v1: one NinjaAPI, each domain app contributing its router."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from core.api_errors import problem_message


class ObjectBodyParser(Parser):
    """A JSON body must be an object: a list, a string or a number is refused (400), never read as
    ``{}`` and acted upon."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The request body is not a JSON object.")
        return data


# The refusals any operation may answer, in the one documented shape, whatever it declares itself: an
# unreadable body (400), no credentials (401), a refused role or CSRF check (403), not found (404), a
# body over 5 MB (413), invalid parameters (422), a limit reached (429).
COMMON_REFUSALS = {
    "400": "The request body could not be read, or is not a JSON object.",
    "401": "Sign in, or give an API token.",
    "403": "Not for your role, or the CSRF check failed.",
    "404": "Not found (or not yours: the same answer).",
    "413": "The body is over 5 MB.",
    "422": "Invalid parameters or answers, each field named.",
    "429": "Too many requests from this address: try again later.",
}


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The schema, with :data:`COMMON_REFUSALS` documented on every operation (ErrorBody)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})
        error = {"$ref": "#/components/schemas/ErrorBody"}
        if "ErrorBody" not in schema["components"]["schemas"]:
            from core.api_errors import ErrorBody

            schema["components"]["schemas"]["ErrorBody"] = ErrorBody.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                declared = {str(status) for status in responses}
                for status, description in COMMON_REFUSALS.items():
                    if status not in declared:
                        content = {"application/json": {"schema": error}}
                        responses[int(status)] = {"description": description, "content": content}
        return schema


api = MotcuaAPI(
    parser=ObjectBodyParser(),
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
        problems.append({"field": location, "message": problem_message(error)})
    message = _("Invalid parameters: %(fields)s") % {"fields": ", ".join(p["field"] or "?" for p in problems)}
    return api.create_response(request, {"message": message, "errors": problems}, status=422)


def _refusal(request, status: int, message) -> object:
    return api.create_response(request, {"message": str(message), "errors": []}, status=status)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own refusals (unreadable body, no credentials, CSRF) in the documented shape and words."""
    status = exc.status_code
    if status == 400:
        message = _("The request body must be a JSON object with the documented fields.")
    elif status == 401:
        message = _("Sign in, or give an API token (Authorization: Bearer …).")
    elif status == 403 and "CSRF" in str(exc):
        message = _("The CSRF check failed: reload the page, or use an API token instead of the session.")
    elif status == 403:
        message = _("You may not do this.")
    else:
        message = str(exc)
    return _refusal(request, status, message)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _refusal(request, 404, _("Not found."))


def _register_routers():
    from backoffice.api import router as dossier_router
    from backoffice.api_shipments import router as shipment_router
    from catalog.api import router as catalog_router
    from portal.api import router as citizen_router
    from portal.api_payments import router as payment_router
    from portal.api_shipments import router as my_shipment_router
    from portal.api_verification import router as verification_router
    from stats.api import router as statistics_router

    api.add_router("/", catalog_router)
    api.add_router("/", citizen_router)
    api.add_router("/", dossier_router)
    api.add_router("/", statistics_router)
    api.add_router("/", verification_router)
    api.add_router("/", payment_router)
    api.add_router("/", my_shipment_router)
    api.add_router("/", shipment_router)


_register_routers()

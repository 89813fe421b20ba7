"""How the APIs answer a refusal (``core.errors``): one shape, one mapping, for every router."""

from functools import wraps

from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from .errors import DomainError, Forbidden, Invalid, NotFound


class ErrorItem(Schema):
    field: str = Field(description="The field, e-form key or 'component-<id>'; '__all__' for general ones.")
    message: str


class ErrorBody(Schema):
    message: str
    errors: list[ErrorItem] = []


ERRORS = {400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody}


def error_items(errors: dict[str, list[str]]) -> list[dict]:
    return [
        {"field": field, "message": str(message)}
        for field, messages in errors.items()
        for message in messages
    ]


def domain_errors(handler):
    """422 with the fields at fault, 404 for what does not exist or is not yours, 403 for what this
    account may not do (yet), 409 for "not now"."""

    @wraps(handler)
    def wrapper(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except Invalid as error:
            return Status(422, {"message": error.message, "errors": error_items(error.errors)})
        except NotFound as error:
            return Status(404, {"message": error.message, "errors": []})
        except Forbidden as error:
            return Status(403, {"message": error.message, "errors": []})
        except DomainError as error:
            return Status(409, {"message": error.message, "errors": []})

    return wrapper


def problem_message(error: dict) -> str:
    """A pydantic error in the request's language: our own validators' words as they are, the
    common built-in errors in ours."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", "")) or error.get("msg", "").removeprefix("Value error, ")
    known = {
        "missing": _("Required."),
        "literal_error": _("Choose one of: %(expected)s.") % {"expected": context.get("expected", "")},
        "enum": _("Choose one of: %(expected)s.") % {"expected": context.get("expected", "")},
        "int_parsing": _("Write a whole number."),
        "int_type": _("Write a whole number."),
        "int_from_float": _("Write a whole number."),
        "bool_parsing": _("Write true or false."),
        "bool_type": _("Write true or false."),
        "string_type": _("Write a text."),
        "list_type": _("Give a list."),
        "dict_type": _("Give a JSON object."),
        "model_type": _("Give a JSON object."),
        "model_attributes_type": _("Give a JSON object."),
        "datetime_parsing": _("Write a date and time such as 2026-03-05T09:00:00+07:00."),
        "datetime_type": _("Write a date and time such as 2026-03-05T09:00:00+07:00."),
        "datetime_from_date_parsing": _("Write a date and time such as 2026-03-05T09:00:00+07:00."),
        "string_too_long": _("At most %(max)s characters.") % {"max": context.get("max_length", "")},
        "too_long": _("At most %(max)s items.") % {"max": context.get("max_length", "")},
        "greater_than_equal": _("At least %(min)s.") % {"min": context.get("ge", "")},
        "less_than_equal": _("At most %(max)s.") % {"max": context.get("le", "")},
    }
    return str(known.get(kind, error.get("msg", "")))

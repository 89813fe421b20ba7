"""How the APIs answer a refusal (``core.errors``): one shape, one mapping, for every router."""

from functools import wraps

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

"""The domain's refusals: the project-wide ones of ``core.errors`` (a plain module, no Django app)."""

from core.errors import DomainError, Forbidden, Invalid, NotFound

__all__ = ["DomainError", "Forbidden", "Invalid", "NotFound"]

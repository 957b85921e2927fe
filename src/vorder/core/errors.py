"""Base of every named domain error.

Entry points map a :class:`DomainError` to a clear message (HTTP 4xx, CLI exit code 2);
each error carries a stable ``code`` and a human ``message``; ``field`` names the input at fault.
"""

from __future__ import annotations


class DomainError(Exception):
    """A precondition of the domain does not hold. Never a bug: always the input's fault."""

    code: str = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """The thing asked for does not exist (or belongs to another organisation)."""

    code = "not_found"


class Forbidden(DomainError):
    """The actor may not do this."""

    code = "forbidden"


class Conflict(DomainError):
    """The request conflicts with the current state (duplicate, wrong phase, ...)."""

    code = "conflict"

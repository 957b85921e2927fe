"""Shared helpers for CLI commands: JSON output, one-line errors, exit codes.

Exit codes: 0 success, 2 bad input (also click's usage errors), 1 unexpected failure.
A command that reports data accepts ``--json`` and then prints exactly one JSON document.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NoReturn

import click

from vorder.core.errors import DomainError

EXIT_BAD_INPUT = 2


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(document: Any) -> str:
    return json.dumps(document, default=_default, ensure_ascii=False, indent=2)


def emit_json(document: Any) -> None:
    click.echo(dumps(document))


def fail(message: str, *, as_json: bool = False, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one error line (or ``{"error": ...}``) on stderr and exit."""
    if as_json:
        click.echo(json.dumps({"error": message}, ensure_ascii=False), err=True)
    else:
        click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def domain_errors(*, as_json: bool = False) -> Iterator[None]:
    """Turn a DomainError into a clean exit code 2 with its message; never a traceback."""
    try:
        yield
    except DomainError as exc:
        fail(exc.message, as_json=as_json)


json_option: Callable[[Any], Any] = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document on stdout."
)

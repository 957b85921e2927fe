"""Shared options and helpers of the collection commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from vorder.app import tenancy
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.cli._common import domain_errors, fail
from vorder.core.access import Role

tenant_option = click.option(
    "--tenant", "tenant_slug", required=True, help="The organisation's short name."
)


class DateType(click.ParamType[date, Any]):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date (yyyy-mm-dd)", param, ctx)


def actor_of(c: Container, slug: str, as_json: bool) -> Actor:
    with domain_errors(as_json=as_json):
        tenant = tenancy.tenant_by_slug(c.uow, slug)
    return Actor("system", 0, "cli", tenant.id, Role.OWNER)


def read_text(path: str, as_json: bool) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}", as_json=as_json)

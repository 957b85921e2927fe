"""Building the container for a CLI command, with configuration errors as clean exits."""

from __future__ import annotations

from vorder.bootstrap import Container, build
from vorder.cli._common import fail
from vorder.config import ConfigError, load_settings


def container(
    *, check_secrets: bool = False, as_json: bool = False, **overrides: object
) -> Container:
    try:
        settings = load_settings(**overrides)
        return build(settings, check_secrets=check_secrets)
    except ConfigError as exc:
        fail(str(exc), as_json=as_json)

"""The ``vorder`` command. Each sub-command makes exactly one application call."""

from __future__ import annotations

import click

from vorder import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vorder")
def cli() -> None:
    """Vorder: digital credit management and debt collection."""


def _register() -> None:
    # One line per command group; the modules stay small and separate.
    from vorder.cli import law

    cli.add_command(law.law)


def main() -> None:
    _register()
    cli(prog_name="vorder")

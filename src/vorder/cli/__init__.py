"""The ``vorder`` command. Each sub-command makes exactly one application call."""

from __future__ import annotations

import os
import sys

import click
import sqlalchemy as sa

from vorder import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vorder")
def cli() -> None:
    """Vorder: digital credit management and debt collection.

    Configuration comes from VORDER_* environment variables (see docs/operations.md);
    VORDER_DATABASE_URL names the database (default: sqlite:///var/vorder.db).
    """


def _register() -> None:
    # One line per command module; each module stays small and separate.
    from vorder.cli import collection, demo, ledger, platform, serve

    for command in [*platform.COMMANDS, *serve.COMMANDS, *demo.COMMANDS, *ledger.COMMANDS]:
        cli.add_command(command)
    for command in collection.COMMANDS:  # strategies, collection, run
        cli.add_command(command)
    try:
        from vorder.cli import law
    except ImportError:  # the law commands are being written
        pass
    else:
        cli.add_command(law.law)


def main() -> None:
    """Run the CLI; failures become one line on stderr with an exit code, never a traceback."""
    _register()
    try:
        cli.main(prog_name="vorder", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except sa.exc.SQLAlchemyError as exc:
        if os.environ.get("VORDER_DEBUG"):
            raise
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        click.echo(
            f"error: database: {detail} (is the database reachable and migrated? "
            "run `vorder migrate`)",
            err=True,
        )
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("VORDER_DEBUG"):
            raise
        click.echo(
            f"error: unexpected failure ({type(exc).__name__}: {exc}); "
            "set VORDER_DEBUG=1 to see details",
            err=True,
        )
        sys.exit(1)

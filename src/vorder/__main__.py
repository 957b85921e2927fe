"""``python -m vorder`` runs the CLI."""

from vorder.cli import main

main()

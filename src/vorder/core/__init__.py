"""The pure core: plain Python, no IO, no clock, no framework (checked by import-linter)."""

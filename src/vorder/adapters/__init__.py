"""Adapters: implementations of the application's ports (database, channels, formats, tasks)."""

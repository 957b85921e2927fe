"""Server-rendered workspace (Jinja2 + htmx)."""

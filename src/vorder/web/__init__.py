"""Web entry points: the REST API (``api``), the workspace UI (``ui``), static assets."""

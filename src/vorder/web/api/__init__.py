"""REST API routers (JSON, OpenAPI at /api/openapi.json, docs at /api/docs)."""

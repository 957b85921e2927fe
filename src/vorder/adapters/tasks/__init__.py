"""The TaskQueue port's adapters: Huey on SQLite (embedded), Redis or PostgreSQL (distributed)."""

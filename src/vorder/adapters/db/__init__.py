"""SQLAlchemy storage: tables, tenant scoping, unit of work, repositories, migrations."""

"""Settings from VORDER_* environment variables (pydantic-settings).

Outside demo mode, secrets left at their defaults are refused at start-up with a clear message.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-demo-only"


class ConfigError(Exception):
    """The configuration is malformed or unsafe; the message says which variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VORDER_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///var/vorder.db",
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db",
    )
    data_dir: Path = Field(default=Path("var"), description="files, letters, law overlays")
    secret_key: str = Field(default=DEFAULT_SECRET, description="signs sessions and links")
    demo: bool = Field(default=False, description="demo mode: allows the default secret")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    task_backend: Literal["sqlite", "redis", "postgres", "immediate"] = "sqlite"
    redis_url: str = "redis://127.0.0.1:6379/0"
    default_language: Literal["nl", "en"] = "nl"
    session_hours: int = Field(default=12, ge=1, le=24 * 30)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must start with sqlite:// or postgresql+psycopg://")
        return value

    def check_secrets(self) -> None:
        if not self.demo and self.secret_key == DEFAULT_SECRET:
            raise ConfigError(
                "VORDER_SECRET_KEY is left at its default; set a long random value "
                "(or VORDER_DEMO=1 for a demo)"
            )
        if len(self.secret_key) < 16:
            raise ConfigError("VORDER_SECRET_KEY must be at least 16 characters")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: object) -> Settings:
    """Read the environment; malformed values become one ConfigError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "VORDER_" + str(first["loc"][0]).upper() if first["loc"] else "VORDER_*"
        raise ConfigError(f"{name}: {first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()

"""Settings read once from the process environment (see docs/ENVIRONMENT.md)."""

import os
from dataclasses import dataclass, field


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def _origins(value: str) -> list:
    return [origin.strip() for origin in value.split(",") if origin.strip()]


@dataclass(frozen=True)
class Settings:
    # Required: the service refuses to start without them (KeyError at import time).
    secret_key: str = field(default_factory=lambda: os.environ["SECRET_KEY"])
    jwt_secret_key: str = field(default_factory=lambda: os.environ["JWT_SECRET_KEY"])
    database_url: str = field(default_factory=lambda: os.environ["DATABASE_URL"])
    redis_url: str = field(default_factory=lambda: os.environ["REDIS_URL"])

    # Optional, with defaults that are safe for local development only.
    environment: str = field(default_factory=lambda: os.getenv("ENVIRONMENT", "development"))
    debug: bool = field(default_factory=lambda: _flag(os.getenv("DEBUG", "false")))
    service_name: str = field(default_factory=lambda: os.getenv("SERVICE_NAME", "demo-api"))
    log_level: str = field(default_factory=lambda: os.getenv("LOG_LEVEL", "INFO").upper())
    log_format: str = field(default_factory=lambda: os.getenv("LOG_FORMAT", "text").lower())
    jwt_algorithm: str = field(default_factory=lambda: os.getenv("JWT_ALGORITHM", "HS256"))
    jwt_expiration_hours: int = field(
        default_factory=lambda: int(os.getenv("JWT_EXPIRATION_HOURS", "24"))
    )
    cors_origins: list = field(default_factory=lambda: _origins(os.getenv("CORS_ORIGINS", "")))
    database_pool_size: int = field(
        default_factory=lambda: int(os.getenv("DATABASE_POOL_SIZE", "5"))
    )
    database_max_overflow: int = field(
        default_factory=lambda: int(os.getenv("DATABASE_MAX_OVERFLOW", "10"))
    )
    rate_limit_enabled: bool = field(
        default_factory=lambda: _flag(os.getenv("RATE_LIMIT_ENABLED", "true"))
    )
    rate_limit_per_minute: int = field(
        default_factory=lambda: int(os.getenv("RATE_LIMIT_PER_MINUTE", "60"))
    )
    metrics_enabled: bool = field(
        default_factory=lambda: _flag(os.getenv("METRICS_ENABLED", "true"))
    )

    @property
    def is_production(self) -> bool:
        return self.environment.lower() in ("production", "prod")


settings = Settings()

"""Database engine: a bounded connection pool sized from the environment."""

from sqlalchemy import create_engine, text

from .settings import settings

engine = create_engine(
    settings.database_url,
    pool_size=settings.database_pool_size,
    max_overflow=settings.database_max_overflow,
    pool_pre_ping=True,
    pool_recycle=1800,
    connect_args={"connect_timeout": 3, "application_name": settings.service_name},
    future=True,
)


def database_ok() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def migrations_applied() -> bool:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() > 0
    except Exception:
        return False

"""Redis client shared by the health checks and the rate limiter."""

import redis

from .settings import settings

client = redis.Redis.from_url(
    settings.redis_url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30
)


def redis_ok() -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False

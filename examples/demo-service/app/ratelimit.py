"""Fixed-window rate limiter in Redis: RATE_LIMIT_PER_MINUTE requests per client and minute."""

import logging
import time

import redis

from .cache import client
from .settings import settings

log = logging.getLogger("demo.ratelimit")


def hit(client_id: str) -> tuple:
    """Counts one request; returns (allowed, remaining, seconds until the window resets)."""
    window = int(time.time() // 60)
    key = f"ratelimit:{client_id}:{window}"
    try:
        pipe = client.pipeline()
        pipe.incr(key)
        pipe.expire(key, 90)
        count = pipe.execute()[0]
    except redis.RedisError:
        # Fail open: an outage of the limiter must not take the API down with it.
        log.warning("rate limiter unavailable, request allowed")
        return True, settings.rate_limit_per_minute, 60
    remaining = max(settings.rate_limit_per_minute - count, 0)
    reset = 60 - int(time.time()) % 60
    return count <= settings.rate_limit_per_minute, remaining, reset

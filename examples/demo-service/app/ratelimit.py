"""Sliding-window rate limiter in Redis: RATE_LIMIT_PER_MINUTE requests per client in any minute.

A fixed window (a counter per calendar minute) lets twice the limit through in a moment when
a burst straddles the minute's turn. Here the previous minute's counter still counts for the part
of it the last 60 seconds cover, as proxies and CDNs estimate a sliding window.
"""

import logging
import math
import time

import redis

from .cache import client
from .settings import settings

log = logging.getLogger("demo.ratelimit")

WINDOW = 60


def hit(client_id: str) -> tuple:
    """Counts one request; returns (allowed, remaining, seconds until one is allowed again)."""
    now = time.time()
    minute = int(now // WINDOW)
    key = f"ratelimit:{client_id}:{minute}"
    try:
        pipe = client.pipeline()
        pipe.incr(key)
        pipe.expire(key, 2 * WINDOW + 30)
        pipe.get(f"ratelimit:{client_id}:{minute - 1}")
        count, _, previous = pipe.execute()
    except redis.RedisError:
        # Fail open: an outage of the limiter must not take the API down with it.
        log.warning("rate limiter unavailable, request allowed")
        return True, settings.rate_limit_per_minute, WINDOW
    limit = settings.rate_limit_per_minute
    previous = int(previous or 0)
    into_minute = now - minute * WINDOW
    estimate = count + previous * (1 - into_minute / WINDOW)
    if estimate <= limit:
        return True, int(limit - estimate), 0
    return False, 0, _retry_after(count, previous, limit, into_minute)


def _retry_after(count: int, previous: int, limit: int, into_minute: float) -> int:
    """Seconds until one more request fits under the limit, if the client sends none before."""
    if count < limit:  # the previous minute's share fades enough within this minute
        wait = WINDOW * (1 - (limit - count - 1) / previous) - into_minute
    else:  # in the next minute, where this minute's count fades in turn
        wait = (WINDOW - into_minute) + WINDOW * (1 - (limit - 1) / count)
    return max(1, math.ceil(wait))

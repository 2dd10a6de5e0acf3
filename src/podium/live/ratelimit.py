"""Per-user / per-key rate limiting for commands and requests to speak (token bucket).

`allow(key, rate_per_s=..., burst=...)` is sync (call it from views). In-process by default; with
`settings.REDIS_URL` set, the bucket lives in Redis (one atomic Lua script, Redis' own clock) so
all workers share it. If Redis cannot be reached the in-process bucket answers instead, so a Redis
outage never turns into "everything refused" nor "nothing limited".
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

from podium.live import notify

log = logging.getLogger("podium.live")

_lock = threading.Lock()
_buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last monotonic time)
_MAX_KEYS = 100_000

# KEYS[1]=bucket; ARGV = rate_per_s, burst. Returns 1 when allowed.
_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil then tokens = burst; ts = now end
tokens = math.min(burst, tokens + (now - ts) * rate)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return ok
"""
_scripts: dict[str, object] = {}


def _local(key: str, rate_per_s: float, burst: int) -> bool:
    now = time.monotonic()
    with _lock:
        tokens, ts = _buckets.get(key, (float(burst), now))
        tokens = min(float(burst), tokens + (now - ts) * rate_per_s)
        ok = tokens >= 1
        if ok:
            tokens -= 1
        if len(_buckets) >= _MAX_KEYS and key not in _buckets:
            _buckets.clear()  # bounded memory; a reset only ever lets a little more through
        _buckets[key] = (tokens, now)
        return ok


def allow(key: str, *, rate_per_s: float, burst: int) -> bool:
    """True if the action keyed `key` (e.g. "request:<user id>") may happen now."""
    url = getattr(settings, "REDIS_URL", "") or ""
    if url:
        try:
            client = notify.redis_client(url)
            script = _scripts.get(url)
            if script is None:
                script = _scripts[url] = client.register_script(_LUA)
            prefix = getattr(settings, "LIVE_RATELIMIT_PREFIX", "podium:rl:")
            return bool(script(keys=[f"{prefix}{key}"], args=[rate_per_s, burst]))  # type: ignore[operator]
        except Exception as exc:
            log.warning("rate limit falls back to this process (Redis: %s)", exc)
    return _local(key, rate_per_s, burst)


def reset() -> None:
    """Forget the in-process buckets (tests)."""
    with _lock:
        _buckets.clear()

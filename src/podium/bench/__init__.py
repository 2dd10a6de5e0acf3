"""`make bench` (`python -m podium.bench`): Podium's real-time path against a bare ASGI broadcast."""

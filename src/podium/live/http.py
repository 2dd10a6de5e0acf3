"""uvicorn's HTTP protocol with a deadline for each request's headers.

uvicorn times out a keep-alive connection that stays idle between requests, but not one that
opens and sends nothing, nor one that trickles its request line and headers: such half-open
connections were kept forever (3,000 of them held for over a minute in a test). Here each
request's headers must arrive within `PODIUM_HEADER_TIMEOUT_S` seconds (default 10) of the
connection opening or of the request's first byte; past it, the connection is closed. The body is
timed by `podium.asgi`, which reads it before Django sees the request.

`podium serve` uses it (`http="podium.live.http:TimedHttpToolsProtocol"`).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT_S = float(os.environ.get("PODIUM_HEADER_TIMEOUT_S", "10"))


class TimedHttpToolsProtocol(HttpToolsProtocol):
    header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.header_timer is None:
            self.header_timer = self.loop.call_later(HEADER_TIMEOUT_S, self._headers_too_slow)

    def _disarm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_too_slow(self) -> None:
        self.header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

"""Sign-in and password reset, throttled and bounded.

- Each account and each address may try to sign in (`/accounts/login/`, `/admin/login/`) at
  most `LOGIN_BURST` times, then once every `LOGIN_REFILL_S` seconds; a password reset may be
  asked for an address at most `RESET_BURST` times an hour, from an address `RESET_BURST * 3`.
  The buckets are the project's rate limits (`podium.live.ratelimit`: in Redis when
  `REDIS_URL` is set, so every worker shares them). Past them: 429 with the reason.
- At most `HASHING_AT_ONCE` password checks run at once in a process: a password hash costs
  ~0.3 s of CPU, and 16 concurrent wrong sign-ins took every request thread from the floor
  (`GET /floor` p50 from 3 to 893 ms). Others wait a little, then get 429.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from podium.live import ratelimit

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
RESET_PATH = "/accounts/password-reset/"
LOGIN_BURST, LOGIN_REFILL_S = 10, 90.0
RESET_BURST = 3
HASHING_AT_ONCE = 2
HASHING_WAIT_S = 5.0
_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _too_many(request: HttpRequest, reason: str) -> HttpResponse:
    response = render(request, "people/denied.html", {"reason": reason}, status=429)
    response["Retry-After"] = "60"
    return response


class ThrottleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return self.get_response(request)
        if request.path in LOGIN_PATHS:
            return self._login(request)
        if request.path == RESET_PATH:
            email = str(request.POST.get("email", "")).strip().lower()[:254]
            rate = RESET_BURST / 3600
            if not (
                ratelimit.allow(f"reset:email:{email}", rate_per_s=rate, burst=RESET_BURST)
                and ratelimit.allow(
                    f"reset:ip:{_address(request)}", rate_per_s=rate * 3, burst=RESET_BURST * 3
                )
            ):
                return _too_many(
                    request, _("Too many password resets asked for; try again in an hour.")
                )
        return self.get_response(request)

    def _login(self, request: HttpRequest) -> HttpResponse:
        user = str(request.POST.get("username", "")).strip().lower()[:150]
        rate = 1 / LOGIN_REFILL_S
        if not (
            ratelimit.allow(f"login:user:{user}", rate_per_s=rate, burst=LOGIN_BURST)
            and ratelimit.allow(
                f"login:ip:{_address(request)}", rate_per_s=rate * 3, burst=LOGIN_BURST * 3
            )
        ):
            return _too_many(
                request, _("Too many sign-in attempts; wait a few minutes and try again.")
            )
        if not _hashing.acquire(timeout=HASHING_WAIT_S):
            return _too_many(request, _("Many people are signing in; try again in a moment."))
        try:
            return self.get_response(request)
        finally:
            _hashing.release()

"""The AsyncAPI 3.0 document of the floor's WebSocket (`/ws/sessions/<slug>/floor`), served at
`/api/asyncapi.json`. The views it carries are the OpenAPI document's (`FloorView`, one schema
for both); the protocol is `podium.live.asgi`'s (docs/realtime.md)."""

from __future__ import annotations

import functools
from typing import Any

from podium.core.views import AUDIENCES
from podium.web.openapi import document as openapi_document

CLOSE_CODES = {
    4400: "unknown view",
    4403: "origin not allowed (only this site's pages and CSRF_TRUSTED_ORIGINS)",
    4404: "unknown session or path",
    1008: "too many messages",
    1009: "message too big",
    1011: "floor temporarily unavailable: reconnect",
    1012: "server restarting: reconnect",
}


def _message(name: str, title: str, schema: dict[str, Any], summary: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "summary": summary,
        "contentType": "application/json",
        "payload": schema,
    }


@functools.cache
def document() -> dict[str, Any]:
    components = openapi_document()["components"]["schemas"]
    floor_view = {"$ref": "#/components/schemas/FloorView"}
    patch = {
        "type": "object",
        "required": ["version", "server_time", "base", "view"],
        "properties": {
            "version": {"type": "integer"},
            "server_time": {"type": "string", "format": "date-time"},
            "base": {"type": "integer", "description": "The version this patch applies to."},
            "view": {"const": "console"},
            "set": {"type": "object", "description": "Top-level values that changed."},
            "lines": {
                "type": "object",
                "description": "Per changed line: `order` (request ids), `items` (new ones).",
            },
            "waits": {"type": "object"},
        },
    }
    pong = {
        "type": "object",
        "required": ["type", "version"],
        "properties": {"type": {"const": "pong"}, "version": {"type": "integer"}},
    }
    error = {
        "type": "object",
        "required": ["type", "error"],
        "properties": {"type": {"const": "error"}, "error": {"type": "string"}},
    }

    def kind(name: str) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": name}},
            "maxProperties": 8,
        }

    close = "; ".join(f"{code} {why}" for code, why in CLOSE_CODES.items())
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Podium floor socket",
            "version": "1",
            "description": "Screens (the room, the webcast, delegates' phones, moderators' "
            "consoles) follow the floor: on connect and after every change the server sends the "
            "view of the screen's audience. Versions only grow; a slow screen may skip to the "
            "newest, never back. Messages larger than the server's limit close with 1009. "
            f"Close codes: {close}.",
        },
        "servers": {
            "site": {
                "host": "localhost:8000",
                "protocol": "ws",
                "description": "The host serving the pages (wss behind TLS).",
            }
        },
        "channels": {
            "floor": {
                "address": "/ws/sessions/{slug}/floor",
                "parameters": {"slug": {"description": "The session's slug."}},
                "description": "Query `view`: one of " + ", ".join(AUDIENCES) + " (default: "
                "the whole snapshot). `delegate` and `console` need a signed-in cookie.",
                "messages": {
                    "view": {"$ref": "#/components/messages/view"},
                    "consolePatch": {"$ref": "#/components/messages/consolePatch"},
                    "pong": {"$ref": "#/components/messages/pong"},
                    "error": {"$ref": "#/components/messages/error"},
                    "ping": {"$ref": "#/components/messages/ping"},
                    "resync": {"$ref": "#/components/messages/resync"},
                },
            }
        },
        "operations": {
            "receiveViews": {
                "action": "receive",
                "channel": {"$ref": "#/channels/floor"},
                "summary": "The floor as this screen's audience sees it, after every change.",
                "messages": [
                    {"$ref": "#/channels/floor/messages/view"},
                    {"$ref": "#/channels/floor/messages/consolePatch"},
                    {"$ref": "#/channels/floor/messages/pong"},
                    {"$ref": "#/channels/floor/messages/error"},
                ],
            },
            "sendControl": {
                "action": "send",
                "channel": {"$ref": "#/channels/floor"},
                "summary": "Keep-alive and resynchronisation (commands go over HTTP).",
                "messages": [
                    {"$ref": "#/channels/floor/messages/ping"},
                    {"$ref": "#/channels/floor/messages/resync"},
                ],
            },
        },
        "components": {
            "schemas": components,
            "messages": {
                "view": _message("view", "A view", floor_view, "The newest view."),
                "consolePatch": _message(
                    "consolePatch", "A console patch", patch, "What changed, for consoles."
                ),
                "pong": _message("pong", "Pong", pong, "The answer to a ping."),
                "error": _message("error", "Error", error, "An unsupported message."),
                "ping": _message("ping", "Ping", kind("ping"), "Is the socket alive?"),
                "resync": _message(
                    "resync", "Resync", kind("resync"), "Send the current view again."
                ),
            },
        },
    }

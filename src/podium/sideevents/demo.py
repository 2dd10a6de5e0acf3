"""Demo rooms for `podium demo` / `make run`: a few rooms of UN Headquarters. Idempotent."""

from __future__ import annotations

from typing import Any

from podium.sideevents import programme_link
from podium.sideevents.models import Room

UN_LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]

# (name, building, capacity, interpretation, webcast, equipment)
HEADQUARTERS_ROOMS = [
    (
        "Conference Room 1",
        "Conference Building",
        300,
        UN_LANGUAGES,
        True,
        "Podium, screens, microphones at every seat",
    ),
    ("Conference Room 2", "Conference Building", 250, UN_LANGUAGES, True, "Podium, screens"),
    ("Conference Room 3", "Conference Building", 180, ["en", "fr", "es"], True, "Screens"),
    ("Conference Room 4", "Conference Building", 150, ["en", "fr"], False, "Projector"),
    ("Conference Room 11", "Conference Building", 60, [], False, "Round table, projector"),
]


def create_demo_rooms(session: Any) -> list[Room]:
    """The rooms of the session's venue (named as the session names its venue); existing rooms are
    kept as they are."""
    # The building, not the chamber: "United Nations Headquarters, ECOSOC Chamber" -> "United
    # Nations Headquarters".
    venue = programme_link.venue_of(session).split(",")[0].strip() or "United Nations Headquarters"
    rooms = []
    for name, building, capacity, languages, webcast, equipment in HEADQUARTERS_ROOMS:
        room, _created = Room.objects.get_or_create(
            venue=venue,
            name=name,
            defaults={
                "building": building,
                "capacity": capacity,
                "languages": list(languages),
                "webcast": webcast,
                "equipment": equipment,
            },
        )
        rooms.append(room)
    return rooms

"""Side-event rules on the seed session's days (New York, 22–23 May 2017)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from podium.core.sideevents import (
    Action,
    Booking,
    DayFrame,
    EventSummary,
    Gender,
    OverlapKind,
    PlenaryItem,
    Refusal,
    Room,
    RoomNeeds,
    Speaker,
    Status,
    WindowKind,
    allowed_actions,
    allowed_windows,
    change_reopens_review,
    check_window,
    conflicts,
    find_overlaps,
    may_organize,
    parity,
    room_misfits,
    suggestions,
    transition,
)

NY = ZoneInfo("America/New_York")


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2017, 5, day, hh, mm, tzinfo=NY)


def seed_days() -> list[DayFrame]:
    return [
        DayFrame(
            date(2017, 5, d),
            blocks=((at(d, 10), at(d, 13)), (at(d, 15), at(d, 18))),
            side_event_windows=((at(d, 13, 15), at(d, 14, 45)),),
        )
        for d in (22, 23)
    ]


WINDOWS = allowed_windows(seed_days())


def test_windows_come_from_the_programme() -> None:
    assert [(w.kind, w.start, w.end) for w in WINDOWS[:3]] == [
        (WindowKind.BEFORE, at(22, 8), at(22, 10)),
        (WindowKind.LUNCH, at(22, 13, 15), at(22, 14, 45)),
        (WindowKind.AFTER, at(22, 18), at(22, 21)),
    ]
    assert len(WINDOWS) == 6
    # A day that declares no side-event window gets no lunch window; hours are parameters.
    geneva = allowed_windows(
        [DayFrame(date(2017, 6, 1), blocks=((at(1, 10), at(1, 13)),))],
        earliest=time(9, 0),
        latest=time(15, 0),
    )
    assert [w.kind for w in geneva] == [WindowKind.BEFORE, WindowKind.AFTER]
    assert geneva[0].start == at(1, 9)


@pytest.mark.parametrize(
    ("start", "end"),
    [(at(22, 13, 15), at(22, 14, 45)), (at(22, 8, 30), at(22, 10)), (at(23, 18), at(23, 19, 30))],
)
def test_inside_a_window_is_accepted(start: datetime, end: datetime) -> None:
    assert check_window(start, end, WINDOWS) is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(22, 13), at(22, 14)),  # starts before the lunch window (13:15)
        (at(22, 14), at(22, 15)),  # runs past 14:45
        (at(22, 11), at(22, 12)),  # during panel 1
        (at(22, 9, 30), at(22, 10, 30)),  # runs into the opening
        (at(24, 13, 15), at(24, 14)),  # not a session day
    ],
)
def test_outside_the_windows_is_refused_with_the_windows_listed(
    start: datetime, end: datetime
) -> None:
    refusal = check_window(start, end, WINDOWS)
    assert isinstance(refusal, Refusal)
    assert refusal.code == "outside_windows"
    assert "Mon 22 May 2017 13:15–14:45 (lunch break)" in refusal.message
    assert "Tue 23 May 2017 18:00–21:00 (after the plenary)" in refusal.message
    assert len(refusal.params["windows"]) == 6


def test_an_event_must_end_after_it_starts() -> None:
    refusal = check_window(at(22, 14), at(22, 13, 30), WINDOWS)
    assert isinstance(refusal, Refusal) and refusal.code == "bad_times"


LEGAL = {
    (Status.SUBMITTED, Action.REVIEW): Status.UNDER_REVIEW,
    (Status.UNDER_REVIEW, Action.APPROVE): Status.APPROVED,
    (Status.UNDER_REVIEW, Action.DECLINE): Status.DECLINED,
    (Status.SUBMITTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.UNDER_REVIEW, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.APPROVED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.SUBMITTED, Action.CHANGE): Status.SUBMITTED,
    (Status.UNDER_REVIEW, Action.CHANGE): Status.UNDER_REVIEW,
    (Status.APPROVED, Action.CHANGE): Status.UNDER_REVIEW,
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(Action))
def test_workflow_transitions(status: Status, action: Action) -> None:
    result = transition(status, action, secretariat=True, organizer=True, reason="Room needed")
    if (status, action) in LEGAL:
        assert result == LEGAL[(status, action)]
    else:
        assert isinstance(result, Refusal) and result.code == "illegal_transition"
        assert "cannot be" in result.message


def test_only_the_opga_approves_and_only_the_organizer_withdraws() -> None:
    refused = transition(Status.UNDER_REVIEW, Action.APPROVE, organizer=True)
    assert isinstance(refused, Refusal) and refused.code == "not_secretariat"
    refused = transition(Status.APPROVED, Action.WITHDRAW, secretariat=True)
    assert isinstance(refused, Refusal) and refused.code == "not_organizer"
    refused = transition(Status.UNDER_REVIEW, Action.DECLINE, secretariat=True, reason="  ")
    assert isinstance(refused, Refusal) and refused.code == "reason_required"
    assert allowed_actions(Status.UNDER_REVIEW, secretariat=True, organizer=False) == [
        Action.APPROVE,
        Action.DECLINE,
    ]
    assert allowed_actions(Status.DECLINED, secretariat=True, organizer=True) == []


ROOMS = [
    Room("cr1", "Conference Room 1", 300, frozenset({"en", "fr", "es"}), True),
    Room("cr2", "Conference Room 2", 120, frozenset({"en"}), False),
    Room("cr3", "Conference Room 3", 80, frozenset(), False),
]


def test_room_fit_names_every_misfit() -> None:
    needs = RoomNeeds(150, frozenset({"en", "ar"}), webcast=True)
    codes = [r.code for r in room_misfits(ROOMS[1], needs)]
    assert codes == ["too_small", "no_interpretation", "no_webcast"]
    assert [r.code for r in room_misfits(ROOMS[0], needs)] == ["no_interpretation"]
    assert room_misfits(ROOMS[0], RoomNeeds(300, frozenset({"fr"}), True)) == []


def test_overlaps_are_half_open() -> None:
    taken = [Booking("cr2", at(22, 13, 15), at(22, 14), "a")]
    assert conflicts(Booking("cr2", at(22, 13, 45), at(22, 14, 30), "b"), taken)
    assert not conflicts(Booking("cr2", at(22, 14), at(22, 14, 45), "b"), taken)
    assert not conflicts(Booking("cr3", at(22, 13, 15), at(22, 14), "b"), taken)
    # An event never conflicts with its own booking (when it is moved).
    assert not conflicts(Booking("cr2", at(22, 13, 30), at(22, 14), "a"), taken)


def test_nearest_free_slots_and_rooms_that_fit() -> None:
    taken = [
        Booking("cr2", at(22, 13, 15), at(22, 14, 15), "a"),
        Booking("cr1", at(22, 13, 15), at(22, 14, 15), "b"),
    ]
    found = suggestions(
        needs=RoomNeeds(100, frozenset({"en"})),
        start=at(22, 13, 15),
        end=at(22, 14, 15),
        windows=WINDOWS,
        rooms=ROOMS,
        bookings=taken,
        limit=3,
    )
    # Conference Room 3 is too small and the lunch window has no other free hour: the nearest
    # is the morning's 09:00 (4 h 15 before), then 08:45 (4 h 30 before) — the evening's
    # 18:00 is 4 h 45 after; the smallest room that fits comes first.
    labels = [s.label() for s in found]
    assert labels == [
        "Conference Room 2, Mon 22 May 09:00–10:00",
        "Conference Room 1, Mon 22 May 09:00–10:00",
        "Conference Room 2, Mon 22 May 08:45–09:45",
    ]
    assert all(s.room.key != "cr3" for s in found)
    # Half an hour fits in the lunch window after the others end.
    short = suggestions(
        needs=RoomNeeds(100, frozenset({"en"})),
        start=at(22, 13, 15),
        end=at(22, 13, 45),
        windows=WINDOWS,
        rooms=ROOMS,
        bookings=taken,
        limit=1,
    )
    assert short[0].label() == "Conference Room 2, Mon 22 May 14:15–14:45"


def test_theme_and_speaker_overlaps() -> None:
    amina = Speaker("Amina Diallo", Gender.FEMALE)
    events = [
        EventSummary("e1", "Climate mobility", at(22, 13, 15), at(22, 14, 30),
                      frozenset({"panel-3"}), (amina,)),
        EventSummary("e2", "Disaster displacement", at(22, 13, 30), at(22, 14, 45),
                      frozenset({"panel-3", "panel-1"}), (Speaker("Dr. amina  diallo"),)),
        EventSummary("e3", "Remittances", at(23, 8, 30), at(23, 9, 45),
                      frozenset({"panel-1"}), (Speaker("Jorge Ruiz", Gender.MALE),)),
    ]  # fmt: skip
    plenary = [
        PlenaryItem("Panel 1", at(22, 10, 15), at(22, 13), frozenset({"panel-1"})),
        PlenaryItem("Panel 3", at(23, 10, 15), at(23, 13), frozenset({"panel-3"}),
                    frozenset({"Jorge Ruiz"})),
    ]  # fmt: skip
    found = {(o.kind, o.first, o.second, o.same_time) for o in find_overlaps(events, plenary)}
    assert (OverlapKind.THEME, "e1", "e2", True) in found
    assert (OverlapKind.SPEAKER, "e1", "e2", True) in found
    assert (OverlapKind.PLENARY_THEME, "e2", "Panel 1", False) in found
    assert (OverlapKind.PLENARY_SPEAKER, "e3", "Panel 3", False) in found
    # e1 and e3 share no theme at the same time.
    assert not any(o[1:3] == ("e1", "e3") for o in found)

    # A speaker who is a panelist while the side event runs is flagged.
    clash = EventSummary("e4", "Breakfast", at(23, 9), at(23, 10, 30), frozenset(),
                         (Speaker("Mr. Jorge Ruiz"),))  # fmt: skip
    flagged = [o for o in find_overlaps([clash], plenary) if o.flagged]
    assert [(o.kind, o.second, o.detail) for o in flagged] == [
        (OverlapKind.PLENARY_SPEAKER, "Panel 3", "Mr. Jorge Ruiz")
    ]


def test_panel_parity() -> None:
    f, m, u = Gender.FEMALE, Gender.MALE, Gender.UNDECLARED
    assert parity([Speaker("a", f), Speaker("b", m), Speaker("c", f)]).balanced
    manel = parity([Speaker("a", m), Speaker("b", m)])
    assert manel.single_sex and not manel.balanced
    assert manel.label() == "0 women, 2 men — single-sex panel"
    maybe = parity([Speaker("a", m), Speaker("b", u)])
    assert maybe.possibly_single_sex and not maybe.single_sex
    lopsided = parity([Speaker("a", f), Speaker("b", m), Speaker("c", m), Speaker("d", m)])
    assert not lopsided.balanced and not lopsided.single_sex


def test_who_may_organize() -> None:
    assert may_organize("member_state", accredited=False) is None
    assert may_organize("observer", accredited=False) is None
    assert may_organize("un_entity", accredited=False) is None
    assert may_organize("stakeholder", accredited=True) is None
    refused = may_organize("stakeholder", accredited=False)
    assert isinstance(refused, Refusal) and refused.code == "not_accredited"
    refused = may_organize("media", accredited=True)
    assert isinstance(refused, Refusal) and refused.code == "not_entitled"


def test_only_a_change_to_an_approved_event_reopens_review() -> None:
    assert change_reopens_review(Status.APPROVED)
    assert not change_reopens_review("submitted")
    assert not change_reopens_review(Status.UNDER_REVIEW)
    assert not change_reopens_review(Status.WITHDRAWN)

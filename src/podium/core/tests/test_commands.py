"""The floor's command boundary: every command parsed against its schema, who may send it, and
one test per refusal code (each asserts its code: a rule whose refusal is removed fails here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podium.core import commands
from podium.core.commands import (
    REFUSALS,
    Actor,
    Context,
    Refusal,
    StaticDirectory,
    authorize,
    parse,
)
from podium.core.floor import SegmentConfig, snapshot

from .kit import (
    ANONYMOUS,
    MODERATOR,
    NOBODY,
    PANEL,
    T0,
    Floor,
    delegate_of,
    reference_entities,
)

SUMMARY = SegmentConfig(id="summary", kind="summary_panel", title="Summary panel")
NO_FLOOR = SegmentConfig(id="welcome-2017-05-22-1000", kind="welcome", rounds=())


def speaking(entity: str = "MEX") -> Floor:
    f = Floor().discussing()
    f.ok("request", entity=entity)
    f.ok("call_next")
    return f


def invalid(body: dict[str, Any]) -> Callable[[], Refusal]:
    def run() -> Refusal:
        out = parse(body)
        assert isinstance(out, Refusal), out
        return out

    return run


def refused(setup: Callable[[], Floor], name: str, actor: Actor | None = None, **fields: Any):  # type: ignore[no-untyped-def]
    def run() -> Refusal:
        return setup().refused(name, actor=actor, **fields)

    return run


def opened() -> Floor:
    f = Floor(PANEL, SUMMARY, NO_FLOOR)
    f.ok("open_segment")
    return f


def discussing() -> Floor:
    return Floor(PANEL, SUMMARY, NO_FLOOR).discussing()


def with_mexico() -> Floor:
    f = discussing()
    f.ok("request", entity="MEX")
    return f


def closed_list() -> Floor:
    f = discussing()
    f.ok("close_list")
    return f


def paused() -> Floor:
    f = speaking()
    f.ok("pause_timer")
    return f


def stopped() -> Floor:
    f = speaking()
    f.ok("stop_timer")
    return f


def discussion_over() -> Floor:
    f = discussing()
    f.ok("close_discussion")
    return f


def reply_asked() -> Floor:
    f = discussing()
    f.ok("request_reply", entity="MEX")
    return f


def point_raised() -> Floor:
    f = discussing()
    f.ok("point_of_order", entity="MEX")
    return f


def closed_long_ago() -> Floor:
    f = with_mexico()
    f.ok("close_discussion")
    f.tick(11)
    return f


def nothing_open() -> Floor:
    return Floor(PANEL, SUMMARY, NO_FLOOR)


def no_floor_segment() -> Floor:
    f = Floor(NO_FLOOR, actor=Actor.system())
    f.ok("open_segment")
    return f


def long_turn() -> Floor:
    f = discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next", start=True)
    f.ok("finish")
    f.ok("call", entity="FRA", limit_s=14_400)
    return f


def two_delegations() -> Actor:
    ents = reference_entities()
    return Actor(username="focal", delegations={"MEX": ents["MEX"], "FRA": ents["FRA"]})


# Each refusal code, by the shortest honest way to it.
SCENARIOS: dict[str, Callable[[], Refusal]] = {
    "sign_in": refused(discussing, "open_discussion", ANONYMOUS),
    "not_chair": refused(opened, "open_discussion", NOBODY),
    "not_chair_of": refused(nothing_open, "open_segment", MODERATOR, segment="summary"),
    "no_delegation": refused(discussing, "request", NOBODY),
    "not_your_delegation": refused(discussing, "request", delegate_of("BGD"), entity="MEX"),
    "not_your_request": refused(with_mexico, "withdraw", delegate_of("BGD"), request_id="r1"),
    "not_an_object": lambda: parse(["finish"]),  # type: ignore[return-value]
    "no_command": invalid({"segment": "panel-1"}),
    "unknown_command": invalid({"command": "dance"}),
    "unknown_field": invalid({"command": "finish", "by_s": 60}),
    "missing_field": invalid({"command": "withdraw"}),
    "not_an_integer": invalid({"command": "extend_timer", "by_s": float("inf")}),
    "out_of_range": invalid({"command": "call", "entity": "MEX", "limit_s": 300_000_000_000}),
    "not_a_string": invalid({"command": "request", "speaker": 5}),
    "not_a_boolean": invalid({"command": "call_next", "start": "yes"}),
    "too_long": invalid({"command": "request", "speaker": "x" * 201}),
    "empty": invalid({"command": "note", "text": " \t "}),
    "malformed": invalid({"command": "withdraw", "request_id": " r1"}),
    "unknown_value": invalid({"command": "switch_round", "round": "banana"}),
    "surrogate": invalid({"command": "request", "speaker": "\ud800"}),
    "control_character": invalid({"command": "note", "text": "a\x00b"}),
    "format_character": invalid({"command": "request", "speaker": "Mex\u202eico"}),
    "conflicting_fields": invalid({"command": "call", "request_id": "r1", "slot": 0}),
    "no_segment": refused(nothing_open, "open_discussion"),
    "unknown_segment": refused(nothing_open, "open_segment", Actor.system(), segment="panel-9"),
    "segment_already_open": refused(opened, "open_segment", segment="panel-1"),
    "other_segment_open": refused(opened, "open_segment", segment="summary", actor=Actor.system()),
    "discussion_open": refused(discussing, "open_discussion"),
    "discussion_not_open": refused(opened, "close_discussion"),
    "no_rounds": refused(no_floor_segment, "open_discussion", Actor.system()),
    "unknown_round": refused(opened, "open_discussion", round="observers"),
    "list_closed": refused(closed_list, "request", entity="MEX"),
    "list_open": refused(discussing, "reopen_list"),
    "which_delegation": refused(discussing, "request", two_delegations()),
    "unknown_entity": refused(discussing, "request", entity="XYZ"),
    "group_cannot_ask": refused(discussing, "request", entity="G77"),
    "not_accredited": refused(discussing, "request", entity="NGO3"),
    "not_a_group": refused(discussing, "request", entity="FRA", on_behalf_of="MEX"),
    "behalf_not_state": refused(discussing, "request", entity="IOM", on_behalf_of="AFRICAN"),
    "not_a_member": refused(discussing, "request", entity="DEU", on_behalf_of="G77"),
    "no_pre_inscription": refused(opened, "request", entity="MEX"),
    "round_not_open": refused(discussing, "request", entity="NGO1"),
    "already_in_line": refused(with_mexico, "request", entity="MEX"),
    "has_the_floor": refused(speaking, "request", entity="MEX"),
    "unknown_slot": refused(opened, "call", slot=7),
    "no_request": refused(discussing, "withdraw", request_id="r9"),
    "nobody_waiting": refused(discussing, "call_next"),
    "whom_to_call": refused(discussing, "call", speaker="Dr X"),
    "no_speaker": refused(discussing, "finish"),
    "timer_running": refused(speaking, "start_timer"),
    "timer_not_running": refused(stopped, "pause_timer"),
    "timer_paused": refused(paused, "pause_timer"),
    "timer_not_paused": refused(speaking, "resume_timer"),
    "limit_too_long": refused(long_turn, "extend_timer", by_s=60),
    "nothing_to_undo": refused(with_mexico, "undo"),
    "discussion_closed": refused(discussion_over, "request", entity="MEX"),
    "point_of_order_states": refused(discussing, "point_of_order", entity="NGO1"),
    "point_of_order_waiting": refused(point_raised, "point_of_order", entity="MEX"),
    "no_point_of_order": refused(discussing, "settle_point_of_order"),
    "no_countdown": refused(discussing, "stop_countdown"),
    "reply_states": refused(discussing, "request_reply", entity="NGO1"),
    "reply_already": refused(reply_asked, "request_reply", entity="MEX"),
    "no_reply_waiting": refused(discussion_over, "call_reply"),
    "replies_at_end": refused(reply_asked, "call_reply"),
    "undo_too_late": refused(closed_long_ago, "undo"),
}
# Codes only the app gives (tested in podium/floor/tests/test_boundary.py).
APP_CODES = {"not_recorded"}


def test_every_refusal_code_has_its_scenario() -> None:
    assert set(SCENARIOS) | APP_CODES == set(REFUSALS)


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_refusal(code: str) -> None:
    out = SCENARIOS[code]()
    assert isinstance(out, Refusal) and out.code == code
    assert out.reason and "%(" not in out.reason  # its message, filled in


def test_a_request_id_is_matched_exactly() -> None:
    """Finding: " r1" (a space, a tab, NBSP, U+3000…) passed the view's ownership check
    unstripped and the core stripped it: anyone withdrew anyone's request."""
    for padded in (" r1", "r1 ", "\tr1", "\u00a0r1", "\u3000r1", "R1", "r01", "r１"):
        out = parse({"command": "withdraw", "request_id": padded})
        assert isinstance(out, Refusal) and out.code == "malformed" and out.field == "request_id"
    f = with_mexico()
    assert f.refused("withdraw", actor=delegate_of("BGD"), request_id="r1").code == (
        "not_your_request"
    )
    f.ok("withdraw", actor=delegate_of("MEX"), request_id="r1")
    assert f.state.all_requests() == []


def test_texts_are_nfc_trimmed_and_codes_any_case() -> None:
    cmd = parse({"command": "request", "entity": "mex", "speaker": "  Ana Pe\u0301rez "})
    assert not isinstance(cmd, Refusal)
    assert cmd.entity == "MEX" and cmd.speaker == "Ana Pérez"  # type: ignore[union-attr]
    # joiners that Persian needs are kept; a note keeps its lines
    assert not isinstance(parse({"command": "request", "speaker": "می\u200cخواهم"}), Refusal)
    note = parse({"command": "note", "text": "one\ntwo"})
    assert not isinstance(note, Refusal) and note.text == "one\ntwo"  # type: ignore[union-attr]
    assert isinstance(parse({"command": "request", "speaker": "a\nb"}), Refusal)


def test_a_form_body_is_read_leniently_a_json_body_strictly() -> None:
    form = {"command": "extend_timer", "by_s": "30", "expected_version": ""}
    assert parse(form, lax=True) == commands.ExtendTimer(by_s=30)
    assert isinstance(parse(form), Refusal)
    assert isinstance(parse({"command": "extend_timer", "by_s": 30.0}), Refusal)
    assert isinstance(parse({"command": "extend_timer", "by_s": True}), Refusal)


def test_refusals_name_the_field_and_its_bounds() -> None:
    out = parse({"command": "extend_timer", "by_s": 0})
    assert isinstance(out, Refusal)
    assert (out.code, out.field) == ("out_of_range", "by_s")
    assert out.reason == "by_s must be between 1 and 3600."


def test_moving_a_request_puts_it_where_asked() -> None:
    f = discussing()
    for code in ("MEX", "FRA", "BRA"):
        f.ok("request", entity=code)
    f.ok("move", request_id="r3", position=0)
    assert [r.entity for r in f.state.lines["member_states"]] == ["BRA", "MEX", "FRA"]
    f.ok("move", request_id="r3", position=1)
    assert [r.entity for r in f.state.lines["member_states"]] == ["MEX", "BRA", "FRA"]
    f.ok("move", request_id="r1", position=99)  # past the end: last
    assert [r.entity for r in f.state.lines["member_states"]] == ["BRA", "FRA", "MEX"]


def test_a_closed_list_takes_no_new_request_until_reopened() -> None:
    f = closed_list()
    assert f.refused("request", entity="MEX").code == "list_closed"
    assert f.refused("close_list").code == "list_closed"
    f.ok("reopen_list")
    f.ok("request", entity="MEX")
    assert snapshot(f.state, f.now)["segment"]["list_closed"] is False


def test_queue_jumping_on_behalf_of_a_group_is_refused() -> None:
    """Finding: Germany requested on behalf of G77 (it is not a member) and went first; IOM and a
    stakeholder spoke for groups; a chair put XYZ, {"a":1}, EU and G77 in the line."""
    f = discussing()
    assert f.refused("request", entity="DEU", on_behalf_of="G77").code == "not_a_member"
    assert f.refused("request", entity="IOM", on_behalf_of="AFRICAN").code == "behalf_not_state"
    assert f.refused("request", entity="NGO1", on_behalf_of="G77").code == "behalf_not_state"
    assert f.refused("request", entity="XYZ").code == "unknown_entity"
    assert f.refused("request", entity="ZZZ").code == "unknown_entity"
    assert f.refused("request", entity="EU").code == "group_cannot_ask"
    assert f.refused("request", entity="G77").code == "group_cannot_ask"
    assert isinstance(parse({"command": "request", "entity": {"a": 1}}), Refusal)
    assert f.state.all_requests() == []
    # a member speaks for its group, and goes first
    f.ok("request", entity="FRA")
    f.ok("request", entity="DEU", on_behalf_of="EU")
    f.ok("request", entity="BRA", on_behalf_of="G77")
    assert f.refused("request", entity="MEX", on_behalf_of="G77").code == "not_a_member"
    assert [(r.entity, r.on_behalf_of) for r in f.state.lines["member_states"]] == [
        ("DEU", "EU"),
        ("BRA", "G77"),
        ("FRA", ""),
    ]
    # a chair calling a delegation directly is held to the same rules
    assert f.refused("call", entity="DEU", on_behalf_of="G77").code == "not_a_member"


def test_a_delegate_asks_for_their_own_delegation_under_their_own_name() -> None:
    f = discussing()
    ana = delegate_of("MEX", person="Ana Torres")
    f.ok("request", actor=ana)
    (req,) = f.state.all_requests()
    assert (req.entity, req.entity_name, req.speaker, req.by) == (
        "MEX",
        "Mexico",
        "Ana Torres",
        "delegate-mex",
    )
    assert f.refused("call_next", actor=ana).code == "not_chair"


def test_who_chairs_what() -> None:
    f = opened()
    state = f.state
    moderator_of_2 = Actor(username="mod2", chairs=frozenset({"panel-2"}))
    close = commands.CloseSegment()
    assert authorize(MODERATOR, state, close) is None
    assert authorize(Actor.system(), state, close) is None
    assert authorize(moderator_of_2, state, close) == Refusal("not_chair")
    # with no segment open, whoever chairs some segment may ask (and hears "no segment")
    empty = nothing_open().state
    assert authorize(moderator_of_2, empty, close) is None
    assert authorize(NOBODY, empty, close) == Refusal("not_chair")
    opening = commands.OpenSegment(segment="panel-1")
    assert authorize(moderator_of_2, empty, opening) is not None
    assert authorize(MODERATOR, empty, opening) is None


def test_the_reference_lists_every_command_and_code() -> None:
    text = commands.reference_markdown()
    for name in commands.COMMANDS:
        assert f"#### `{name}`" in text
    for code in REFUSALS:
        assert f"| `{code}` |" in text
    schema = commands.command_schema()
    assert set(schema["discriminator"]["mapping"]) == set(commands.COMMANDS)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    "command",
    "segment",
    "round",
    "round_index",
    "entity",
    "on_behalf_of",
    "speaker",
    "slot",
    "request_id",
    "reason",
    "position",
    "role",
    "limit_s",
    "start",
    "by_s",
    "text",
    "expected_version",
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from([*commands.COMMANDS, "dance"]),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=5),
)
def test_any_body_parses_to_a_valid_command_or_a_refusal_naming_its_code(
    name: str, fields: dict[str, Any]
) -> None:
    out = parse({"command": name, **fields})
    if isinstance(out, Refusal):
        assert out.code in commands.SCHEMA_CODES and out.reason
        return
    # what passes is within the schema: no control characters, bounded numbers
    for value in out.model_dump().values():
        if isinstance(value, str):
            assert value.isprintable() or "\n" in value or "\t" in value
            assert "\x00" not in value
        if isinstance(value, int) and not isinstance(value, bool):
            assert 0 <= value <= 2**31
    decided = commands.decide(
        with_mexico().state,
        out,
        Context(Actor.system(), T0, StaticDirectory(reference_entities(), {PANEL.id: PANEL})),
    )
    assert isinstance(decided, (list, Refusal))


def test_docs_floor_md_shows_the_reference_as_the_handlers_give_it() -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parents[4] / "docs" / "floor.md"
    text = doc.read_text(encoding="utf-8")
    begin, end = "<!-- commands:begin -->\n", "<!-- commands:end -->"
    shown = text[text.index(begin) + len(begin) : text.index(end)]
    assert shown == commands.reference_markdown(), (
        "docs/floor.md is out of date: paste `python -m podium.core.commands` between the markers"
    )

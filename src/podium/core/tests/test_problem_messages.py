"""The check messages are translatable: every problem the checks make carries a template marked
for `makemessages` and its parameters (`template % params` is the English message), English
words among the parameters are `Text` with their own marked template, and every template is
translated in the five catalogues. The corpus: the bundled session files, a broken copy of the
seed for each message, and programmes the file format cannot express (validate only)."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import time
from pathlib import Path

import polib
import pytest

from podium.core import programme as core
from podium.core import sessionfile

PACKAGE = Path(__file__).resolve().parents[2]  # src/podium
SESSIONS = sorted((PACKAGE / "fixtures" / "sessions").glob("*.yaml"))
SEED_TEXT = (PACKAGE / "fixtures" / "sessions" / "gcm-its2-drivers.yaml").read_text("utf-8")
LANGUAGES = ("ar", "zh_Hans", "fr", "ru", "es")
CHECKS = (PACKAGE / "core" / "programme.py", PACKAGE / "core" / "sessionfile.py")

D1_WELCOME = '      - time: "10:00-10:10"\n        kind: welcome'
D1_BLOCKS = (
    '    blocks: ["10:00-13:00", "15:00-18:00"]\n    side_event_windows: ["13:15-14:45"]   #'
)
D2_BLOCKS = '    blocks: ["10:00-13:00", "15:00-18:00"]\n    side_event_windows: ["13:15-14:45"]\n'
PANEL_1_END = "    experts: [TBC, TBC, TBC]\n  - number: 2"
SUMMARY = "summary_panel:\n  title:"
CLOSING_1 = "        title: Closing remarks by the co-facilitators\n  - date: 2017-05-23"

# A broken copy of the seed for every message: each is (old, new) replacements.
BROKEN: list[list[tuple[str, str]]] = [
    [("city: New York\n", "city: New York\ncolour: blue\n")],
    [("city: New York\n", "city: New York\ncity: Geneva\n")],
    [(PANEL_1_END, "    experts: {a: b}\n  - number: 2")],
    [("city: New York\n", "city: [New, York]\n")],
    [("city: New York\n", 'city: "New\\0York"\n')],
    [("    title: Human-made crises", "    title: {xx: Human-made crises}\n    x_title: ")],
    [("    title: Human-made crises", "    title: {en: [Human-made crises]}\n    x_title: ")],
    [("  - number: 2\n", "  - number: two\n")],
    [("  pre_inscribed_list: false", "  pre_inscribed_list: maybe")],
    [(D1_WELCOME, '      - start: "ten"\n        end: "10:10"\n        kind: welcome')],
    [(D1_WELCOME, '      - start: "10:00"\n        end: "ten"\n        kind: welcome')],
    [(D1_WELCOME, '      - start: "10:10"\n        end: "10:00"\n        kind: welcome')],
    [(D1_WELCOME, '      - time: "10:00-25:10"\n        kind: welcome')],
    [(D1_WELCOME, '      - time: {start: "10:00"}\n        kind: welcome')],
    [(D1_WELCOME, '      - time: {start: "ten", end: "10:10"}\n        kind: welcome')],
    [(D1_WELCOME, '      - time: {start: "10:00", end: "ten"}\n        kind: welcome')],
    [(D1_WELCOME, '      - time: "ten to eleven"\n        kind: welcome')],
    [(D1_WELCOME, '      - time: "10:10-10:00"\n        kind: welcome')],
    [(D1_WELCOME, "      - kind: welcome")],
    [(D1_WELCOME, '      - time: "10:00-10:10"')],
    [(D1_WELCOME, '      - time: "ten"\n        kind: dance')],
    [(D1_WELCOME, '      - time: "10:00-10:10"\n        kind: dance')],
    [(D1_WELCOME, '      - time: "10:00-10:10"\n        kind: welcome\n        speakers: 5')],
    [(D1_WELCOME, '      - time: "10:00-10:10"\n        kind: welcome\n        panel: 1')],
    [(D1_WELCOME, '      - time: "10:00-10:10"\n        kind: welcome\n        colour: red')],
    [(D1_WELCOME, '      - time: "09:00-09:10"\n        kind: welcome')],
    [(D1_WELCOME, '      - time: "19:00-19:10"\n        kind: welcome')],
    [('      - time: "10:10-10:15"', '      - time: "10:05-10:15"')],
    [('      - time: "10:10-10:15"', '      - time: "10:10-10:12"')],
    [("  expert: 5-7", "  expert: [5, 6, 7]")],
    [("  expert: 5-7", "  expert: {min: 5}")],
    [("  expert: 5-7", "  expert: lots")],
    [("  expert: 5-7", "  expert: 7-5")],
    [("  expert: 5-7", "  expert: 5-60")],
    [("  - {name: TBC, entity: MEX}", "  - {name: [TBC], entity: MEX}")],
    [("  intervention: 3  ", "  intervention: x  ")],
    [("  rounds: [member-states,", "  rounds: [[member-states],")],
    [("  rounds: [member-states,", "  rounds: [everyone,")],
    [("slug: gcm-its2-drivers\n", "")],
    [("slug: gcm-its2-drivers\n", "slug: GCM_its2\n")],
    [("time_zone: America/New_York", "time_zone: Mars/Olympus")],
    [("  - {name: TBC, entity: MEX}\n  - {name: TBC, entity: CHE}\n", "  []\n")],
    [("\ndays:\n", "\nsummary_panels: []\ndays:\n")],
    [("slug: gcm", "format: podium-session/9\nslug: gcm")],
    [("slug: gcm", "format: {moderators_may_be: [anyone]}\nslug: gcm")],
    [("slug: gcm", "format: {moderators_may_be: [co_chair]}\nslug: gcm")],
    [
        (
            "slug: gcm",
            "format: {moderators_may_be: [member_state, co_chair, un_entity, igo]}\nslug: gcm",
        ),
        ("{name: TBC, entity: BGD}\n    experts", "{name: TBC}\n    experts"),
    ],
    [("{name: TBC, entity: BGD}\n    experts", "{name: TBC}\n    experts")],
    [("{name: TBC, entity: BGD}\n    experts", "{name: TBC, entity: PSE}\n    experts")],
    [("{name: TBC, entity: BGD}\n    experts", "{name: TBC, entity: XXX}\n    experts")],
    [("{name: TBC, entity: BGD}\n    experts", "[BGD]\n    experts")],
    [("  - number: 3\n    title: Adverse", "  - title: Adverse")],
    [("    moderator: {name: TBC, entity: GHA}", "    moderator: TBC\n    moderators: [TBC]")],
    [(PANEL_1_END, "    experts: [TBC, TBC, TBC]\n    colour: red\n  - number: 2")],
    [(PANEL_1_END, "    experts: [TBC, TBC, TBC]\n    limits: [1]\n    floor: [1]\n  - number: 2")],
    [(PANEL_1_END, "    experts: []\n  - number: 2")],
    [("  - number: 2\n", "  - number: 1\n")],
    [("        panel: 3", "        panel: 4")],
    [("        kind: expert_panel\n        panel: 1", "        kind: expert_panel")],
    [("        panel: 2", "        panel: 1")],
    [("  thematic_expert: TBC\n", "  thematic_expert: TBC\n  colour: red\n")],
    [("  thematic_expert: TBC\n", "  thematic_expert: [TBC]\n  limits: [1]\n  floor: [1]\n")],
    [("    - {name: TBC, entity: FJI}\n", "    - [FJI]\n")],
    [("    - {name: TBC, entity: FJI}\n", "    - {name: Someone, entity: FRA}\n")],
    [(SUMMARY, "summary_panels:\n- {colour: red}\n- {number: x}\n- number: 1\n  title:")],
    [
        (
            SUMMARY,
            "summary_panels:\n- {number: 2, title: Two}\n- {number: 2}\n- number: 1\n  title:",
        ),
        ("        kind: summary_panel\n", "        kind: summary_panel\n        panel: 3\n"),
    ],
    [(SUMMARY, "summary_panels:\n- {number: 2, title: Two}\n- number: 1\n  title:")],
    [("        kind: conclusions\n", "        kind: summary_panel\n")],
    [("        kind: summary_panel\n", "        kind: other\n        title: x\n")],
    [("summary_panel:\n", "x_summary_panel:\n")],
    [("        kind: closing\n" + CLOSING_1, "        kind: other\n  - date: 2017-05-23")],
    [("  - date: 2017-05-23\n", "  - date: 2017-05-23\n    colour: red\n")],
    [("  - date: 2017-05-23\n    blocks:", "  - blocks:")],
    [("  - date: 2017-05-23\n", "  - date: 2017-13-45\n")],
    [("  - date: 2017-05-23\n", "  - date: 2017-05-22\n")],
    [("  - date: 2017-05-23\n", "  - date: [2017]\n")],
    [(D2_BLOCKS, '    side_event_windows: ["13:15-14:45"]\n')],
    [(D2_BLOCKS, '    blocks: ["10:00-13:00", "15:00-18:00", "19:00-20:00"]\n')],
    [(D1_BLOCKS, '    blocks: ["ten"]\n    side_event_windows: ["x"]   #')],
    [
        (
            D1_BLOCKS,
            '    blocks: ["10:00-13:00", "12:00-18:00"]\n    side_event_windows: ["13:15-14:45"]   #',
        )
    ],
    [
        (
            D1_BLOCKS,
            '    blocks: ["10:00-13:00", "15:00-18:00"]\n    side_event_windows: ["06:00-07:00"]   #',
        )
    ],
    [
        (
            D1_BLOCKS,
            '    blocks: ["10:00-13:00", "15:00-18:00"]\n    side_event_windows: ["12:00-12:30"]   #',
        )
    ],
    [
        (
            '"17:50-18:00"\n        kind: closing\n' + CLOSING_1,
            '"17:50-17:55"\n        kind: closing\n' + CLOSING_1,
        )
    ],
]
TEXTS = [
    "",
    "a: [b\n",
    "- a\n- b\n",
    SEED_TEXT.split("\ndays:")[0] + "\ndays: []\n",
    SEED_TEXT + "  - date: 2017-05-24\n",
]


def _variant(pairs: list[tuple[str, str]]) -> str:
    text = SEED_TEXT
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _odd_programmes() -> list[core.Programme]:
    """What the file format refuses before the rules see it: the rules still say it."""
    p = sessionfile.parse(SEED_TEXT).programme
    assert p is not None
    day = p.days[0]
    seg = replace(day.segments[0], start=time(10, 10), end=time(10, 0))
    return [
        replace(p, time_zone="Mars/Olympus"),
        replace(p, days=(replace(day, blocks=(core.Block(time(13), time(10)),)), *p.days[1:])),
        replace(p, days=(replace(day, segments=(seg, *day.segments[1:])), *p.days[1:])),
        replace(
            p,
            days=(replace(day, side_event_windows=(core.Window(time(14), time(13)),)), *p.days[1:]),
        ),
    ]


def _problems() -> list[core.Problem]:
    out: list[core.Problem] = []
    for path in SESSIONS:
        out.extend(sessionfile.check(path).problems)
    for text in [*TEXTS, *(_variant(pairs) for pairs in BROKEN)]:
        out.extend(sessionfile.check_text(text).problems)
    for p in _odd_programmes():
        out.extend(core.validate(p))
    return out


PROBLEMS = _problems()


def _texts(value: object) -> list[core.Text]:
    """The `Text` parameters of a problem or a Text, nested ones included."""
    params = value.params if isinstance(value, core.Problem | core.Text) else ()
    found = [v for _, v in params if isinstance(v, core.Text)]
    return [*found, *(t for v in found for t in _texts(v))]


def _fill(template: str, params: core.Params) -> str:
    return template % {k: str(v) for k, v in params} if params else template


def _marked() -> set[str]:
    """Every literal the checks mark with `_(…)`."""
    out = set()
    for path in CHECKS:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_":
                (arg,) = node.args
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(arg)
                out.add(arg.value)
    return out


def test_every_problem_is_its_template_with_its_parameters() -> None:
    assert len(PROBLEMS) > 150
    for p in PROBLEMS:
        assert p.template, f"a problem without a template: {p.message!r}"
        assert _fill(p.template, p.params) == p.message, p
        for t in _texts(p):
            assert t.template and _fill(t.template, t.params) == str(t), t
        for _, value in p.params:  # data is shown as it is, so it is plain (JSON-able) data
            assert isinstance(value, str | int | core.Text), (p.template, value)


def test_the_corpus_reaches_every_marked_message_and_every_one_is_marked() -> None:
    reached = {p.template for p in PROBLEMS} | {
        t.template for p in PROBLEMS for t in _texts(p) if not t.context
    }
    marked = _marked()
    assert not reached - marked, f"templates not marked with _(): {sorted(reached - marked)}"
    assert not marked - reached, f"marked but never produced here: {sorted(marked - reached)}"


def test_no_check_message_is_written_without_its_marker() -> None:
    """A message given to err/warn/fail/Problem/Text as an f-string or a bare literal would
    be English only."""
    makers = {"err", "warn", "fail", "of", "Problem", "Text"}
    for path in CHECKS:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in makers:
                continue
            for arg in node.args[:1]:  # the message; then a line, a severity
                bare = isinstance(arg, ast.JoinedStr) or (
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
                assert not bare, f"{path.name}:{node.lineno}: a message without _()"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_and_word_is_translated(lang: str) -> None:
    po = polib.pofile(str(PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"))
    translated = {
        (e.msgctxt or "", e.msgid)
        for e in po
        if not e.obsolete and e.translated() and "fuzzy" not in e.flags
    }
    wanted = {("", p.template) for p in PROBLEMS}
    wanted |= {(t.context, t.template) for p in PROBLEMS for t in _texts(p)}
    wanted |= {("segment kind", kind) for kind in core.SEGMENT_KINDS}
    missing = sorted(wanted - translated)
    assert not missing, f"{lang}: {len(missing)} check messages without translation: {missing[:5]}"

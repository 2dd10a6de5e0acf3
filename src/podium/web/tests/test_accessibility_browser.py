"""WCAG 2.2 AA in a real browser: axe-core (the copy axe-playwright-python ships) on every page of
the README's table, as each role that sees it, with the WCAG 2.0, 2.1 and 2.2 A and AA rules and
targets of at least 24×24 px (`target-size`, 2.5.8); no critical or serious violation. And the
phone's live region says "you are next" and "you have the floor" when the moderator acts."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from . import walk

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']});
  const ran = [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map(x => x.id);
  return {ran, violations: r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}))};
}"""


def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe(page: Any, source: str) -> dict[str, Any]:
    """axe-core's run on the page as it is now: the rules that ran, the serious violations."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(source)
    found: dict[str, Any] = page.evaluate(RUN, TAGS)
    assert "target-size" in found["ran"] and "color-contrast" in found["ran"]
    return found


def test_every_page_as_each_role_has_no_serious_accessibility_violation(
    asgi_server: Any, chromium: Any
) -> None:
    values = walk.prepare()
    source = axe_source()
    problems: list[str] = []
    checked = 0
    for username, urls in walk.pages():
        ctx = walk.signed_in_context(
            chromium, asgi_server, username, viewport={"width": 1280, "height": 900}
        )
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        for url in urls:
            url = url.format(**values)
            r = page.goto(f"{asgi_server.url}{url}")
            expected = walk.status(username, url)
            assert r is not None and r.status == expected, (username, url, r and r.status)
            found = axe(page, source)
            checked += 1
            for v in found["violations"]:
                problems.append(
                    f"{url} as {username or 'public'}: {v['id']} ({v['impact']}: {v['help']})\n    "
                    + "\n    ".join(v["nodes"])
                )
        ctx.close()
    assert checked > 100
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems)


# what the phone's two live regions say, in order
RECORD = """() => {
  window.__said = [];
  const out = [];
  for (const id of ['d-next', 'd-floor']) {
    const node = document.getElementById(id);
    new MutationObserver(() => { if (node.textContent) window.__said.push(node.textContent); })
      .observe(node, {childList: true, characterData: true, subtree: true});
    out.push([node.getAttribute('aria-live'), node.textContent]);
  }
  return out;
}"""


def test_the_phone_announces_you_are_next_then_you_have_the_floor(
    asgi_server: Any, chromium: Any
) -> None:
    """Mexico is third in line: nothing is said while Bangladesh speaks; when Germany is called
    the phone says (politely) that Mexico is next, when Mexico is called (assertively) that it
    has the floor; each once, though the countdown ticks on and others ask for the floor."""
    from playwright.sync_api import expect

    from podium.floor.tests.conftest import client_for, post
    from podium.people.demo import create_demo_accounts
    from podium.programme.services import import_session_file
    from podium.record.tests.conftest import SEED

    create_demo_accounts(import_session_file(SEED))
    mod = client_for("moderator1")
    assert post(mod, walk.SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod, walk.SLUG, command="open_discussion").status_code == 200
    for code in ("BGD", "DEU", "MEX"):
        assert post(mod, walk.SLUG, command="request", entity=code).status_code == 200
    ctx = walk.signed_in_context(
        chromium, asgi_server, "delegate-mex", viewport={"width": 390, "height": 844}
    )
    phone = ctx.new_page()
    phone.set_default_timeout(10_000)
    phone.goto(f"{asgi_server.url}{walk.S}/floor/delegate")
    nxt, floor = phone.locator("#d-next"), phone.locator("#d-floor")
    assert phone.evaluate(RECORD) == [["polite", ""], ["assertive", ""]]
    # empty, the live regions are still in the accessibility tree (else filling them says
    # nothing), the countdown's "30 seconds left" one too
    shown = "id => getComputedStyle(document.getElementById(id)).display"
    for region in ("d-next", "d-floor", "d-announce"):
        assert phone.evaluate(f"({shown})('{region}')") != "none", region
    assert post(mod, walk.SLUG, command="call_next").status_code == 200  # Bangladesh
    expect(phone.locator("#d-place")).to_have_text("Place 2")
    assert nxt.text_content() == "" and floor.text_content() == ""
    assert post(mod, walk.SLUG, command="call_next").status_code == 200  # Germany
    expect(nxt).to_have_text("You are next: Mexico")
    assert nxt.is_visible()
    # the floor changes (a new request) but Mexico's turn does not: nothing is said again
    assert post(mod, walk.SLUG, command="request", entity="NGA").status_code == 200
    phone.wait_for_timeout(800)
    assert post(mod, walk.SLUG, command="call_next").status_code == 200  # Mexico
    expect(floor).to_have_text("You have the floor: Mexico")
    expect(nxt).to_have_text("")
    assert post(mod, walk.SLUG, command="request", entity="CHE").status_code == 200
    phone.wait_for_timeout(1500)  # the countdown ticks on; the regions say nothing more
    said = phone.evaluate("window.__said")
    assert said == ["You are next: Mexico", "You have the floor: Mexico"], said
    # and the phone, at its size, with the floor: no serious violation either
    assert axe(phone, axe_source())["violations"] == []
    ctx.close()

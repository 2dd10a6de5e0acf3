"""WCAG 2.2 AA in a real browser: axe-core (the copy axe-playwright-python ships) on every page of
the README's table, as each role that sees it, with the WCAG 2.0, 2.1 and 2.2 A and AA rules and
targets of at least 24×24 px (`target-size`, 2.5.8); no critical or serious violation."""

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
            if not page.evaluate("() => typeof axe !== 'undefined'"):
                page.evaluate(source)
            found = page.evaluate(RUN, TAGS)
            assert "target-size" in found["ran"] and "color-contrast" in found["ran"], url
            checked += 1
            for v in found["violations"]:
                problems.append(
                    f"{url} as {username or 'public'}: {v['id']} ({v['impact']}: {v['help']})\n    "
                    + "\n    ".join(v["nodes"])
                )
        ctx.close()
    assert checked > 100
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems)

"""The forecast of the seed session's segments, as the floor opens them, against the programme's
budget (the finding: 52 fit in panel 1 where the programme says 43–45, 48 in the summary panel
where it says 30)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import client_for, post

pytestmark = pytest.mark.django_db
SLUG = "gcm-its2-drivers"


def budgets(session: Any) -> dict[tuple[str, int | None], tuple[int, int]]:
    from podium.core import programme as prog
    from podium.programme.services import programme_of

    return {
        (b.kind, b.panel_number): (b.interventions.min, b.interventions.max)
        for b in prog.budget(programme_of(session))
        if b.interventions is not None
    }


def test_every_panel_opens_with_the_budgets_range(seed: Any) -> None:
    from podium.core.floor import Event, fold
    from podium.core.forecast import forecast
    from podium.floor.services import segment_configs

    expected = budgets(seed)
    assert expected[("expert_panel", 1)] == (43, 45)
    assert expected[("summary_panel", None)] == (30, 30)
    seen = 0
    for cfg in segment_configs(seed):
        key = (cfg.kind, cfg.panel_number)
        if key not in expected:
            continue
        assert cfg.planned_start is not None
        state = fold([Event("segment_opened", cfg.planned_start, {"segment": cfg.to_json()})])
        fc = forecast(state, cfg.planned_start)
        assert fc is not None
        assert (fc.fit_min, fc.fit_max) == expected[key], cfg.id
        seen += 1
    assert seen == 4  # three expert panels and the summary panel


def test_the_console_is_sent_the_budgets_range_when_panel_1_opens(seed: Any) -> None:
    r = post(client_for("mod1"), SLUG, command="open_segment", segment="panel-1")
    assert r.status_code == 200, r.json()
    fc = r.json()["forecast"]
    assert (fc["fit_min"], fc["fit"], fc["fit_max"]) == (43, 43, 45)
    assert fc["advice"] is None and fc["warning"] is False and fc["pace_s"] == 180

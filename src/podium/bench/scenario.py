"""A floor scenario on a real database, for the benchmarks and the fault tests.

`python -m podium.bench.scenario --delegations 200` (with DATABASE_URL / PODIUM_DATA_DIR set)
migrates, loads the seed session, creates a secretariat account and one delegate account per
delegation (States, IGOs, UN entities), each with an API token, opens panel 1 and its discussion
through the floor's own service, and prints JSON: {"slug", "secretariat", "delegates": [[code,
token], ...]}. Bench accounts use a fast password hasher: this is a throwaway database.
"""

from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management import call_command

from podium.core.commands import Actor


def setup(delegations: int, open_discussion: bool = True, speaking: bool = False) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False, stdout=io.StringIO())
    # Models are not importable before apps are ready (this module runs as a script: main()).
    from podium.floor import services as floor
    from podium.people.loader import sync_reference_entities
    from podium.people.models import ApiToken, Entity, RoleKind
    from podium.people.services import grant
    from podium.programme.models import Session
    from podium.programme.services import import_session_file, session_slug_of_file

    seed = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    slug = session_slug_of_file(seed)
    session = Session.objects.filter(slug=slug).first() or import_session_file(seed)
    if not Entity.objects.filter(code="MEX").exists():
        sync_reference_entities()
    g = grant("bench-secretariat", RoleKind.SECRETARIAT, session)
    _t, secretariat = ApiToken.issue(g.user, "bench")
    kinds = ["member-state", "observer-state", "igo", "un-entity"]
    entities = list(Entity.objects.filter(kind__in=kinds).order_by("code")[:delegations])
    delegates = []
    for e in entities:
        d = grant(f"bench-{e.code.lower()}", RoleKind.DELEGATE, session, e)
        _t, raw = ApiToken.issue(d.user, "bench")
        delegates.append([e.code, raw])
    if open_discussion:
        state = floor.state_of(session)
        bench = Actor.system("bench")
        if state.segment is None:
            floor.execute(session, {"command": "open_segment", "segment": "panel-1"}, bench)
            floor.execute(session, {"command": "open_discussion"}, bench)
        if speaking and entities:
            floor.execute(session, {"command": "request", "entity": entities[0].code}, bench)
            floor.execute(session, {"command": "call_next"}, bench)
    return {"slug": slug, "secretariat": secretariat, "delegates": delegates}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--delegations", type=int, default=200)
    ap.add_argument("--no-discussion", action="store_true")
    ap.add_argument("--speaking", action="store_true", help="the first delegation has the floor")
    a = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    django.setup()
    print(json.dumps(setup(a.delegations, not a.no_discussion, a.speaking)))


if __name__ == "__main__":
    main()

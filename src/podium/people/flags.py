"""States' flags as images (SVG, 4:3), shipped with the static files: `static/flags/<iso2>.svg`.

The images are the `flag-icons` package's (npm, MIT licence; `static/flags/LICENSE` and
`static/flags/SOURCE.md` say which version), one per Member State and observer State of the
reference data (`podium.core.entities`: its ISO 3166-1 alpha-2 code names the file). Groups,
organizations, UN entities and stakeholders have none: screens show their code in a box.
Never emoji flags: they need an emoji font, which room PCs and servers often lack.

Refresh the files from a newer package (offline once the package is fetched):

    cd /tmp && npm pack flag-icons && tar xzf flag-icons-*.tgz
    .venv/bin/python -m podium.people.flags /tmp/package
"""

from __future__ import annotations

import json
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

from django.templatetags.static import static

from podium.core.entities import all_entities, lookup

FLAGS_DIR = Path(__file__).resolve().parent / "static" / "flags"


def iso2_of(entity: Any) -> str:
    """The lower-case ISO alpha-2 code of a State (an entity, a code or a mapping with `code` or
    `entity`) that has a flag image, else ""."""
    if isinstance(entity, str):
        code = entity
    elif isinstance(entity, dict):
        code = str(entity.get("code") or entity.get("entity") or "")
    else:
        code = str(getattr(entity, "code", "") or "")
    record = lookup(code) if code else None
    if record is None or not record.is_state or not record.iso2:
        return ""
    iso2 = record.iso2.lower()
    return iso2 if iso2 in _shipped() else ""


@cache
def _shipped() -> frozenset[str]:
    return frozenset(p.stem for p in FLAGS_DIR.glob("*.svg"))


def flag_url(entity: Any) -> str:
    """The static URL of the entity's flag image, "" when it has none."""
    iso2 = iso2_of(entity)
    return static(f"flags/{iso2}.svg") if iso2 else ""


@cache
def flag_urls() -> dict[str, str]:
    """{iso2: static URL} of every shipped flag: what the floor's screens are given to draw
    the snapshot's `flag` (an ISO alpha-2 code) as an image."""
    return {iso2: static(f"flags/{iso2}.svg") for iso2 in sorted(_shipped())}


def copy_from(package: Path) -> list[str]:
    """Copy the 4x3 SVG of every State of the reference data, and the licence, from an unpacked
    `flag-icons` package into `static/flags/`; returns the codes copied."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    FLAGS_DIR.mkdir(parents=True, exist_ok=True)
    copied = []
    for record in all_entities():
        if not record.is_state or not record.iso2:
            continue
        iso2 = record.iso2.lower()
        shutil.copyfile(package / "flags" / "4x3" / f"{iso2}.svg", FLAGS_DIR / f"{iso2}.svg")
        copied.append(iso2)
    shutil.copyfile(package / "LICENSE", FLAGS_DIR / "LICENSE")
    (FLAGS_DIR / "SOURCE.md").write_text(
        f"# Flags\n\nThe 4:3 SVG flags of the {len(copied)} Member States and observer States "
        f"of the United Nations, copied unchanged from the npm package `flag-icons` "
        f"{meta['version']} ({meta['repository']['url']}, {meta['license']} licence: "
        "`LICENSE` here) by `python -m podium.people.flags PACKAGE_DIR` "
        "(`src/podium/people/flags.py`).\n",
        encoding="utf-8",
    )
    return copied


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    done = copy_from(Path(sys.argv[1]))
    print(f"{len(done)} flags copied to {FLAGS_DIR}")

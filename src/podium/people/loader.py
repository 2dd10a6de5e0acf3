"""Copy the core reference data (States, groups, IGOs, UN entities) into `Entity` rows. Idempotent."""

from __future__ import annotations

from typing import Any

from podium.core.entities import all_entities
from podium.people.models import Entity


def sync_reference_entities(entity_model: Any = None) -> int:
    """Create or update every reference entity and group membership; returns the number of rows.

    Works with the real model or a migration's historical one (pass `apps.get_model(...)`).
    Stakeholders and entities added by hand are left alone.
    """
    if entity_model is None:
        entity_model = Entity
    records = all_entities()
    existing = {e.code: e for e in entity_model.objects.all()}
    for r in records:
        values = {
            "kind": r.kind,
            "name": r.name,
            "iso2": r.iso2 or "",
            "iso3": r.iso3 or "",
            "numeric": r.numeric or "",
            "regional_groups": list(r.groups) if r.is_state else [],
            "observes": list(r.observes),
            "election_group": r.election_group or "",
            "from_reference_data": True,
        }
        row = existing.get(r.code)
        if row is None:
            existing[r.code] = entity_model.objects.create(code=r.code, **values)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.save()
    for r in records:
        if r.kind == "group":
            wanted = {existing[c].pk for c in r.members if c in existing}
            group = existing[r.code]
            have = set(group.members.values_list("pk", flat=True))
            if wanted != have:
                group.members.set(wanted)
    return len(records)

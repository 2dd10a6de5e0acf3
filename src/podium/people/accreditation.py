"""Stakeholder accreditation per A/RES/71/280.

- NGOs in consultative status with ECOSOC register with the Secretariat: accredited on registration.
- Other organizations go on a non-objection list published by the secretariat with a deadline.
  Member States may object until the deadline (reason optional) and withdraw an objection.
  At the deadline, only organizations without a standing objection become accredited.

Every step appends an `AccreditationEvent`; nothing is deleted. The clock (`now`) is always passed
in by the caller: views pass `timezone.now()`, tests pass whatever instant they need.

Reading never writes. From its deadline a list's outcome is fixed (objections and withdrawals are
refused from then on), so it is read before anyone settles the list (`Entity.accreditation_at`,
`models.listings_due`, `models.accredited_now`); settling writes that same outcome, with its
events at the deadline (`close_list`). Lists are settled by explicit steps only: each step below
settles what is due at its `now` first (so the history is written in the order things happened
and the step sees the settled status), and `settle_due_lists` alone is run by `podium
load_entities` and by the secretariat's "settle" action on the accreditation page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from podium.people.models import (
    AccreditationEvent,
    AccreditationStatus,
    Entity,
    EntityKind,
    Listing,
    NonObjectionList,
    Objection,
    decided_status,
    standing_objection,
)
from podium.people.names import name_of


class AccreditationError(Exception):
    """A refused step; the message is a reason a user can read."""


def _event(entity: Entity, kind: str, now: datetime, **extra: Any) -> AccreditationEvent:
    return AccreditationEvent.objects.create(entity=entity, kind=kind, at=now, **extra)


def _require_stakeholder(entity: Entity) -> None:
    if entity.kind != EntityKind.STAKEHOLDER:
        raise AccreditationError(_("%(name)s is not a stakeholder.") % {"name": entity.name})


def _settle_first(now: datetime, *entities: Entity) -> None:
    """Settle the lists due at `now` before a step at `now`; `entities` are read again when that
    changed anything (their status may have been settled)."""
    if settle_due_lists(now):
        for entity in entities:
            entity.refresh_from_db(fields=["accreditation"])


@transaction.atomic
def register_ecosoc(
    entity: Entity, now: datetime, by: Any = None, ecosoc_status: str = ""
) -> AccreditationEvent:
    """An NGO in consultative status with ECOSOC registers with the Secretariat: accredited."""
    _require_stakeholder(entity)
    _settle_first(now, entity)
    if ecosoc_status:
        entity.ecosoc_status = ecosoc_status
    if not entity.ecosoc_status:
        raise AccreditationError(
            _("%(name)s has no ECOSOC consultative status: it goes on a non-objection list.")
            % {"name": entity.name}
        )
    entity.category = entity.category or "ecosoc-ngo"
    entity.accreditation = AccreditationStatus.ACCREDITED
    entity.save()
    registered = _event(entity, AccreditationEvent.Kind.REGISTERED, now, by=by)
    _event(entity, AccreditationEvent.Kind.ACCREDITED, now, by=by, note="ECOSOC")
    return registered


@transaction.atomic
def publish_list(
    title: str,
    organizations: Iterable[Entity],
    deadline: datetime,
    now: datetime,
    by: Any = None,
) -> NonObjectionList:
    if deadline <= now:
        raise AccreditationError(_("The deadline must be after the publication."))
    orgs = list(organizations)
    if not orgs:
        raise AccreditationError(_("A non-objection list needs at least one organization."))
    _settle_first(now, *orgs)
    for entity in orgs:
        _require_stakeholder(entity)
        if entity.accreditation_at(now) == AccreditationStatus.ACCREDITED:
            raise AccreditationError(_("%(name)s is already accredited.") % {"name": entity.name})
    nol = NonObjectionList.objects.create(
        title=title, published_at=now, deadline=deadline, published_by=by
    )
    for entity in orgs:
        Listing.objects.create(nol=nol, entity=entity, outcome=AccreditationStatus.PENDING)
        entity.accreditation = AccreditationStatus.PENDING
        entity.save(update_fields=["accreditation"])
        _event(entity, AccreditationEvent.Kind.LISTED, now, nol=nol, by=by)
    return nol


def _open(listing: Listing, now: datetime) -> None:
    nol = listing.nol
    if nol.closed_at is not None or now >= nol.deadline:
        raise AccreditationError(
            _("The deadline for objections (%(deadline)s) has passed.")
            % {"deadline": f"{nol.deadline:%Y-%m-%d %H:%M} UTC"}
        )


@transaction.atomic
def object_to(
    listing: Listing, state: Entity, now: datetime, by: Any = None, reason: str = ""
) -> Objection:
    """A Member State objects to a listed organization (before the deadline)."""
    if state.kind != EntityKind.MEMBER_STATE:
        raise AccreditationError(_("Only Member States may object."))
    _settle_first(now)
    _open(listing, now)
    if listing.objections.filter(state=state, withdrawn_at__isnull=True).exists():
        raise AccreditationError(
            _("%(state)s has already objected to %(org)s.")
            % {"state": name_of(state), "org": name_of(listing.entity)}
        )
    objection = Objection.objects.create(
        listing=listing, state=state, reason=reason.strip(), made_at=now, made_by=by
    )
    _event(
        listing.entity,
        AccreditationEvent.Kind.OBJECTED,
        now,
        nol=listing.nol,
        state=state,
        by=by,
        note=reason.strip(),
    )
    return objection


@transaction.atomic
def withdraw_objection(objection: Objection, now: datetime, by: Any = None) -> Objection:
    _settle_first(now)
    _open(objection.listing, now)
    if objection.withdrawn_at is not None:
        raise AccreditationError(_("This objection was already withdrawn."))
    objection.withdrawn_at = now
    objection.save(update_fields=["withdrawn_at"])
    _event(
        objection.listing.entity,
        AccreditationEvent.Kind.WITHDRAWN,
        now,
        nol=objection.listing.nol,
        state=objection.state,
        by=by,
    )
    return objection


@transaction.atomic
def close_list(nol: NonObjectionList, now: datetime) -> dict[str, str]:
    """Settle a list whose deadline has passed: organizations with a standing objection are not
    accredited, the others are (what `Entity.accreditation_at` read before; the events are dated
    at the deadline, when it was decided). Returns {code: outcome}. Closing twice changes
    nothing."""
    nol = NonObjectionList.objects.select_for_update().get(pk=nol.pk)
    if now < nol.deadline:
        raise AccreditationError(_("The deadline for objections has not passed yet."))
    outcomes: dict[str, str] = {}
    listings = nol.listings.select_related("entity").annotate(objected=standing_objection())
    for listing in listings:
        if nol.closed_at is not None:
            outcomes[listing.entity.code] = listing.outcome
            continue
        if listing.objected:
            outcome = AccreditationStatus.NOT_ACCREDITED
            kind = AccreditationEvent.Kind.NOT_ACCREDITED
            standing = listing.objections.filter(
                withdrawn_at__isnull=True, made_at__lt=nol.deadline
            )
            note = ", ".join(sorted(standing.values_list("state__code", flat=True)))
        else:
            outcome = AccreditationStatus.ACCREDITED
            kind = AccreditationEvent.Kind.ACCREDITED
            note = _("no objection by the deadline")
        listing.outcome = outcome
        listing.save(update_fields=["outcome"])
        entity = listing.entity
        status = decided_status(entity.accreditation, [listing.objected])
        if status != entity.accreditation:
            entity.accreditation = status
            entity.save(update_fields=["accreditation"])
        _event(entity, kind, nol.deadline, nol=nol, note=note)
        outcomes[entity.code] = outcome
    if nol.closed_at is None:
        nol.closed_at = now
        nol.save(update_fields=["closed_at"])
    return outcomes


def settle_due_lists(now: datetime) -> int:
    """Close every list whose deadline has passed; returns how many were closed now."""
    due = NonObjectionList.objects.filter(closed_at__isnull=True, deadline__lte=now)
    count = 0
    for nol in due:
        close_list(nol, now)
        count += 1
    return count


@transaction.atomic
def revoke(entity: Entity, now: datetime, by: Any = None, note: str = "") -> None:
    _require_stakeholder(entity)
    _settle_first(now, entity)
    entity.accreditation = AccreditationStatus.NOT_ACCREDITED
    entity.save(update_fields=["accreditation"])
    _event(entity, AccreditationEvent.Kind.REVOKED, now, by=by, note=note)

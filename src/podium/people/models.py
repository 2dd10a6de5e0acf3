"""Entities, persons, roles per session, stakeholder accreditation and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from podium.core.entities import regional_group_name


class EntityKind(models.TextChoices):
    MEMBER_STATE = "member-state", _("Member State")
    OBSERVER_STATE = "observer-state", _("Observer State")
    GROUP = "group", _("Group of States")
    IGO = "igo", _("Intergovernmental organization")
    UN_ENTITY = "un-entity", _("UN entity")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class StakeholderCategory(models.TextChoices):
    ECOSOC_NGO = "ecosoc-ngo", _("NGO in consultative status with ECOSOC")
    NGO = "ngo", _("Non-governmental organization")
    CIVIL_SOCIETY = "civil-society", _("Civil society organization")
    ACADEMIA = "academia", _("Academic institution")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    DIASPORA = "diaspora", _("Diaspora organization")
    MIGRANT = "migrant-organization", _("Migrant organization")


class AccreditationStatus(models.TextChoices):
    NONE = "", _("Not applicable")
    PENDING = "pending", _("Pending (on a non-objection list)")
    ACCREDITED = "accredited", _("Accredited")
    NOT_ACCREDITED = "not-accredited", _("Not accredited (objection)")


class Entity(models.Model):
    """A Member State, observer State, group of States, IGO, UN entity or stakeholder."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("ISO 3166 alpha-3 for States, a short code otherwise (upper case)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices)
    name = models.CharField(_("name"), max_length=200)
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, blank=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    regional_groups = models.JSONField(_("regional groups"), default=list, blank=True)
    observes = models.JSONField(_("observes groups"), default=list, blank=True)
    election_group = models.CharField(_("group for elections"), max_length=10, blank=True)
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="member_of", verbose_name=_("members")
    )
    from_reference_data = models.BooleanField(_("from the reference data"), default=False)
    # Stakeholders
    category = models.CharField(
        _("stakeholder category"), max_length=30, choices=StakeholderCategory.choices, blank=True
    )
    ecosoc_status = models.CharField(
        _("ECOSOC consultative status"),
        max_length=20,
        blank=True,
        choices=[("general", _("General")), ("special", _("Special")), ("roster", _("Roster"))],
    )
    country = models.CharField(_("country (alpha-3)"), max_length=3, blank=True)
    website = models.URLField(_("website"), blank=True)
    accreditation = models.CharField(
        _("accreditation status"),
        max_length=20,
        choices=AccreditationStatus.choices,
        blank=True,
        default="",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    @classmethod
    def by_code(cls, code: str) -> Entity | None:
        """The entity with this code in any case or spacing (codes are stored as `save` writes
        them: stripped, upper case); None when there is none."""
        return cls.objects.filter(code=code.strip().upper()).first()

    @property
    def is_state(self) -> bool:
        return self.kind in (EntityKind.MEMBER_STATE, EntityKind.OBSERVER_STATE)

    def accreditation_at(self, now: datetime) -> str:
        """The status at `now`: the stored one, or, when a list the entity is on has passed its
        deadline and is not settled yet, what settling it will write (`decided_status`)."""
        if (
            self.kind != EntityKind.STAKEHOLDER
            or self.accreditation == AccreditationStatus.ACCREDITED
            or self.pk is None
        ):
            return self.accreditation
        objected = listings_due(now).filter(entity=self).values_list("objected", flat=True)
        return decided_status(self.accreditation, objected)

    @property
    def is_accredited(self) -> bool:
        """Accredited now, settled or not (no write: see `accreditation_at`)."""
        return (
            self.kind == EntityKind.STAKEHOLDER
            and self.accreditation_at(timezone.now()) == AccreditationStatus.ACCREDITED
        )

    def regional_group_names(self) -> list[str]:
        """Its regional groups' labels in the reader's language."""
        return [
            regional_group_name(g, translation.get_language() or "en") for g in self.regional_groups
        ]


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Function(models.TextChoices):
    HEAD_OF_STATE = "head-of-state", _("Head of State")
    HEAD_OF_GOVERNMENT = "head-of-government", _("Head of Government")
    MINISTER = "minister", _("Minister")
    VICE_MINISTER = "vice-minister", _("Vice-Minister")
    AMBASSADOR = "ambassador", _("Ambassador / Permanent Representative")
    DEPUTY = "deputy", _("Deputy Permanent Representative")
    COUNSELLOR = "counsellor", _("Counsellor")
    SECRETARY = "secretary", _("First, Second or Third Secretary")
    ADVISER = "adviser", _("Adviser")
    HEAD_OF_AGENCY = "head-of-agency", _("Head of agency / organization")
    OFFICIAL = "official", _("Official")
    EXPERT = "expert", _("Expert")
    REPRESENTATIVE = "representative", _("Representative")
    OTHER = "other", _("Other")


class Person(models.Model):
    title = models.CharField(
        _("title"), max_length=40, blank=True, help_text=_("H.E., Mr., Ms., Dr.")
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    gender = models.CharField(
        _("gender (self-declared, optional)"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Used only for aggregate statistics."),
    )
    function = models.CharField(
        _("function / rank"), max_length=30, choices=Function.choices, blank=True
    )
    position = models.CharField(_("position title"), max_length=200, blank=True)
    entity = models.ForeignKey(
        Entity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("entity represented"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The language the person chose with the switcher; their pages open in it on any browser.
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.given_name, self.family_name) if p)


class RoleKind(models.TextChoices):
    CO_CHAIR = "co_chair", _("Co-chair (co-facilitator)")
    MODERATOR = "moderator", _("Moderator")
    EXPERT = "expert", _("Expert (panelist)")
    THEMATIC_EXPERT = "thematic_expert", _("Thematic expert")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General of the conference")
    SECRETARIAT = "secretariat", _("Secretariat officer")
    DELEGATE = "delegate", _("Delegate")
    FOCAL_POINT = "focal_point", _("Focal point of a delegation")
    STAKEHOLDER = "stakeholder", _("Stakeholder representative")
    PUBLIC = "public", _("Public")


PANEL_ROLES = frozenset({RoleKind.MODERATOR, RoleKind.EXPERT})
ENTITY_ROLES = frozenset({RoleKind.DELEGATE, RoleKind.FOCAL_POINT, RoleKind.STAKEHOLDER})


class Role(models.Model):
    """A person's role in one session; moderators and experts carry their panel's number."""

    session = models.ForeignKey(
        "programme.Session",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("session"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    panel = models.PositiveSmallIntegerField(_("panel number"), null=True, blank=True)
    entity = models.ForeignKey(
        Entity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("acting for"),
        help_text=_("The delegation or organization; defaults to the person's entity."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["session", "role", "panel", "person"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            # One role per person, session and panel; "no panel" counts once too (a partial
            # index each, as NULLS NOT DISTINCT is not available on SQLite).
            models.UniqueConstraint(
                fields=["session", "person", "role", "panel"],
                condition=models.Q(panel__isnull=False),
                name="people_role_unique_panel",
            ),
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                condition=models.Q(panel__isnull=True),
                name="people_role_unique_no_panel",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        if self.panel:
            label = f"{label} ({_('panel')} {self.panel})"
        return f"{self.person} — {label}"

    @property
    def acting_for(self) -> Entity | None:
        return self.entity or self.person.entity


# --- Stakeholder accreditation (A/RES/71/280): ECOSOC registration or non-objection ---


class NonObjectionList(models.Model):
    """A list of organizations published by the secretariat; Member States may object until the deadline."""

    title = models.CharField(_("title"), max_length=200)
    published_at = models.DateTimeField(_("published"))
    deadline = models.DateTimeField(_("deadline for objections"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organizations = models.ManyToManyField(
        Entity,
        through="Listing",
        related_name="non_objection_lists",
        verbose_name=_("organizations"),
    )

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("non-objection list")
        verbose_name_plural = _("non-objection lists")

    def __str__(self) -> str:
        return self.title


class Listing(models.Model):
    nol = models.ForeignKey(NonObjectionList, on_delete=models.CASCADE, related_name="listings")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="listings")
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=AccreditationStatus.choices,
        blank=True,
        default="pending",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nol", "entity"], name="people_listing_unique")
        ]
        verbose_name = _("listed organization")
        verbose_name_plural = _("listed organizations")

    def __str__(self) -> str:
        return f"{self.entity} — {self.nol}"


class Objection(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="objections")
    state = models.ForeignKey(
        Entity,
        on_delete=models.PROTECT,
        related_name="objections_made",
        verbose_name=_("objecting State"),
    )
    reason = models.TextField(_("reason (optional)"), blank=True)
    made_at = models.DateTimeField(_("made"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["made_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.state} → {self.listing.entity}"


class AccreditationEvent(models.Model):
    """The whole accreditation history, one row per thing that happened (never edited)."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered (ECOSOC consultative status)")
        LISTED = "listed", _("Placed on a non-objection list")
        OBJECTED = "objected", _("Objection made")
        WITHDRAWN = "withdrawn", _("Objection withdrawn")
        ACCREDITED = "accredited", _("Accredited")
        NOT_ACCREDITED = "not-accredited", _("Not accredited")
        REVOKED = "revoked", _("Accreditation revoked")

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="accreditation_history"
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    nol = models.ForeignKey(
        NonObjectionList, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.ForeignKey(
        Entity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("accreditation event")
        verbose_name_plural = _("accreditation events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.entity}: {self.get_kind_display()}"


# The outcome of a list whose deadline has passed is fixed at the deadline (objections and their
# withdrawal are refused from then on), so it can be read before the list is settled: reads never
# write, and the settled rows (`accreditation.close_list`) say the same as these functions.


def standing_objection() -> models.Exists:
    """For a `Listing` queryset: has an objection that counts (not withdrawn, made before the
    list's deadline)."""
    return models.Exists(
        Objection.objects.filter(
            listing=models.OuterRef("pk"),
            withdrawn_at__isnull=True,
            made_at__lt=models.OuterRef("nol__deadline"),
        )
    )


def listings_due(now: datetime) -> models.QuerySet[Listing]:
    """Listings on lists whose deadline has passed at `now` but that are not settled yet, each
    annotated `objected` (a standing objection)."""
    return Listing.objects.filter(nol__closed_at__isnull=True, nol__deadline__lte=now).annotate(
        objected=standing_objection()
    )


def decided_status(stored: str, objected: Iterable[bool]) -> str:
    """What settling an entity's due listings (one flag each: a standing objection) makes of
    its `stored` status: an accredited entity stays so; otherwise accredited when one of them
    had no standing objection, not accredited when all had one; unchanged without any."""
    flags = list(objected)
    if not flags or stored == AccreditationStatus.ACCREDITED:
        return stored
    return AccreditationStatus.NOT_ACCREDITED if all(flags) else AccreditationStatus.ACCREDITED


def due_objections(now: datetime) -> dict[int, list[bool]]:
    """{entity pk: [standing objection?, one per due listing]} for every entity on a list due
    and not settled at `now` (one query); see `decided_status`."""
    found: dict[int, list[bool]] = {}
    for entity_pk, objected in listings_due(now).values_list("entity_id", "objected"):
        found.setdefault(entity_pk, []).append(objected)
    return found


def accredited_now(now: datetime) -> models.Q:
    """Filter for the stakeholders accredited at `now`, settled or not."""
    unobjected = listings_due(now).filter(objected=False).values("entity_id")
    return models.Q(kind=EntityKind.STAKEHOLDER) & (
        models.Q(accreditation=AccreditationStatus.ACCREDITED) | models.Q(pk__in=unobjected)
    )


# --- Bearer tokens for API clients ---


MAX_TOKEN_DAYS = 366


def token_expiry(days: int | None = None) -> datetime:
    """When a token issued now expires: in `days` days, else `PODIUM_TOKEN_DAYS` (90)."""
    n = days if days is not None else int(getattr(settings, "PODIUM_TOKEN_DAYS", 90))
    return timezone.now() + timedelta(days=max(1, min(n, MAX_TOKEN_DAYS)))


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, the raw value is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        _("expires"),
        default=token_expiry,
        help_text=_(
            "From then on the token opens nothing; its owner or the admin may revoke it "
            "(delete it) sooner."
        ),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @classmethod
    def issue(cls, user: Any, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
        """A new token for `user`, valid `days` days (`PODIUM_TOKEN_DAYS`, 90, by default)."""
        raw = "pdm_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            key_hash=hash_token(raw),
            prefix=raw[:10],
            name=name,
            expires_at=token_expiry(days),
        )
        return token, raw

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

"""The proposal form: organizer, co-sponsors, themes, preferred slots, room needs, speakers."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from podium.core import sideevents as core
from podium.people.models import Entity, EntityKind, accredited_now
from podium.sideevents import programme_link
from podium.sideevents.models import Gender, Room, SideEvent
from podium.sideevents.services import Proposal, rooms_of

SPEAKER_ROWS = 6
SLOT_ROWS = 2  # the preferred slot and one alternative
# "Not declared" first: gender is optional and never guessed.
GENDER_CHOICES = [(Gender.UNDECLARED.value, Gender.UNDECLARED.label)] + [
    (g.value, g.label) for g in Gender if g != Gender.UNDECLARED
]


def entitled_entities() -> Any:
    """Entities that may organize or co-sponsor (`core.may_organize`): the kinds it admits,
    stakeholders only once accredited (settled or not: `accredited_now`)."""
    kinds = [k for k in EntityKind.values if core.may_organize(k, accredited=True) is None]
    return Entity.objects.filter(kind__in=kinds).exclude(
        Q(kind=EntityKind.STAKEHOLDER) & ~accredited_now(timezone.now())
    )


class ProposalForm(forms.Form):
    organizer = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Organizer"))
    cosponsors = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Co-sponsors"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Themes (the session's panels)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    room = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Room"),
        empty_label=gettext_lazy("Any room that fits"),
    )
    capacity = forms.IntegerField(label=gettext_lazy("Expected participants"), min_value=1)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Interpretation into"),
        required=False,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    webcast = forms.BooleanField(label=gettext_lazy("Webcast"), required=False)
    contact_name = forms.CharField(label=gettext_lazy("Contact name"), max_length=200)
    contact_email = forms.EmailField(label=gettext_lazy("Contact e-mail"))
    contact_phone = forms.CharField(
        label=gettext_lazy("Contact phone"), max_length=40, required=False
    )

    def __init__(
        self,
        *args: Any,
        session: Any,
        organizers: Any,
        event: SideEvent | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.zone = programme_link.zone_of(session)
        self.fields["organizer"].queryset = organizers
        if event is not None:
            self.fields["organizer"].disabled = True  # a disabled field keeps its initial value
            self.fields["organizer"].initial = event.organizer_id
        elif organizers.count() == 1:
            self.fields["organizer"].initial = organizers.first()
        self.fields["cosponsors"].queryset = entitled_entities()
        self.fields["themes"].choices = programme_link.panel_themes(session)
        self.fields["room"].queryset = rooms_of(session)
        days = [(d.isoformat(), f"{d:%a %d %b %Y}") for d in programme_link.session_days(session)]
        for i in range(SLOT_ROWS):
            required = i == 0
            self.fields[f"slot{i}_day"] = forms.ChoiceField(
                label=gettext_lazy("Day"),
                choices=days if required else [("", "—"), *days],
                required=required,
            )
            self.fields[f"slot{i}_start"] = forms.TimeField(
                label=gettext_lazy("From"),
                required=required,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            self.fields[f"slot{i}_end"] = forms.TimeField(
                label=gettext_lazy("To"),
                required=required,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
        for i in range(SPEAKER_ROWS):
            self.fields[f"speaker{i}_name"] = forms.CharField(
                label=gettext_lazy("Speaker"), required=False, max_length=200
            )
            self.fields[f"speaker{i}_gender"] = forms.ChoiceField(
                label=gettext_lazy("Gender"),
                choices=GENDER_CHOICES,
                required=False,
                initial=Gender.UNDECLARED,
            )
            self.fields[f"speaker{i}_affiliation"] = forms.CharField(
                label=gettext_lazy("Affiliation"), required=False, max_length=200
            )
        if event is not None and not self.is_bound:
            self.initial.update(initial_of(event, self.zone))

    def slot_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"slot{i}_day"], self[f"slot{i}_start"], self[f"slot{i}_end"])
            for i in range(SLOT_ROWS)
        ]

    def speaker_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"speaker{i}_name"], self[f"speaker{i}_gender"], self[f"speaker{i}_affiliation"])
            for i in range(SPEAKER_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        slots = []
        for i in range(SLOT_ROWS):
            day, start, end = (data.get(f"slot{i}_{k}") for k in ("day", "start", "end"))
            if not day and not start and not end:
                continue
            if not (day and start and end):
                self.add_error(f"slot{i}_day", _("Give the day, the start and the end."))
                continue
            d = date.fromisoformat(day)
            slots.append(
                (
                    datetime.combine(d, start, tzinfo=self.zone),
                    datetime.combine(d, end, tzinfo=self.zone),
                )
            )
        data["slots"] = slots
        return data

    def proposal(self) -> Proposal:
        d = self.cleaned_data
        speakers = [
            core.Speaker(
                d.get(f"speaker{i}_name", "").strip(),
                core.Gender(d.get(f"speaker{i}_gender") or core.Gender.UNDECLARED),
                d.get(f"speaker{i}_affiliation", "").strip(),
            )
            for i in range(SPEAKER_ROWS)
            if d.get(f"speaker{i}_name", "").strip()
        ]
        room: Room | None = d.get("room")
        return Proposal(
            title=d["title"],
            description=d.get("description", ""),
            themes=list(d.get("themes") or []),
            slots=d["slots"],
            room=room,
            needs=core.RoomNeeds(
                capacity=d["capacity"],
                languages=frozenset(d.get("languages") or []),
                webcast=bool(d.get("webcast")),
            ),
            speakers=speakers,
            cosponsors=list(d.get("cosponsors") or []),
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            contact_phone=d.get("contact_phone", ""),
        )


def initial_of(event: SideEvent, zone: Any) -> dict[str, Any]:
    start = event.start.astimezone(zone)
    end = event.end.astimezone(zone)
    initial: dict[str, Any] = {
        "organizer": event.organizer_id,
        "cosponsors": list(event.cosponsors.all()),
        "title": event.title,
        "description": event.description,
        "themes": list(event.themes or []),
        "room": event.room_id,
        "capacity": event.capacity_needed,
        "languages": list(event.languages_needed or []),
        "webcast": event.webcast_needed,
        "contact_name": event.contact_name,
        "contact_email": event.contact_email,
        "contact_phone": event.contact_phone,
        "slot0_day": start.date().isoformat(),
        "slot0_start": start.time().replace(second=0, microsecond=0),
        "slot0_end": end.time().replace(second=0, microsecond=0),
    }
    for i, (s, e) in enumerate((event.alternatives or [])[: SLOT_ROWS - 1], start=1):
        s_dt = datetime.fromisoformat(s).astimezone(zone)
        e_dt = datetime.fromisoformat(e).astimezone(zone)
        initial[f"slot{i}_day"] = s_dt.date().isoformat()
        initial[f"slot{i}_start"] = s_dt.time()
        initial[f"slot{i}_end"] = e_dt.time()
    for i, sp in enumerate(list(event.speakers.all())[:SPEAKER_ROWS]):
        initial[f"speaker{i}_name"] = sp.name
        initial[f"speaker{i}_gender"] = sp.gender
        initial[f"speaker{i}_affiliation"] = sp.affiliation
    return initial


def apply_suggestion(data: Any, value: str, zone: Any) -> Any:
    """A POST where the organizer clicked one of the offered (room, slot) pairs: put it first."""
    data = data.copy()
    try:
        room, start_s, end_s = value.split("|")
        start = datetime.fromisoformat(start_s).astimezone(zone)
        end = datetime.fromisoformat(end_s).astimezone(zone)
    except ValueError:
        return data
    data["room"] = room
    data["slot0_day"] = start.date().isoformat()
    data["slot0_start"] = start.strftime("%H:%M")
    data["slot0_end"] = end.strftime("%H:%M")
    return data


__all__ = ["ProposalForm", "apply_suggestion", "entitled_entities", "time"]

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from podium.people.models import (
    MAX_TOKEN_DAYS,
    EntityKind,
    Function,
    Gender,
    StakeholderCategory,
)

MAX_NAME = 200  # an entity's name, as stored


class DelegateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=40, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    function = forms.ChoiceField(
        label=_("Function / rank"), choices=[("", "—"), *Function.choices], required=False
    )
    position = forms.CharField(label=_("Position title"), max_length=200, required=False)
    gender = forms.ChoiceField(
        label=_("Gender (optional, self-declared, used only for aggregate statistics)"),
        choices=[("", _("Prefer not to say")), *Gender.choices],
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail (an invitation to set a password is sent there)"), required=False
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("delegate", _("Delegate")), ("focal_point", _("Focal point"))],
        initial="delegate",
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check every row, import nothing"), required=False, initial=True
    )


class ObjectionForm(forms.Form):
    listing = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    state = forms.CharField(max_length=3, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishListForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    deadline = forms.DateTimeField(
        label=_("Deadline for objections (UTC)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    organizations = forms.CharField(
        label=_("Organizations, one per line: name | category"),
        help_text=_("Categories: %(c)s")
        % {"c": ", ".join(c for c in StakeholderCategory.values if c != "ecosoc-ngo")},
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=200_000,
    )

    def clean_organizations(self) -> list[tuple[str, str]]:
        """(name, category) per non-empty line; a line too long or with an unknown category
        is refused naming its line (the list is published whole or not at all)."""
        out: list[tuple[str, str]] = []
        errors: list[str] = []
        categories = [c for c in StakeholderCategory.values if c != "ecosoc-ngo"]
        for n, line in enumerate(self.cleaned_data["organizations"].splitlines(), start=1):
            name, _sep, category = (part.strip() for part in line.partition("|"))
            if not name:
                continue
            if len(name) > MAX_NAME:
                errors.append(
                    _("line %(n)s: the name has %(len)s characters; at most %(max)s.")
                    % {"n": n, "len": len(name), "max": MAX_NAME}
                )
            elif category and category not in categories:
                errors.append(
                    _("line %(n)s: unknown category %(category)s.")
                    % {"n": n, "category": category[:40]}
                )
            else:
                out.append((name, category or "ngo"))
        if errors:
            raise forms.ValidationError(errors)
        if not out:
            raise forms.ValidationError(_("Name at least one organization."))
        return out


class EcosocForm(forms.Form):
    name = forms.CharField(label=_("Organization"), max_length=MAX_NAME)
    ecosoc_status = forms.ChoiceField(
        label=_("ECOSOC consultative status"),
        choices=[("general", _("General")), ("special", _("Special")), ("roster", _("Roster"))],
    )


KIND_VALUES = EntityKind.values


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Label"), max_length=100, required=False)
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        required=False,  # PODIUM_TOKEN_DAYS
    )

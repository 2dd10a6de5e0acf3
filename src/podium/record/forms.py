"""The record's forms: every field typed and bounded at the boundary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from podium.record.models import Contribution

MAX_ID = 2**31 - 1  # a row id as every database stores it
MAX_PASSAGE = 5_000  # characters: a passage quoted from a statement, not the statement


class ContributionForm(forms.Form):
    """A passage tagged as a commitment, good practice…: of a statement, or of an
    intervention of the record by its number, or of a segment and delegation."""

    statement = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    intervention = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    segment = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    entity = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = forms.ChoiceField(choices=Contribution.Kind.choices)
    text = forms.CharField(max_length=MAX_PASSAGE)
    themes = forms.MultipleChoiceField(required=False, choices=())

    def __init__(self, *args: object, themes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["themes"].choices = themes  # type: ignore[attr-defined]
        self.fields["text"].error_messages["required"] = _("Give the passage and its type.")

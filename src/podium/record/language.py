"""A statement's language, read from its text offline (langid's model ships inside the package:
nothing is fetched), among the six official languages. The uploader confirms or corrects it."""

from __future__ import annotations

from functools import cache

from langid.langid import LanguageIdentifier, model

from podium.core.programme import TEXT_LANGUAGES as OFFICIAL  # the six, by the UN's codes

MIN_CHARS = 20  # below this a guess is noise
SAMPLE_CHARS = 20_000  # the first pages say it as well as the whole text


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=False)
    identifier.set_languages(list(OFFICIAL))
    return identifier


def detect(text: str) -> str:
    """The language of `text` (one of OFFICIAL), or "" when it is too short to say."""
    sample = " ".join(text.split())[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return ""
    return str(_identifier().classify(sample)[0])

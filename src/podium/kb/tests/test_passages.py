"""Cutting statements into passages (pure)."""

from __future__ import annotations

from podium.kb.passages import MAX_PASSAGES, MAX_UNITS, split, units


def test_paragraphs_are_passages_and_a_heading_joins_the_next() -> None:
    text = (
        "Statement by Mexico\n\n"
        "Mr. Co-facilitator, we thank you for convening this session on the drivers of migration.\n\n"
        "Climate change displaces millions of people every year across our region and beyond."
    )
    out = split(text)
    assert out == [
        "Statement by Mexico Mr. Co-facilitator, we thank you for convening this session on the"
        " drivers of migration.",
        "Climate change displaces millions of people every year across our region and beyond.",
    ]


def test_a_long_paragraph_is_cut_between_sentences_within_the_bound() -> None:
    sentence = "Remittances sent by migrants sustain families and local economies in our country. "
    out = split(sentence * 40)
    assert len(out) > 1
    assert all(units(p) <= MAX_UNITS for p in out)
    assert all(p.endswith(".") for p in out)  # never in the middle of a sentence
    assert " ".join(out) == " ".join((sentence * 40).split())  # nothing lost


def test_chinese_without_spaces_is_cut_by_its_sentence_marks() -> None:
    sentence = "气候变化迫使许多人离开家园，我们必须加强区域合作以应对这一挑战。"
    out = split(sentence * 20)
    assert len(out) > 1
    assert all(units(p) <= MAX_UNITS for p in out)
    assert all(p.endswith("。") for p in out)


def test_text_without_any_stop_is_still_bounded_and_an_upload_cannot_flood_the_index() -> None:
    assert all(units(p) <= MAX_UNITS for p in split("word " * 1000))
    assert all(units(p) <= MAX_UNITS for p in split("字" * 5000))
    assert len(split(("A paragraph long enough to stand alone as a passage here.\n\n") * 5000)) == (
        MAX_PASSAGES
    )


def test_nothing_to_index_in_an_empty_or_blank_text() -> None:
    assert split("") == []
    assert split(" \n\n \x00 ") == []

"""The shared text rules: folding for search, names, counts and list fields."""

import pytest

from infoview.wording import (
    counted,
    first_name,
    fold,
    last_name,
    number,
    split_fields,
    split_lines,
    split_tags,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Résumé", "resume"),
        ("ZOË Castellanos", "zoe castellanos"),
        ("O’Brien", "o'brien"),
        ("“Quoted”", '"quoted"'),
        ("`tick`", "'tick'"),
        ("Straße", "strasse"),
        ("line one\nLine two", "line one\nline two"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_case_accents_and_curly_quotes_but_keeps_lines(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Dr. Maya Okafor", "Maya", "Okafor"),
        ("Prof Jean-Luc van der Berg", "Jean-Luc", "van der Berg"),
        ("Ana Lopez, PhD", "Ana", "Lopez"),
        ("Ms Rosa Parks", "Rosa", "Parks"),
        ("Sam", "Sam", "Sam"),
        ("Dr.", "Dr.", "Dr."),
        ("", "", ""),
    ],
)
def test_first_and_last_name(full, first, last):
    assert first_name(full) == first
    assert last_name(full) == last


@pytest.mark.parametrize(
    ("count", "one", "many", "text"),
    [
        (0, "ask", None, "0 asks"),
        (1, "ask", None, "1 ask"),
        (2, "ask", None, "2 asks"),
        (1, "call plan", None, "1 call plan"),
        (1223, "conversation", None, "1,223 conversations"),
        (1, "reply", "replies", "1 reply"),
        (30000, "reply", "replies", "30,000 replies"),
    ],
)
def test_counted_agrees_in_number_and_separates_thousands(count, one, many, text):
    assert counted(count, one, many) == text


def test_number_separates_thousands():
    assert number(1223) == "1,223"
    assert number(7) == "7"
    assert number(1_000_000.0) == "1,000,000"


def test_split_lines_gives_one_item_per_line_and_keeps_commas():
    text = " PhD Cell Biology, Westfall University \n\n  Universidad de Chile\n"
    assert split_lines(text) == ["PhD Cell Biology, Westfall University", "Universidad de Chile"]
    assert split_lines("") == [] and split_lines(None) == []


def test_split_fields_also_splits_on_semicolons():
    assert split_fields("science communication; museum education\ndata journalism;") == [
        "science communication",
        "museum education",
        "data journalism",
    ]


def test_split_tags_also_splits_on_commas():
    assert split_tags("policy, data; funding\nHalden") == ["policy", "data", "funding", "Halden"]
    assert split_tags(" , ;") == []

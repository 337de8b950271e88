"""mailto: links per RFC 6068: encoding, line breaks and no header injection."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from infoview.mailto import (
    MAILTO_MAX,
    clean_subject,
    mailto_link,
    mailto_too_long,
    safe_address,
)


def test_a_plain_link():
    link = mailto_link("ana@uni.edu", "Hello there", "Hi Ana")
    assert link == "mailto:ana@uni.edu?subject=Hello%20there&body=Hi%20Ana"


def test_reserved_characters_are_encoded_and_spaces_are_never_plus():
    link = mailto_link("ana@uni.edu", "Q&A? #1 at 100% + more", "a=b&c")
    assert link == (
        "mailto:ana@uni.edu?subject=Q%26A%3F%20%231%20at%20100%25%20%2B%20more&body=a%3Db%26c"
    )
    assert "+" not in link


def test_accents_and_emoji_are_utf8_percent_encoded():
    link = mailto_link("ana@uni.edu", "Café", "Ça va 🙂")
    assert link == "mailto:ana@uni.edu?subject=Caf%C3%A9&body=%C3%87a%20va%20%F0%9F%99%82"


@pytest.mark.parametrize("body", ["one\ntwo", "one\r\ntwo", "one\rtwo", "one\u2028two"])
def test_every_line_break_becomes_crlf(body):
    assert mailto_link(None, "", body) == "mailto:?body=one%0D%0Atwo"


def test_blank_lines_are_kept():
    assert mailto_link(None, "", "Hi,\n\nThanks") == "mailto:?body=Hi%2C%0D%0A%0D%0AThanks"


def test_body_round_trips():
    body = "Hi Zoë,\r\n\r\nWould 15 minutes work? 50% of my Qs are on R&D + #policy.\r\nSam"
    link = mailto_link("zoe@lab.org", "s", body)
    assert unquote(link.split("&body=")[1]) == body


@pytest.mark.parametrize(
    "subject",
    [
        "Hello\r\nBcc: victim@example.com",
        "Hello\nBcc: victim@example.com",
        "Hello\rBcc: victim@example.com",
        "Hello\u2028Bcc: victim@example.com",
        "Hello\x00\x0bBcc: victim@example.com",
    ],
)
def test_line_breaks_in_the_subject_cannot_start_a_header(subject):
    link = mailto_link("ana@uni.edu", subject, "")
    assert link == "mailto:ana@uni.edu?subject=Hello%20Bcc%3A%20victim%40example.com"
    assert "%0A" not in link and "%0D" not in link


def test_clean_subject_squeezes_whitespace():
    assert clean_subject("  A \r\n\r\n B\t C ") == "A B C"
    assert clean_subject(None) == ""


@pytest.mark.parametrize(
    "address",
    [
        "ana@uni.edu?bcc=victim@example.com",
        "ana@uni.edu&bcc=victim@example.com",
        "ana@uni.edu\r\nBcc: victim@example.com",
        "ana@uni.edu\nx",
        "ana@uni.edu, bob@uni.edu",
        "ana@uni.edu,bob@uni.edu",
        "ana @uni.edu",
        "Ana <ana@uni.edu>",
        "ana@uni.edu#x",
        "ana%40uni.edu",
        "not an address",
        "ana@localhost",
        "",
        None,
    ],
)
def test_unsafe_or_malformed_addresses_are_left_out(address):
    assert safe_address(address) is None
    link = mailto_link(address, "Hi", "Body")
    assert link == "mailto:?subject=Hi&body=Body"


def test_plus_and_apostrophe_addresses_are_kept_and_encoded():
    assert safe_address(" ana+jobs@uni.edu ") == "ana+jobs@uni.edu"
    assert mailto_link("ana+jobs@uni.edu", "", "") == "mailto:ana%2Bjobs@uni.edu"
    assert mailto_link("o'brien@uni.ie", "", "") == "mailto:o%27brien@uni.ie"


def test_empty_fields_are_omitted():
    assert mailto_link("ana@uni.edu", "", "") == "mailto:ana@uni.edu"
    assert mailto_link("ana@uni.edu", "", "Hi") == "mailto:ana@uni.edu?body=Hi"
    assert mailto_link(None, "Hi", "  \n ") == "mailto:?subject=Hi"


def test_too_long_links_are_reported():
    short = mailto_link("ana@uni.edu", "Hi", "word " * 100)
    long = mailto_link("ana@uni.edu", "Hi", "é" * 400)  # each é is 6 characters encoded
    assert not mailto_too_long(short)
    assert mailto_too_long(long)
    assert len(long) > MAILTO_MAX
    assert mailto_too_long(short, limit=50)

"""The reason coach judges what a reason says about the person, not its length (#15)."""

from __future__ import annotations

import pytest

from infoview.coach.research import reason_is_specific, review_reason

SPECIFIC = [
    "She moved from a chemistry PhD into regulatory policy.",
    "You moved from teaching into product design.",
    "Tomás moved from concert lighting into theatre.",
    "Moved from banking to a climate charity in 2022.",
    "Her paper on river restoration.",
    "Your keynote at the data summit.",
    "He founded a tenants' union in Leeds.",
    "We both studied nursing at McGill.",
    "Fellow Oberlin grad.",
    "Ana Ruiz suggested I talk to her.",
    "Lena says he is the person to ask about grants.",
    "She turns research into one-page briefs for legislators.",
    "His team helps faculty plan their largest grants.",
    "A biology PhD who advises hospitals on research strategy.",
]
GENERIC = [
    "networking",
    "I want to grow my professional network in the health sector and meet new people.",
    "General career advice from someone with a lot of experience would help me a lot.",
    "She seems interesting and successful.",
    "He might have a job for me in the future at his company.",
    "Works in marketing.",
    "She works at a big bank and knows a lot of people.",
    "I'd like to learn more about the industry.",
]


@pytest.mark.parametrize("reason", SPECIFIC)
def test_a_reason_about_this_person_is_specific_in_any_wording(reason):
    assert reason_is_specific(reason)
    assert review_reason(reason).level == "ok"


@pytest.mark.parametrize("reason", GENERIC)
def test_a_reason_that_fits_anyone_is_generic_however_long(reason):
    assert not reason_is_specific(reason)
    feedback = review_reason(reason)
    assert feedback.level in ("tip", "warn")
    assert "this person" in feedback.message
    assert feedback.example


def test_empty_reason_warns():
    assert review_reason("  ").level == "warn"
    assert not reason_is_specific("")

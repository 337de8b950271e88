"""Our email templates and the text helpers behind them (users' own: test_user_templates)."""

import re

import pytest

from infoview import writing
from infoview.models import CallMode, Contact, Outreach, Profile, Sector
from infoview.writing import (
    TEMPLATES,
    AskDetails,
    addressed_to_them,
    and_join,
    as_sentence,
    find_slots,
    reason_to_them,
    render_email,
    shared_school,
    short_phrase,
    split_subject,
    tidy,
    with_article,
)

CONTACT = Contact(
    full_name="Dr. Maya Okafor",
    organization="Harbor Health",
    title="Associate Professor of Public Health",
    sector=Sector.ACADEMIA,
    field="health policy",
    reason="Your paper on rural clinic closures is why I started reading about health policy",
    common_ground="community health data",
    education=["University of Michigan"],
)
PROFILE = Profile(
    name="Sam Rivera",
    signature="Sam Rivera\n\nPhD candidate, Chemistry",
    schools=["University of Michigan"],
    current_role="fifth-year PhD student in chemistry",
    fields=["health policy", "data journalism"],
    offers=["Share my notes on grant writing"],
)
ASK = AskDetails(
    topics=["how you moved from research into policy", "which skills your team hires for"],
    minutes=15,
    mode=CallMode.PHONE,
    referrer="Lena Park",
)
IN_PERSON = AskDetails(topics=ASK.topics, minutes=20, mode=CallMode.IN_PERSON, referrer="Lena")
SPARSE_CONTACT = Contact(full_name="Sam")
SPARSE_PROFILE = Profile()
ASK_TEMPLATES = [t for t, spec in TEMPLATES.items() if spec.kind == "ask"]
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
NEVER = ("call me", "reach me", "my number", "my phone", "contact me", "job", "None", "{{", "{%")


def words(text):
    return len(WORD.findall(text))


# Text helpers


def test_and_join():
    assert and_join([]) == ""
    assert and_join(["a"]) == "a"
    assert and_join(["a", " ", "b."]) == "a and b"
    assert and_join(["a", "b", "c"], "or") == "a, b or c"


def test_as_sentence():
    assert as_sentence("  your talk  was great ") == "Your talk was great."
    assert as_sentence("Really?") == "Really?"
    assert as_sentence("") == ""


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("postdoc in ecology", "a postdoc in ecology"),
        ("engineer", "an engineer"),
        ("MBA student", "an MBA student"),
        ("PhD candidate", "a PhD candidate"),
        ("university lecturer", "a university lecturer"),
        ("honours student", "an honours student"),
        ("a nurse", "a nurse"),
        ("I'm working at a bank.", "working at a bank"),
        ("", ""),
    ],
)
def test_with_article(role, expected):
    assert with_article(role) == expected


def test_shared_school_matches_loosely_and_only_when_shared():
    assert shared_school(PROFILE, CONTACT) == "University of Michigan"
    other = CONTACT.model_copy(update={"education": ["Michigan"]})
    assert shared_school(PROFILE, other) == "University of Michigan"
    assert shared_school(PROFILE, SPARSE_CONTACT) == ""
    assert shared_school(SPARSE_PROFILE, CONTACT) == ""


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Your talk on flood maps changed how I see my data.", True),
        ("You moved from a lab to policy in two years.", True),
        ("She went from a postdoc to writing briefs on lab funding.", False),
        ("His team reads your reports.", False),
        ("Maya's paper on your field.", False),
        ("Works on flood maps.", False),
        ("", False),
    ],
)
def test_addressed_to_them(note, expected):
    assert addressed_to_them(note, "Maya Okafor") is expected


def test_short_phrase_keeps_topics_and_drops_notes():
    assert short_phrase(" soil carbon. ") == "soil carbon"
    assert short_phrase("Crestmoor alumni, two years apart.") == ""
    assert short_phrase("Halden PhD; my lab holds a grant") == ""
    assert short_phrase("one two three four five six seven") == ""


def test_tidy_joins_paragraph_lines_but_keeps_the_signature():
    text = "Hi A,\n\nOne.\nTwo  ,  three .\n\n\n\nBest,\nSam\nRole"
    assert tidy(text) == "Hi A,\n\nOne. Two, three.\n\nBest,\nSam\nRole"


def test_find_slots():
    assert find_slots("I [did this] and [that].") == ["[did this]", "[that]"]
    assert find_slots("No slots [] here") == []


def test_split_subject_requires_a_subject_line():
    assert split_subject("Subject:  Hello  there\n\nHi,\n\nBest,\nSam") == (
        "Hello there",
        "Hi,\n\nBest,\nSam",
    )
    with pytest.raises(ValueError):
        split_subject("Hello\n\nbody")


# Our email templates


def test_registry_lists_every_template_file_and_the_required_ones():
    assert set(TEMPLATES) == {
        "cold_interest",
        "referral",
        "alumni",
        "academia",
        "follow_up",
        "thank_you",
        "report_back",
    }
    for template_id, spec in TEMPLATES.items():
        assert spec.id == template_id
        assert writing.mail_env().get_template(spec.file)
        assert spec.label and spec.kind


@pytest.mark.parametrize("template_id", list(TEMPLATES))
@pytest.mark.parametrize(
    ("contact", "profile", "ask"),
    [
        (CONTACT, PROFILE, ASK),
        (CONTACT, PROFILE, IN_PERSON),
        (SPARSE_CONTACT, SPARSE_PROFILE, None),
    ],
    ids=["full", "in-person", "sparse"],
)
def test_every_template_renders_cleanly(template_id, contact, profile, ask):
    subject, body = render_email(template_id, contact, profile, ask)
    assert subject and "\n" not in subject
    assert body.startswith(("Hi ", "Dear "))
    for phrase in NEVER:
        assert phrase.lower() not in (subject + body).lower(), phrase
    assert " ," not in body and " ." not in body and ".." not in body
    assert words(body) < 100


@pytest.mark.parametrize("template_id", ASK_TEMPLATES)
def test_ask_drafts_follow_the_rules(template_id):
    _, body = render_email(template_id, CONTACT, PROFILE, ASK)
    assert words(body) <= 90
    assert "15 minutes" in body
    assert "phone call" in body
    assert "?" in body
    assert "call you" in body
    assert "how you moved from research into policy" in body
    assert "insight" in body
    assert body.endswith("Sam Rivera\nPhD candidate, Chemistry")


@pytest.mark.parametrize("template_id", ASK_TEMPLATES)
def test_ask_drafts_put_the_connection_first(template_id):
    _, body = render_email(template_id, CONTACT, PROFILE, ASK)
    opening = body.split("\n\n")[1]
    first = {
        "cold_interest": "Your paper on rural clinic closures",
        "referral": "Lena Park suggested I reach out",
        "alumni": "We both studied at University of Michigan",
        "academia": "Your paper on rural clinic closures",
    }[template_id]
    assert opening.startswith(first)


@pytest.mark.parametrize("template_id", ASK_TEMPLATES)
def test_in_person_drafts_offer_flexible_times_and_places(template_id):
    _, body = render_email(template_id, CONTACT, PROFILE, IN_PERSON)
    assert "in person for 20 minutes?" in body
    assert "your office or a café nearby" in body
    assert "whatever day and time suit you" in body
    assert "phone call" not in body


@pytest.mark.parametrize("template_id", ASK_TEMPLATES)
def test_sparse_ask_drafts_show_slots_to_fill(template_id):
    _, body = render_email(template_id, SPARSE_CONTACT, SPARSE_PROFILE)
    assert "[one or two specific topics]" in body
    assert body.endswith("[your name]")


def test_video_mode_is_named():
    ask = AskDetails(topics=["remote teams"], mode=CallMode.VIDEO, minutes=10)
    _, body = render_email("cold_interest", CONTACT, PROFILE, ask)
    assert "10 minutes for a video call" in body


def test_cold_email_without_reason_uses_common_ground():
    contact = CONTACT.model_copy(update={"reason": ""})
    _, body = render_email("cold_interest", contact, PROFILE, ASK)
    assert "we share an interest in community health data." in body


def test_a_third_person_research_note_is_rephrased_to_them():
    note = CONTACT.model_copy(
        update={
            "reason": "She moved from a lab to health policy in two years",
            "common_ground": "Michigan alumni, two years apart",
            "field": "Health policy",
        }
    )
    for template_id in ASK_TEMPLATES:
        _, body = render_email(template_id, note, PROFILE, ASK)
        assert "She moved" not in body and "alumni, two years" not in body
        assert "You moved from a lab to health policy in two years." in body
    _, body = render_email("cold_interest", note, PROFILE, ASK)
    assert body.split("\n\n")[1].startswith("You moved from a lab to health policy")


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "She moved from a lab to policy; I want to ask how she did it.",
            "You moved from a lab to policy; I want to ask how you did it.",
        ),
        ("Maya runs the clinic's data team.", "You run the clinic's data team."),
        (
            "Dr. Okafor's paper on clinic closures.",
            "I'm writing because of your paper on clinic closures.",
        ),
        (
            "Recommended by Lena Park for her grant work.",
            "You were recommended by Lena Park for your grant work.",
        ),
        (
            "Founded a bike co-op and grew it to twelve staff.",
            "You founded a bike co-op and grew it to twelve staff.",
        ),
        (
            "Lena said he is the person to ask about permits.",
            "Lena said you are the person to ask about permits.",
        ),
        ("Your talk on rural clinics.", "I'm writing because of your talk on rural clinics."),
    ],
)
def test_the_reason_is_written_to_them_whatever_person_it_was_in(reason, expected):
    assert reason_to_them(reason, "Dr. Maya Okafor") == expected


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "networking",
        "She seems interesting to know.",
        "General career advice from someone senior.",
    ],
)
def test_no_specific_reason_no_claim(reason):
    assert reason_to_them(reason, "Maya Okafor") == ""
    note = CONTACT.model_copy(update={"reason": reason, "common_ground": ""})
    for template_id in ("cold_interest", "academia"):
        _, body = render_email(template_id, note, PROFILE, ASK)
        assert "because of your work" not in body and "is close to what I hope" not in body
        assert "[Why you chose them in particular" in body


def test_the_sender_lists_at_most_two_fields():
    many = PROFILE.model_copy(update={"fields": ["Health policy", "Data journalism", "Law"]})
    _, body = render_email("cold_interest", CONTACT, many, ASK)
    assert "exploring health policy and data journalism." in body
    assert "Law" not in body


def test_referral_names_the_referrer_in_subject_and_first_line():
    subject, body = render_email("referral", CONTACT, PROFILE, ASK)
    assert subject == "Lena Park suggested I get in touch"
    assert body.split("\n\n")[1].startswith("Lena Park suggested I reach out to you about")
    subject, _ = render_email("referral", CONTACT, PROFILE, AskDetails(topics=["x"]))
    assert subject == "[who suggested you] suggested I get in touch"


def test_academia_greets_a_professor_by_title():
    _, body = render_email("academia", CONTACT, PROFILE, ASK)
    assert body.startswith("Dear Professor Okafor,")
    plain = CONTACT.model_copy(update={"title": "Lab manager"})
    _, body = render_email("academia", plain, PROFILE, ASK)
    # Title + family name, never title + full name (#15).
    assert body.startswith("Dear Dr. Okafor,")
    plain = plain.model_copy(update={"full_name": "Maya Okafor"})
    _, body = render_email("academia", plain, PROFILE, ASK)
    assert body.startswith("Dear Maya,")


def test_thank_you_leaves_a_slot_for_one_thing_learned_or_fills_it():
    _, body = render_email("thank_you", CONTACT, PROFILE, ASK)
    assert "[one specific thing you learned]" in body
    assert "share my notes on grant writing" in body
    learned = AskDetails(learned="how fellowships screen applicants")
    _, body = render_email("thank_you", CONTACT, PROFILE, learned)
    assert "what you said about how fellowships screen applicants;" in body
    assert not find_slots(body)


def test_report_back_asks_what_was_done_with_the_advice():
    _, body = render_email("report_back", CONTACT, PROFILE, ASK)
    assert "[what you did with their advice]" in body
    done = AskDetails(outcome="applied to two policy fellowships")
    _, body = render_email("report_back", CONTACT, PROFILE, done)
    assert "Since we talked, I applied to two policy fellowships." in body


def test_follow_up_is_polite_and_repeats_the_ask():
    subject, body = render_email("follow_up", CONTACT, PROFILE, ASK)
    assert subject == "Following up: 15 minutes on how you moved from research into policy"
    assert "15-minute phone call" in body and "call you" in body and "?" in body
    assert "no worries" in body


def test_render_email_accepts_an_outreach_record():
    outreach = Outreach(contact_id=CONTACT.id, topics=["grant writing"], minutes=10)
    _, body = render_email("cold_interest", CONTACT, PROFILE, outreach)
    assert "10 minutes for a phone call" in body
    assert "grant writing" in body


def test_render_email_refuses_an_unknown_template():
    with pytest.raises(ValueError, match="unknown email template"):
        render_email("nope", CONTACT, PROFILE, ASK)

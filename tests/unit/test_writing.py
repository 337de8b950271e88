"""Email templates, the text helpers behind them, and the sandbox for users' own templates."""

import re
import tracemalloc

import pytest

from infoview import writing
from infoview.models import CallMode, Contact, Outreach, Profile, Sector
from infoview.writing import (
    TEMPLATES,
    USER_TEMPLATE_VARIABLES,
    AskDetails,
    TemplateProblem,
    addressed_to_them,
    and_join,
    as_sentence,
    email_context,
    find_slots,
    first_name,
    last_name,
    reason_to_them,
    render_email,
    render_user_template,
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


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Dr. Maya Okafor", "Maya", "Okafor"),
        ("Prof Jean-Luc van der Berg", "Jean-Luc", "van der Berg"),
        ("Ana Lopez, PhD", "Ana", "Lopez"),
        ("Sam", "Sam", "Sam"),
        ("", "", ""),
    ],
)
def test_first_and_last_name(full, first, last):
    assert first_name(full) == first
    assert last_name(full) == last


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


# Users' own templates


def context():
    return email_context(CONTACT, PROFILE, ASK)


def test_documented_variables_are_exactly_the_context():
    assert set(USER_TEMPLATE_VARIABLES) == set(context())


def test_user_template_renders_with_loops_and_filters():
    subject, body = render_user_template(
        "Hello {{ first_name }},\n{{ minutes }} minutes?",
        "Hi {{ first_name|upper }},\n"
        "{% for t in topics %}- {{ t }}\n{% endfor %}\n\n{{ signature }}",
        context(),
    )
    assert subject == "Hello Maya, 15 minutes?"
    assert body == (
        "Hi MAYA,\n- how you moved from research into policy\n- which skills your team hires "
        "for\n\nSam Rivera\nPhD candidate, Chemistry"
    )


def test_user_template_string_methods_and_join_work():
    _, body = render_user_template(
        "", "{{ full_name.split()|join('-') }} {{ topics|join(', ')|length }}", context()
    )
    assert body == "Dr.-Maya-Okafor 73"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ topics.__class__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ dict.mro() }}",
        "{{ self.__init__ }}",
        "{% for i in range(2) %}{{ loop.__class__ }}{% endfor %}",
        "{{ first_name.format }}",
        "{{ '{0.__class__}'.format(first_name) }}",
        "{{ topics.append('x') }}",
    ],
)
def test_sandbox_escapes_are_refused(source):
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", source, context())
    assert caught.value.kind == "unsafe"
    assert "not allowed" in str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x'|attr('__class__') }}",
        "{{ 'x'|center(100000000) }}",
        "{{ 'x'|format(1) }}",
        "{{ lipsum(100000) }}",
        "{% include 'cold_interest.txt.j2' %}",
        "{% for x in [1] recursive %}{% endfor %}",
    ],
)
def test_risky_filters_globals_and_tags_are_missing(source):
    with pytest.raises(TemplateProblem):
        render_user_template("", source, context())


def test_template_size_limit_names_the_limit():
    with pytest.raises(TemplateProblem, match="10,000") as caught:
        render_user_template("", "x" * 10_001, context())
    assert caught.value.kind == "size"
    render_user_template("", "x" * 10_000, context())  # exactly at the limit is fine


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 100000000 }}",
        "{{ 100000000 * 'x' }}",
        "{% set s = 'x' * 20000 %}{{ s ~ s }}",
        "{% set s = 'x' * 20000 %}{{ s + s }}",
        "{% set s = 'x' * 20000 %}{% set b %}{{ s }}{{ s }}{% endset %}",
        "{{ ('x' * 20000)|replace('x', 'yy') }}",
        "{{ ('x' * 20000).replace('x', 'yy') }}",
        "{{ ('ab' * 100)|list|join('x' * 20000) }}",
        "{{ ('x' * 200).join(('y' * 200)|list) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "{% for i in range(900) %}{{ 'x' * 100 }}{% endfor %}",
    ],
)
def test_output_size_limit_refuses_before_allocating(source):
    with pytest.raises(TemplateProblem, match="20,000 characters") as caught:
        render_user_template("", source, context())
    assert caught.value.kind == "size"


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 100000000 }}",
        "{{ ('x' * 20000).replace('', 'y' * 19000) }}",
        "{{ ('ab' * 5000)|list|join('x' * 19000) }}",
        "{{ [[1] * 1000] * 1000 }}",
    ],
)
def test_huge_values_are_refused_without_using_much_memory(source):
    tracemalloc.start()
    try:
        with pytest.raises(TemplateProblem):
            render_user_template("", source, context())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_huge_lists_and_numbers_are_refused():
    with pytest.raises(TemplateProblem, match="1,000 items"):
        render_user_template("", "{{ [1] * 5000 }}", context())
    with pytest.raises(TemplateProblem, match="too big"):
        render_user_template("", "{{ 2 ** 100000 }}", context())
    with pytest.raises(TemplateProblem, match="too big"):
        render_user_template("", "{% set n = 2 ** 4000 %}{{ n * n }}", context())


def test_percent_formatting_is_refused_but_modulo_works():
    with pytest.raises(TemplateProblem, match="%"):
        render_user_template("", "{{ '%0100000000d' % 1 }}", context())
    assert render_user_template("", "{{ 7 % 3 }}", context())[1] == "1"


def test_loop_limit_counts_nested_loops_together():
    ok = "{% for i in range(30) %}{% for j in range(30) %}.{% endfor %}{% endfor %}"
    assert render_user_template("", ok, context())[1] == "." * 900
    nested = "{% for i in range(40) %}{% for j in range(40) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateProblem, match="1,000 repetitions") as caught:
        render_user_template("", nested, context())
    assert caught.value.kind == "loops"


def test_huge_range_is_refused():
    with pytest.raises(TemplateProblem, match=r"range\(\) is too big.*1,000"):
        render_user_template("", "{{ range(10 ** 9)|length }}", context())


def test_runaway_macros_are_refused():
    doubling = (
        "{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% endif %}{% endmacro %}{{ d(25) }}"
    )
    with pytest.raises(TemplateProblem, match="1,000 calls"):
        render_user_template("", doubling, context())
    forever = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
    with pytest.raises(TemplateProblem):
        render_user_template("", forever, context())


def test_time_limit(monkeypatch):
    monkeypatch.setattr(writing, "MAX_SECONDS", -1.0)
    with pytest.raises(TemplateProblem, match="too long to fill in") as caught:
        render_user_template("", "{{ first_name }}", context())
    assert caught.value.kind == "time"


def test_unknown_variable_is_named_with_a_suggestion_and_line():
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", "Hi,\n{{ frist_name }}", context())
    problem = caught.value
    assert problem.kind == "unknown"
    assert problem.line == 2
    assert str(problem) == (
        "In the body, line 2: Unknown variable 'frist_name'. Did you mean 'first_name'?"
    )


def test_unknown_variable_in_the_subject_says_so():
    with pytest.raises(TemplateProblem, match=r"^In the subject, line 1: Unknown variable 'x'\.$"):
        render_user_template("{{ x }}", "", context())


def test_syntax_errors_name_the_line_and_problem():
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", "Hi\n\n{% if in_person %}Meet", context())
    assert caught.value.kind == "syntax"
    assert str(caught.value) == (
        "In the body, line 3: There is a mistake: the {% if %} block is not closed "
        "(add {% endif %})."
    )
    with pytest.raises(TemplateProblem, match="no filter called 'shout'"):
        render_user_template("", "{{ first_name|shout }}", context())


def test_subject_is_one_line_and_bounded():
    subject, _ = render_user_template("A\n  B", "", context())
    assert subject == "A B"
    with pytest.raises(TemplateProblem, match="300"):
        render_user_template("{{ 'x' * 301 }}", "", context())


def test_body_keeps_the_users_layout():
    _, body = render_user_template("", "Hi {{ first_name }},  \n\n\n\nBye  \n", context())
    assert body == "Hi Maya,\n\nBye"

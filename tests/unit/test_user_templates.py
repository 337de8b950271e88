"""The sandbox for users' own templates: what renders, what is refused, and the limits."""

import tracemalloc

import pytest

from infoview import user_templates
from infoview.models import Contact, Profile
from infoview.user_templates import TemplateProblem, render_user_template
from infoview.writing import USER_TEMPLATE_VARIABLES, AskDetails, email_context
from tests.unit.test_writing import ASK, CONTACT, PROFILE


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
    monkeypatch.setattr(user_templates, "MAX_SECONDS", -1.0)
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


def test_an_unclosed_block_is_reported_where_it_opens_not_at_the_end():
    body = "Hi {{ first_name }},\n{% if in_person %}\nLet's meet.\n\nThanks,\n{{ signature }}\n"
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", body, context())
    assert caught.value.line == 2
    assert str(caught.value).startswith("In the body, line 2: There is a mistake: the {% if %}")
    nested = "{% set greeting = 'Hi' %}\n{% for t in topics %}\n{% if t %}{{ t }}{% endif %}\nx"
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", nested, context())
    assert caught.value.line == 2  # the for loop, past a closed if and an inline set


def test_a_template_fallback_wins_over_our_placeholder_for_empty_values():
    empty = email_context(Contact(full_name="Ana Ruiz"), Profile(), AskDetails(topics=[]))
    _, body = render_user_template(
        "", '{{ topics_text or "your work" }} / {{ learned or "it" }} / {{ topics_text }}', empty
    )
    assert body == "your work / it / [one or two specific topics]"
    _, body = render_user_template(
        "", "{% if topics_text %}about {{ topics_text }}{% else %}in general{% endif %}", empty
    )
    assert body == "in general"
    full = email_context(
        Contact(full_name="Ana Ruiz"), Profile(), AskDetails(topics=["hiring", "culture"])
    )
    _, body = render_user_template("", '{{ topics_text or "your work" }}', full)
    assert body == "hiring and culture"

"""The safe-text helpers: a fixed message, user values shown literally, never as Markdown.

The round-trip tests render the escaped text with markdown-it (CommonMark, like Streamlit's
react-markdown) with the GFM table and strikethrough rules on, and check that what a reader
sees is the value as typed: no element other than a paragraph and line breaks, and the text
equal to the value once the invisible word joiners and isolates are taken out.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from infoview.ui import text
from infoview.ui.text import FSI, PDI, Markdown, md, md_escape, md_join, plain

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RLO, LRE, PDF, RLI = "\u202e", "\u202a", "\u202c", "\u2067"
INVISIBLE = re.compile("[\u2060\u2068\u2069]")
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Seen(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def _seen(markdown: str) -> _Seen:
    seen = _Seen()
    seen.feed(MARKDOWN.render(markdown))
    return seen


def _visible(markdown: str) -> str:
    return INVISIBLE.sub("", _seen(markdown).text).strip()


# Text a person could paste, weighted towards characters that mean something in Markdown.
SPECIAL = "<>&\"'`[]()!*_#|~$\\/:=+-@.{}^ \n"
typed = st.one_of(
    st.lists(
        st.sampled_from([*SPECIAL, "a", "x", "www", "http", "https", "javascript", "é", "ש"])
    ).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))),
)


def _expected(value: str) -> str:
    # Markdown folds runs of spaces around line breaks and trims the paragraph; a reader sees
    # the same words and symbols in the same order.
    value = re.sub("[\u202a-\u202e\u2066-\u2069]", "", value)
    return re.sub(r"\s+", " ", value).strip()


@SETTINGS
@given(typed)
@example("![x](http://127.0.0.1:9/t.png)")
@example("<script>alert(1)</script>")
@example("[click](javascript:alert(1))")
@example("# heading\n- item\n> quote\n1. one")
@example("| a | b |\n|---|---|\n| c | d |")
@example("&amp; &#60;b&#62;")
def test_escaped_text_renders_as_the_literal_text_and_nothing_else(value):
    seen = _seen(md_escape(value))
    assert set(seen.tags) <= {"p", "br"}, (value, seen.tags)
    assert re.sub(r"\s+", " ", INVISIBLE.sub("", seen.text)).strip() == _expected(value)


def test_a_markdown_image_in_a_name_stays_text():
    assert _seen(md("Saved {}.", "![x](http://127.0.0.1:9/t.png)")).tags == ["p"]
    assert _visible(md("Saved {}.", "![x](http://127.0.0.1:9/t.png)")) == (
        "Saved ![x](http://127.0.0.1:9/t.png)."
    )


def test_bare_urls_and_addresses_are_broken_so_gfm_cannot_autolink_them():
    # remark-gfm finds these in the text left after parsing, so escapes alone do not help.
    gfm_autolink = re.compile(r"(https?://|www\.)[-.\w]+|[-.\w+]+@[-\w]+(\.[-\w]+)+", re.I)
    for value in ("http://evil.example/x", "https://a.b", "WWW.evil.example", "a@b.co"):
        shown = _visible(md_escape(value))
        assert shown == value
        assert not gfm_autolink.search(_seen(md_escape(value)).text), value


def test_maths_emoji_codes_and_colour_directives_are_escaped():
    escaped = md_escape("$x^2$ :smile: :red[alarm] :material/home:")
    assert "\\$x\\^2\\$" in escaped
    assert ":smile:" not in escaped and ":red[" not in escaped and ":material/" not in escaped
    assert _visible(escaped) == "$x^2$ :smile: :red[alarm] :material/home:"


def test_jinja_syntax_keeps_its_underscores_and_braces():
    assert _visible(md("Saved {}.", "{{ ''.__class__ }} {% if %}")) == (
        "Saved {{ ''.__class__ }} {% if %}."
    )


def test_bidi_overrides_and_embeddings_are_removed():
    value = f"{RLO}evil{PDF} {LRE}x{PDF} {RLI}y\u2069"
    assert plain(value) == "evil x y"
    assert RLO not in md_escape(value)


def test_right_to_left_values_are_isolated_from_the_fixed_text():
    assert plain("שלום") == f"{FSI}שלום{PDI}"
    assert plain("مرحبا 3") == f"{FSI}مرحبا 3{PDI}"
    assert md("Saved {}.", "שלום") == f"Saved {FSI}שלום{PDI}."
    assert plain("Ada") == "Ada"  # left-to-right text needs no isolate
    assert plain(None) == ""


@SETTINGS
@given(st.text())
def test_no_value_can_leave_an_override_or_an_unclosed_isolate(value):
    for out in (plain(value), md_escape(value)):
        assert not re.search("[\u202a-\u202e]", out)
        assert out.count(FSI) == out.count(PDI) <= 1


def test_the_fixed_message_keeps_its_markdown_and_values_do_not():
    shown = md("**{}** asked on {:%d %b %Y}, {:,} words", "*Ada*", date(2025, 5, 12), 1223)
    assert isinstance(shown, Markdown)
    assert shown == "**\\*Ada\\*** asked on 12 May 2025, 1,223 words"


def test_named_slots_and_nested_messages():
    inner = md("**{}**", "_x_")
    assert md("{who} said {what}", who="<b>", what=inner) == "&lt;b&gt; said **\\_x\\_**"


def test_braces_in_a_value_are_not_format_fields():
    assert md("Saved {}.", "{0} {name}") == "Saved \\{0\\} \\{name\\}."


def test_plain_fills_a_fixed_message_for_plain_text_sinks():
    assert plain("{} · {}", f"{RLO}Ada", "Bo*b") == "Ada · Bo*b"


def test_flash_queues_the_escaped_message_for_the_next_run(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(text.st, "session_state", state)
    text.flash("Saved {}.", "![x](http://127.0.0.1:9/t.png)", icon="💾")
    [(message, icon)] = state[text.FLASH_KEY]
    assert icon == "💾"
    assert _seen(message).tags == ["p"]
    assert "](http" not in message


def test_say_passes_the_filled_message_and_the_options_to_the_sink():
    calls = []
    text.say(lambda body, **kw: calls.append((body, kw)), "Hi {}.", "[a](b)", icon="👋")
    assert calls == [("Hi \\[a\\]\\(b\\).", {"icon": "👋"})]


def test_md_join_keeps_made_markdown_and_escapes_the_rest():
    joined = md_join("\n", [md("- {}", "*a*"), "[b](c)"])
    assert isinstance(joined, Markdown)
    assert joined == "- \\*a\\*\n\\[b\\]\\(c\\)"


def test_plain_can_leave_a_standalone_text_unisolated_for_copying():
    assert plain(f"{RLO}שלום", isolate=False) == "שלום"

"""Show user text safely: Streamlit renders Markdown almost everywhere, user text must not be.

The one safe path is a FIXED message with `{}` slots and the user values passed apart:

    flash("Saved {}.", contact.full_name)          # a toast on the next run
    say(st.caption, "Asked {} on {}.", name, day)  # any Markdown-rendering call
    st.expander(md("Notes about {}", name))        # labels, titles, help texts
    st.dataframe(plain_frame(frame))               # plain-text sinks need the bidi clean-up

Each value is escaped so Markdown shows it literally: no image, link, autolink, HTML, maths,
colour directive or emoji short code can come from it; the bidi override and embedding
controls are removed from it, and a value holding right-to-left text is isolated (FSI...PDI)
so it cannot reorder the fixed words around it. Numbers and dates pass through untouched, so
format specs such as `{:,}` keep working; the result of `md()` is `Markdown` and passes
through another `md()` unchanged, so messages can be built in parts.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

FLASH_KEY = "_infoview_flash"

# Every character CommonMark, GitHub extensions or Streamlit give a meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^])")
# Explicit embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): a value
# holding them could reorder the text around it, so they never reach the screen.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_RIGHT_TO_LEFT = {"R", "AL", "AN"}
FSI, PDI = "\u2068", "\u2069"
# A word joiner is invisible; placed after ":" and "@" and inside "www." it stops remark-gfm
# from turning http://..., www.... and a@b.c into links, which it does on the text left after
# Markdown has been parsed (so backslash escapes alone do not stop it), and it stops
# Streamlit's :emoji: and :material/icon: short codes.
_JOINER = "\u2060"
_AUTOLINK_PARTS = re.compile(r"(:|@|(?i:www)(?=\.))")

# Values that cannot carry user text: shown as they are, so `{:,}` or `{:%d %b}` still work.
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_UNTOUCHED = (int, float, Decimal, date, datetime, time)


class Markdown(str):
    """Markdown made by `md()`: fixed text plus escaped values, safe to render as it is."""


def plain(value: object, *values: object, isolate: bool = True) -> str:
    """Return a value as plain text for st.text, st.code and table cells: bidi controls removed.

    Right-to-left text is isolated so it cannot reorder what stands next to it (`isolate=False`
    for text that stands alone and is copied, like an email in st.code). With more arguments
    the first is a FIXED message whose {} slots take the others, each cleaned.
    """
    if values:
        return str(value).format(*(_plain_slot(v) for v in values))
    text = "" if value is None else str(value)
    text = _BIDI_CONTROLS.sub("", text)
    if isolate and any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text):
        return f"{FSI}{text}{PDI}"
    return text


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table with every text cell made `plain()` (for st.dataframe)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: plain(v) if isinstance(v, str) else v)
    return out


def _plain_slot(value: object) -> object:
    if isinstance(value, _UNTOUCHED) and not isinstance(value, bool):
        return value
    return plain(value)


def md_escape(text: object) -> str:
    """Escape user text so Markdown shows it literally (no links, images, HTML or LaTeX)."""
    value = plain(text)
    value = html.escape(value, quote=False)  # < and & as entities: no raw HTML
    value = _AUTOLINK_PARTS.sub(lambda m: m.group(0) + _JOINER, value)
    value = _MD_SPECIAL.sub(r"\\\1", value)
    # Indentation would start a code block; Markdown drops it from a paragraph line anyway.
    value = _INDENT.sub("", value)
    return value.replace("\n", "  \n")


def _literal(value: object) -> object:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, _UNTOUCHED) and not isinstance(value, bool):
        return value
    return md_escape(value)


def md(message: str, *values: object, **named: object) -> Markdown:
    """Fill the fixed Markdown `message`'s {} slots with user values shown literally."""
    return Markdown(
        message.format(*(_literal(v) for v in values), **{k: _literal(v) for k, v in named.items()})
    )


def md_join(separator: str, parts: Iterable[object]) -> Markdown:
    """Join parts with a fixed separator: `md()` results as they are, anything else escaped."""
    return Markdown(separator.join(str(_literal(part)) for part in parts))


def say(sink: Callable[..., Any], message: str, *values: object, **options: Any) -> Any:
    """Call a Markdown-rendering Streamlit function with `md(message, *values)`.

    `options` go to the sink: `say(st.info, "Asked {}.", name, icon="📨")`.
    """
    return sink(md(message, *values), **options)


def flash(message: str, *values: object, icon: str = "✅") -> None:
    """Show `md(message, *values)` as a toast on the next run (survives st.rerun, switch_page)."""
    st.session_state.setdefault(FLASH_KEY, []).append((md(message, *values), icon))


def show(text: object, *, caption: bool = False) -> None:
    """Write user text as plain text."""
    if caption:
        st.caption(md_escape(text))
    else:
        st.markdown(md_escape(text))

"""Show user text safely: Streamlit renders Markdown almost everywhere, user text must not be."""

from __future__ import annotations

import html
import re

import streamlit as st

# Every character CommonMark, GitHub extensions or Streamlit give a meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:=^])")


def md_escape(text: object) -> str:
    """Escape user text so Markdown shows it literally (no links, images, HTML or LaTeX)."""
    value = "" if text is None else str(text)
    value = html.escape(value, quote=False)  # < and & as entities: no raw HTML
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return value.replace("\n", "  \n")


def show(text: object, *, caption: bool = False) -> None:
    """Write user text as plain text."""
    if caption:
        st.caption(md_escape(text))
    else:
        st.markdown(md_escape(text))

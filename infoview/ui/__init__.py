"""Streamlit helpers the pages share: page_setup(), safe text, the menu."""

from infoview.ui.setup import flash, get_store, page_setup
from infoview.ui.text import md_escape, show

__all__ = ["flash", "get_store", "md_escape", "page_setup", "show"]

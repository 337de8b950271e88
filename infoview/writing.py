"""Jinja2 environments: our own templates (plain-text mail, escaped HTML) and user templates."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def mail_env() -> Environment:
    """Return the environment for plain-text templates (emails, introductions): no escaping."""
    return Environment(
        loader=PackageLoader("infoview", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@cache
def html_env() -> Environment:
    """Return the environment for HTML pages: everything the user typed is escaped."""
    return Environment(
        loader=PackageLoader("infoview", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: Any) -> str:
    """Render one of our own plain-text templates by file name."""
    return mail_env().get_template(name).render(**context).strip()


def render_html(name: str, **context: Any) -> str:
    """Render one of our own HTML templates by file name, autoescaped."""
    return html_env().get_template(name).render(**context)

"""No Streamlit text call in pages/ or infoview/ui/ builds its text from a variable by hand.

Streamlit renders Markdown in nearly every call that shows text, so a value formatted into the
text (an f-string, `%`, `.format()`, `+`) is shown as Markdown: a name can become an image, a
link or maths. The only way to put a value into shown text is the helper family in
`infoview/ui/text.py` (md, md_join, say, flash, plain, md_escape), which escapes it. This test
parses every file and lists each call that does otherwise.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [*(ROOT / "pages").glob("*.py"), *(ROOT / "infoview" / "ui").glob("*.py"), ROOT / "app.py"]
)

# Methods of st, a column, tab, container, expander, form or sidebar that show text.
TEXT_METHODS = {
    "markdown", "caption", "write", "text", "code", "title", "header", "subheader", "toast",
    "success", "info", "warning", "error", "exception", "expander", "popover", "status",
    "spinner", "dialog", "tabs", "metric", "help", "badge", "latex",
    "button", "download_button", "link_button", "page_link", "form_submit_button",
    "checkbox", "toggle", "radio", "selectbox", "multiselect", "select_slider", "slider",
    "text_input", "text_area", "number_input", "date_input", "time_input", "datetime_input",
    "file_uploader", "color_picker", "pills", "segmented_control", "feedback", "chat_input",
}  # fmt: skip
# Keyword arguments that are shown to the user (others, like key= or on_click=, are not).
TEXT_KEYWORDS = {
    "label", "body", "help", "placeholder", "caption", "captions", "title", "text", "value",
    "options", "format_func", "delta", "tooltip", "page_title",
}  # fmt: skip
# Parts of st that hold state, not text.
NOT_TEXT = {"session_state", "query_params", "column_config", "cache_data", "cache_resource",
            "secrets", "context", "switch_page", "rerun", "stop", "form"}  # fmt: skip
HELPERS = {"md", "md_join", "say", "flash", "plain", "md_escape", "show", "Markdown"}
# Helpers whose first argument is the FIXED message.
MESSAGE_FIRST = {"md", "flash", "plain"}


def _root_and_chain(func: ast.expr) -> tuple[str | None, list[str]]:
    chain = []
    while isinstance(func, ast.Attribute):
        chain.append(func.attr)
        func = func.value
    while isinstance(func, ast.Call | ast.Subscript):  # st.columns(2)[0].markdown(...)
        inner = func.func if isinstance(func, ast.Call) else func.value
        while isinstance(inner, ast.Attribute):
            chain.append(inner.attr)
            inner = inner.value
        func = inner
    return (func.id if isinstance(func, ast.Name) else None), chain


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_constant(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) or (
        isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values)
    )


def _stringy(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(
        node, ast.JoinedStr
    )


def hand_built(node: ast.expr) -> str | None:
    """Say how `node` builds text from a variable without the helpers, or None if it does not."""
    if isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.FormattedValue) for v in node.values):
            return "f-string"
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _stringy(node.left):
        return None if _is_constant(node.right) else "% format"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [node.left, node.right]
        if any(_stringy(p) or hand_built(p) for p in parts) and not all(map(_is_constant, parts)):
            return hand_built(node.left) or hand_built(node.right) or "string concatenation"
        return None
    if isinstance(node, ast.Call):
        if _call_name(node) in HELPERS:
            return None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return ".format()"
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            for arg in node.args:  # "\n".join(f"- {x}" for x in xs)
                inner = arg.elt if isinstance(arg, ast.GeneratorExp | ast.ListComp) else arg
                found = hand_built(inner) if isinstance(inner, ast.expr) else None
                if found:
                    return found
        return None
    if isinstance(node, ast.IfExp):
        return hand_built(node.body) or hand_built(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return next((f for f in map(hand_built, node.elts) if f), None)
    if isinstance(node, ast.Lambda):
        return hand_built(node.body)
    return None


def _shows_text(node: ast.Call) -> bool:
    root, chain = _root_and_chain(node.func)
    if not chain or any(part in NOT_TEXT for part in chain):
        return False
    if root == "st":
        return True
    return chain[0] in TEXT_METHODS and root not in {"logger", "log", "logging", "parser"}


def findings(source: str, filename: str = "<snippet>") -> list[str]:
    """Return 'file:line: st-call gets <how>' for each text call built by hand."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in MESSAGE_FIRST and isinstance(node.func, ast.Name) and node.args:
            args = [node.args[0]]  # the message must be fixed; the values are escaped
        elif name == "say" and len(node.args) >= 2:
            args = [node.args[1]]
        elif _shows_text(node):
            args = [*node.args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
        else:
            continue
        for arg in args:
            how = hand_built(arg)
            if how:
                found.append(f"{filename}:{node.lineno}: {ast.unparse(node.func)}() gets {how}")
    return found


def test_no_text_call_in_pages_or_ui_builds_text_by_hand():
    found = [f for path in SOURCES for f in findings(path.read_text(), str(path.relative_to(ROOT)))]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "snippet",
    [
        'st.toast(f"Saved {name}.")',
        'st.caption("Asked %s" % name)',
        'st.success("Hello {}".format(name))',
        'st.markdown("Hello " + name)',
        'col.markdown(f"**{contact.full_name}**")',
        'left.caption("x" if done else f"{n} left")',
        'with st.expander(f"Notes on {name}"):\n    pass',
        'st.sidebar.info(f"{x}")',
        'tab.button(label=f"Open {name}", key="k")',
        'st.radio("Pick", items, format_func=lambda c: f"{c.name}")',
        'st.tabs([f"{name}", "Other"])',
        'st.error("Nothing was saved:\\n" + "\\n".join(f"- {m}" for m in problems))',
        'flash(f"Saved {name}.")',
        'say(st.caption, f"Asked {name}.")',
        'st.columns(2)[0].write(f"{name}")',
    ],
)
def test_the_lint_finds_a_text_call_built_by_hand(snippet):
    assert len(findings(snippet)) == 1, snippet


@pytest.mark.parametrize(
    "snippet",
    [
        'st.toast(md("Saved {}.", name))',
        'flash("Saved {}.", name, icon="✅")',
        'say(st.caption, "Asked {} on {}.", name, day)',
        "st.markdown(md_escape(name))",
        "st.text(plain(name))",
        'st.button("Save", key=f"save-{contact.id}")',
        'st.session_state[f"k-{x}"] = 1',
        'st.session_state.get(f"k-{x}")',
        'st.markdown("**Fixed** " + "text")',
        'logger.info(f"{x}")',
        'st.switch_page(page, query_params={"contact": f"{x}"})',
    ],
)
def test_the_lint_lets_the_helpers_and_keys_through(snippet):
    assert findings(snippet) == [], snippet

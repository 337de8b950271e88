"""The sandbox for templates users write: Jinja2 with limits on size, loops, calls and time.

``SandboxedEnvironment`` alone stops attribute escapes, not a template that builds a 100 MB
string or loops forever; ``_LimitedSandbox`` and ``_LimitGuard`` add those limits, and every
failure becomes one ``TemplateProblem`` in plain words. Our own templates are in
``infoview.writing``.
"""

from __future__ import annotations

import difflib
import functools
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import (
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from infoview.models import SUBJECT_MAX

MAX_TEMPLATE_CHARS = 10_000
MAX_OUTPUT_CHARS = 20_000
MAX_LOOP_ITERATIONS = 1_000
MAX_CALLS = 1_000
MAX_ITEMS = 1_000
MAX_INT_BITS = 4_096
MAX_SECONDS = 2.0

# Whitespace-separated allowlists (easier to scan than one name per line).
_STR_METHODS = frozenset(
    "capitalize casefold count endswith find isalnum isalpha isdigit islower isnumeric "  # noqa: SIM905
    "isspace istitle isupper join lower lstrip partition removeprefix removesuffix replace "
    "rfind rpartition rsplit rstrip split splitlines startswith strip swapcase title upper".split()
)
_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_LOOP_ATTRS = frozenset(
    "index index0 revindex revindex0 first last length depth depth0 previtem nextitem "  # noqa: SIM905
    "cycle changed".split()
)
# Filters that cannot build a large value from a small one; join, replace and string are ours.
_PLAIN_FILTERS = (
    "abs capitalize count d default dictsort first float int last length list lower max min "  # noqa: SIM905
    "reverse round sort title trim truncate unique upper wordcount".split()
)


class TemplateProblem(Exception):  # noqa: N818 - the name the pages use
    """A user template that cannot be rendered, with a message fit to show the user."""

    def __init__(self, message: str, kind: str = "error", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # syntax, unknown, unsafe, size, loops, calls, time, error
        self.line = line


def _text_size(value: Any, limit: int = MAX_OUTPUT_CHARS, nested: bool = False) -> int:
    """Estimate len(str(value)) without building it, giving up once past ``limit``."""
    if isinstance(value, str):
        if not nested:
            return len(value)
        # repr() can spell an unprintable character with up to 10 characters.
        return 2 + len(value) * (1 if value.isprintable() else 10)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, float):
        return 24
    if isinstance(value, dict):
        items: Iterable[Any] = (x for pair in value.items() for x in pair)
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        return 200
    total = 2
    for item in items:
        total += 2 + _text_size(item, limit - total, nested=True)
        if total > limit:
            break
    return total


class _LimitedSandbox(SandboxedEnvironment):
    """A sandbox that also caps template size, output, loops, calls, numbers and time."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self) -> None:
        super().__init__(
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=self._finalize,
        )
        self.globals = {"range": self._range, "namespace": Namespace, "dict": dict}
        self.filters = {name: self._guarded(DEFAULT_FILTERS[name]) for name in _PLAIN_FILTERS}
        self.filters.update(join=self._join, replace=self._replace, string=self._string)
        self.loops = 0
        self.calls = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    # Budgets.
    def _tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateProblem(
                f"The template takes too long to fill in (the limit is {MAX_SECONDS:g} seconds).",
                "time",
            )

    def _check_size(self, size: int) -> None:
        if size > MAX_OUTPUT_CHARS:
            raise TemplateProblem(
                f"The template builds text that is too long (the limit is "
                f"{MAX_OUTPUT_CHARS:,} characters).",
                "size",
            )

    def _check_items(self, count: int) -> None:
        if count > MAX_ITEMS:
            raise TemplateProblem(
                f"The template builds a list that is too long (the limit is {MAX_ITEMS:,} items).",
                "size",
            )

    def count_loop(self, iterable: Any) -> Any:
        """Yield the items of a for loop, counting every iteration of every loop."""
        for item in iterable:
            self.loops += 1
            if self.loops > MAX_LOOP_ITERATIONS:
                raise TemplateProblem(
                    f"The template's loops repeat too often (the limit is "
                    f"{MAX_LOOP_ITERATIONS:,} repetitions in total, nested loops included).",
                    "loops",
                )
            self._tick()
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_LOOP_ITERATIONS:
            raise TemplateProblem(
                f"range() is too big: it can give at most {MAX_LOOP_ITERATIONS:,} numbers.",
                "loops",
            )
        return numbers

    # Every way of making text goes through one of these.
    def _finalize(self, value: Any) -> Any:
        self._tick()
        self._check_size(_text_size(value))
        return value

    def concat(self, parts: Iterable[str]) -> str:
        """Join buffered output after checking its size (Jinja2's own ``"".join`` overridden:
        rendering and the compiled code of set blocks and macros join through it)."""
        parts = list(parts)
        self._check_size(sum(len(p) for p in parts))
        return "".join(parts)

    def join_checked(self, parts: list[Any]) -> str:
        """Do what ``~`` does, after checking the result will not be too long."""
        self._tick()
        self._check_size(sum(_text_size(p) for p in parts))
        return "".join(str(p) for p in parts)

    def _guarded(self, func: Any) -> Any:
        @functools.wraps(func)  # keeps jinja's pass_environment / pass_eval_context marks
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self._tick()
            result = func(*args, **kwargs)
            if isinstance(result, str):
                self._check_size(len(result))
            return result

        return guarded

    def _join(self, value: Iterable[Any], d: str = "") -> str:
        self._tick()
        items = list(value)
        self._check_size(sum(_text_size(i) for i in items) + len(str(d)) * len(items))
        return str(d).join(str(i) for i in items)

    def _replace(self, s: Any, old: str, new: str, count: int | None = None) -> str:
        self._tick()
        self._check_size(_text_size(s))
        text = str(s)
        self._check_replace(text, str(old), str(new), count)
        return text.replace(str(old), str(new), -1 if count is None else int(count))

    def _string(self, value: Any) -> str:
        self._tick()
        self._check_size(_text_size(value))
        return str(value)

    def _check_replace(self, text: str, old: str, new: str, count: Any = -1) -> None:
        hits = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        self._check_size(len(text) + hits * (len(new) - len(old)))

    # Operators and calls, checked before they allocate anything.
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse operations whose result would be huge, then do them."""
        self._tick()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    if isinstance(seq, str):
                        self._check_size(len(seq) * times)
                    else:
                        self._check_items(len(seq) * times)
            if _is_int(left) and _is_int(right):
                self._check_bits(abs(left).bit_length() + abs(right).bit_length())
        elif operator == "+":
            if isinstance(left, str) and isinstance(right, str):
                self._check_size(len(left) + len(right))
            elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
                self._check_items(len(left) + len(right))
        elif operator == "**":
            if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
                self._check_bits(abs(left).bit_length() * right)
        elif operator == "%" and isinstance(left, str):
            raise TemplateProblem(
                "Formatting text with % is not available; put values in {{ }} instead.",
                "unsafe",
            )
        return super().call_binop(context, operator, left, right)

    def _check_bits(self, bits: int) -> None:
        if bits > MAX_INT_BITS:
            raise TemplateProblem(
                f"A number in the template gets too big (the limit is {MAX_INT_BITS:,} bits, "
                "about 1,200 digits).",
                "size",
            )

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Count the call, refuse a replace or join that would be huge, then call."""
        owner = getattr(obj, "__self__", None)
        if owner is self:  # our own loop counter and ``~``: already budgeted
            return obj(*args)
        self.calls += 1
        if self.calls > MAX_CALLS:
            raise TemplateProblem(
                f"The template calls functions or macros too often (the limit is "
                f"{MAX_CALLS:,} calls).",
                "calls",
            )
        self._tick()
        if isinstance(owner, str):
            name = getattr(obj, "__name__", "")
            if name == "replace" and len(args) >= 2:
                self._check_replace(owner, str(args[0]), str(args[1]), *args[2:3])
            elif name == "join" and args:
                items = list(args[0])
                self._check_size(sum(_text_size(i) for i in items) + len(owner) * len(items))
                args = (items, *args[1:])
        result = super().call(context, obj, *args, **kwargs)
        if isinstance(result, str):
            self._check_size(len(result))
        return result

    # Only the attributes a plain-text email needs.
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow reading string and dict methods, loop details and namespace values only."""
        if attr.startswith("_"):
            return False
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if isinstance(obj, dict):
            return attr in _DICT_METHODS
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRS
        return isinstance(obj, Namespace)

    def wrap_str_format(self, value: Any) -> None:
        """Treat str.format like any other attribute: refused (it can pad to any width)."""
        return None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = _LimitGuard().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _LimitGuard(NodeTransformer):
    """Rewrite a parsed template so loops and ``~`` go through the sandbox's counters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 - jinja visitor name
        if node.recursive:
            raise TemplateSyntaxError("recursive loops are not available here", node.lineno)
        self.generic_visit(node)
        counter = nodes.EnvironmentAttribute("count_loop", lineno=node.lineno)
        node.iter = nodes.Call(counter, [node.iter], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        join = nodes.EnvironmentAttribute("join_checked", lineno=node.lineno)
        parts = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Call(join, [parts], [], None, None, lineno=node.lineno)

    def _refuse(self, node: nodes.Node) -> nodes.Node:
        raise TemplateSyntaxError(
            "include, import and extends are not available in your own templates", node.lineno
        )

    visit_Include = visit_Import = visit_FromImport = visit_Extends = _refuse  # noqa: N815


def _template_line(exc: BaseException) -> int | None:
    """Return the template line an error happened on, from jinja's rewritten traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# Tags that open a block closed by "end" + their name ("set" only without "=").
_BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "with", "autoescape", "set"})


def opening_line(source: str, tag: str) -> int | None:
    """Return the line where the innermost unclosed ``tag`` block opens, if one does.

    Jinja reports an unclosed block where the template ends; the user needs where it began.
    """
    try:
        tokens = [(line, kind, value) for line, kind, value in _LimitedSandbox().lex(source)]
    except TemplateSyntaxError:
        return None
    tokens = [t for t in tokens if t[1] != "whitespace"]
    open_blocks: list[tuple[str, int]] = []
    for i, (line, kind, _) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[i + 1][1] != "name":
            continue
        name = tokens[i + 1][2]
        if name == "set":
            tail = tokens[i + 2 :]
            end = next((n for n, t in enumerate(tail) if t[1] == "block_end"), len(tail))
            if not any(t[1] == "operator" and t[2] == "=" for t in tail[:end]):
                open_blocks.append((name, line))  # {% set x %}...{% endset %}
        elif name in _BLOCK_TAGS:
            open_blocks.append((name, line))
        elif name.startswith("end") and open_blocks and open_blocks[-1][0] == name[3:]:
            open_blocks.pop()
    return next((line for name, line in reversed(open_blocks) if name == tag), None)


def _friendly(exc: Exception, names: Iterable[str], source: str = "") -> TemplateProblem:
    """Turn any error from jinja into a TemplateProblem that names what went wrong."""
    if isinstance(exc, TemplateProblem):
        exc.line = exc.line or _template_line(exc)
        return exc
    if isinstance(exc, TemplateSyntaxError):
        message = str(exc.message or "").rstrip(".")
        missing = re.match(r"No filter named '([^']+)'", message)
        innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
        unknown_tag = re.match(r"Encountered unknown tag '([^']+)'", message)
        if missing:
            message = f"there is no filter called '{missing.group(1)}'"
        elif innermost:
            tag = innermost.group(1)
            message = f"the {{% {tag} %}} block is not closed (add {{% end{tag} %}})"
            opened = opening_line(source, tag)
            if opened is not None:
                return TemplateProblem(f"There is a mistake: {message}.", "syntax", opened)
        elif unknown_tag and unknown_tag.group(1).startswith("end"):
            message = f"{{% {unknown_tag.group(1)} %}} has no matching opening tag"
        elif unknown_tag:
            message = f"there is no tag called '{unknown_tag.group(1)}'"
        return TemplateProblem(f"There is a mistake: {message}.", "syntax", exc.lineno)
    line = _template_line(exc)
    text = str(exc)
    if isinstance(exc, SecurityError) or "is unsafe" in text:
        attr = re.search(r"attribute '([^']+)'", text)
        what = f"'{attr.group(1)}'" if attr else "something"
        return TemplateProblem(
            f"The template tries to use {what}, which is not allowed. "
            "Use only the listed variables.",
            "unsafe",
            line,
        )
    if isinstance(exc, UndefinedError):
        unknown = re.match(r"'([^']+)' is undefined", text)
        if unknown:
            name = unknown.group(1)
            close = difflib.get_close_matches(name, list(names), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            return TemplateProblem(f"Unknown variable '{name}'.{hint}", "unknown", line)
        attr = re.search(r"has no attribute '([^']+)'", text)
        what = f"'{attr.group(1)}'" if attr else "a value"
        return TemplateProblem(
            f"The template asks for {what}, which does not exist.", "unknown", line
        )
    if isinstance(exc, RecursionError):
        return TemplateProblem("The template is nested too deeply.", "calls", line)
    return TemplateProblem(
        f"The template could not be filled in: {text or type(exc).__name__}.", "error", line
    )


def _render_sandboxed(source: str, context: Mapping[str, Any]) -> str:
    if len(source) > MAX_TEMPLATE_CHARS:
        raise TemplateProblem(
            f"The template is too long: {len(source):,} characters (the limit is "
            f"{MAX_TEMPLATE_CHARS:,}).",
            "size",
        )
    env = _LimitedSandbox()
    try:
        template = env.from_string(source)
        env.deadline = time.monotonic() + MAX_SECONDS
        pieces: list[str] = []
        total = 0
        for piece in template.generate(**context):
            total += len(piece)
            env._check_size(total)
            pieces.append(piece)
        return "".join(pieces)
    except Exception as exc:  # every failure becomes one friendly message
        raise _friendly(exc, [*context, *env.globals], source) from None


def render_user_template(
    subject_src: str, body_src: str, context: Mapping[str, Any]
) -> tuple[str, str]:
    """Render a user's own subject and body templates safely; raise TemplateProblem if not.

    ``context`` is normally ``email_context(contact, profile, ask)``: plain strings, numbers,
    booleans and lists (attributes of other objects are not reachable).
    """
    results = []
    for part, source in (("subject", subject_src), ("body", body_src)):
        try:
            results.append(_render_sandboxed(source or "", context))
        except TemplateProblem as problem:
            where = f"In the {part}" + (f", line {problem.line}" if problem.line else "")
            problem.message = f"{where}: {problem.message}"
            problem.args = (problem.message,)
            raise
    subject = " ".join(results[0].split())
    if len(subject) > SUBJECT_MAX:
        raise TemplateProblem(
            f"In the subject: the subject is too long: {len(subject):,} characters (the limit "
            f"is {SUBJECT_MAX}).",
            "size",
        )
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in results[1].splitlines()))
    return subject, body.strip()

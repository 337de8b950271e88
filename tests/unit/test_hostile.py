"""Hostile input everywhere text enters or leaves InfoView, with hypothesis where it fits.

Names, notes and template fields may hold HTML, <script>, javascript: links and Markdown
images: the models keep them as text, and every output (prep sheets, Markdown shown in the
app, CSV, mailto links, backups) shows them literally. User templates cannot reach Python
internals or exhaust memory or time. Importers given anything either import or raise
ImportProblem, never another exception.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from infoview.io.backup import export_json, plan_restore, read_backup
from infoview.io.csv_export import FORMULA_STARTS, contacts_to_csv, neutralize
from infoview.io.importing import ImportProblem, plan_import
from infoview.io.linkedin import parse_linkedin
from infoview.io.vcard import parse_vcards
from infoview.mailto import mailto_link
from infoview.models import CallPlan, Contact, PlanItem, Profile
from infoview.prepsheet import escape_markdown, prep_sheet_html, prep_sheet_markdown
from infoview.questions import add_question, default_plan
from infoview.store import Store
from infoview.ui.text import md_escape
from infoview.user_templates import TemplateProblem, render_user_template

TODAY = date(2025, 5, 12)
SCRIPT = "<script>window.__x=1</script>"
IMG = '<img src=x onerror="window.__y=1">'
JS_LINK = "[click](javascript:window.__z=1)"
MD_IMAGE = "![i](http://127.0.0.1:9/p.png)"
HOSTILE = (SCRIPT, IMG, JS_LINK, MD_IMAGE, "<a href='javascript:alert(1)'>x</a>", "{{ 7*7 }}")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a person could type, weighted towards the characters that mean something somewhere.
SPECIAL = "<>&\"'`[]()!*_#|~$\\/:=+-@\t\r\n?%{}"
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from([*SPECIAL, "a", " ", "é", "script", "img", "javascript:"])).map(
        "".join
    ),
    st.text(),
).map(lambda s: s[:500])


def _contact(text: str, **extra) -> Contact:
    name = _clean(text)[:120].strip() or "x"  # a name of control characters alone is blank
    return Contact(
        full_name=name,
        organization=text[:200],
        title=text[:200],
        reason=text[:1000],
        common_ground=text[:1000],
        notes=text,
        previous_employers=[text[:200]] if text.strip() else [],
        **extra,
    )


def _clean(text: str) -> str:
    return Contact(full_name="x", notes=text).notes


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def _tags(markup: str) -> Tags:
    parser = Tags()
    parser.feed(markup)
    return parser


# ----------------------------------------------------------------------- models
@pytest.mark.parametrize("text", HOSTILE)
def test_models_keep_hostile_text_as_text(text):
    contact = _contact(text)
    assert contact.full_name == text and contact.notes == text and contact.reason == text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "http://exa mple.com",
        "https://e.com/\njavascript:alert(1)",
    ],
)
def test_models_refuse_web_addresses_that_are_not_http(url):
    for field in ("linkedin_url", "bio_url", "website"):
        with pytest.raises(ValidationError):
            Contact(full_name="Ada", **{field: url})


@SETTINGS
@given(url=st.text(max_size=60))
def test_any_accepted_web_address_is_http_or_https(url):
    try:
        contact = Contact(full_name="Ada", website=url)
    except ValidationError:
        return
    assert contact.website is None or re.match(r"(?i)^https?://[^\s]+$", contact.website)


# ------------------------------------------------------------- Markdown and HTML
@SETTINGS
@given(text=hostile_text)
def test_markdown_escaping_leaves_no_raw_tag_or_link(text):
    for escape in (md_escape, escape_markdown):
        out = escape(text)
        assert "<" not in out  # no raw HTML tag can open
        assert not re.search(r"(?<!\\)\]\(", out)  # no [text](target) link or image
        assert not re.search(r"(?<!\\)!(?<!\\)\[", out)


def _plan(contact: Contact, text: str) -> CallPlan:
    items = add_question(default_plan("industry", 15), PlanItem(text=text[:300] or "x", minutes=1))
    return CallPlan(contact_id=contact.id, minutes=20, items=items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
@example(text=SCRIPT + IMG + JS_LINK + MD_IMAGE)
def test_prep_sheets_never_carry_raw_user_markup(text):
    contact = _contact(text)
    profile = Profile(name=text.strip()[:120] or "Sam", intro=text[:1000])
    plan = _plan(contact, text)
    page = prep_sheet_html(contact, profile, plan, today=TODAY)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    found = _tags(page)
    assert not {"script", "img", "iframe", "object", "embed"} & set(found.tags)
    assert not any(name.startswith("on") for name, _ in found.attrs)
    assert not any(v and v.strip().lower().startswith("javascript:") for _, v in found.attrs)
    sheet = prep_sheet_markdown(contact, profile, plan, today=TODAY)
    assert "<script" not in sheet.lower() and "<img" not in sheet.lower()
    assert "](javascript:" not in sheet.lower()


# ----------------------------------------------------------------------------- CSV
@SETTINGS
@given(text=hostile_text, start=st.sampled_from((*FORMULA_STARTS, "", "a")))
@example(text='cmd|" /C calc"!A0', start="=")
@example(text='HYPERLINK("http://x")', start="@")
def test_no_csv_cell_can_start_a_formula(text, start):
    value = (start + text)[:200]
    assert not neutralize(value).startswith(FORMULA_STARTS)
    contact = Contact(
        full_name=_clean(start + text)[:120].strip() or "x",
        organization=value,
        notes=start + text,
        tags=[value[:40]] if value.strip() else [],
    )
    rows = list(csv.reader(io.StringIO(contacts_to_csv([contact], bom=False))))
    assert len(rows) == 2  # one header, one contact: no cell broke out of its row
    for cell in rows[1]:
        assert not cell.startswith(FORMULA_STARTS), cell
    # Nothing else is lost: the cell is the stored text, or it behind one guarding quote.
    assert rows[1][1] in (contact.organization, "'" + contact.organization)


# -------------------------------------------------------------------------- mailto
@SETTINGS
@given(
    to=st.one_of(
        st.sampled_from(
            [
                "ada@example.com",
                "ada@example.com?bcc=eve@evil.com",
                "ada@example.com&cc=eve@evil.com",
                "ada@example.com\r\nBcc: eve@evil.com",
                "a%0d%0abcc:eve@evil.com@x.com",
                "ada@example.com,eve@evil.com",
            ]
        ),
        st.text(max_size=40),
    ),
    subject=hostile_text,
    body=hostile_text,
)
@example(to="a@b.co", subject="Hi\r\nBcc: eve@evil.com", body="x&cc=eve@evil.com?y")
def test_mailto_links_cannot_gain_headers_and_decode_back(to, subject, body):
    link = mailto_link(to, subject, body)
    assert link.startswith("mailto:")
    assert not re.search(r"[\r\n\x00-\x1f\x7f ]", link)
    assert link.count("?") <= 1 and link.count("#") == 0
    target, _, query = link[len("mailto:") :].partition("?")
    assert "&" not in target and "%" not in target.replace("%40", "")
    if target:
        assert "?" not in unquote(target) and "," not in unquote(target)
    fields = dict(part.split("=", 1) for part in query.split("&")) if query else {}
    assert set(fields) <= {"subject", "body"}
    if "subject" in fields:
        decoded = unquote(fields["subject"])
        assert "\r" not in decoded and "\n" not in decoded
        assert decoded == " ".join(re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", " ", subject).split())
    if "body" in fields:
        decoded = unquote(fields["body"])
        assert decoded.replace("\r\n", "\n") == re.sub(
            r"\r\n|\r|\n|\x85|\u2028|\u2029", "\n", body
        ).replace("\r\n", "\n")


@pytest.mark.parametrize(
    "subject",
    ["Hi?body=evil", "Hi&bcc=eve@evil.com", "100% sure", "#frag", "a+b=c"],
)
def test_mailto_query_characters_in_the_subject_stay_in_the_subject(subject):
    link = mailto_link("ada@example.com", subject, "")
    assert link.count("?") == 1 and link.count("&") == 0
    assert unquote(link.split("subject=", 1)[1]) == subject


# ------------------------------------------------------------------------ templates
CONTEXT = {"first_name": "Ada", "topics": ["archives", "data"], "organization": "Acme"}
ABUSE = {
    "{{ ''.__class__.__mro__ }}": "not allowed",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}": "not allowed",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}": "",
    "{{ self._TemplateReference__context }}": "",
    "{{ request }}{{ config }}": "Unknown variable",
    "{{ range(10**9)|list }}": "1,000",
    "{% for i in range(10**9) %}x{% endfor %}": "1,000",
    "{{ 'a' * 10**9 }}": "20,000 characters",
    "{{ 10**(10**10) }}": "too big",
    "{% for a in range(999) %}{% for b in range(999) %}.{% endfor %}{% endfor %}": "1,000",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}": "",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ m() }}{% endcall %}": "",
    "{% set x = [] %}{% for i in range(999) %}{% set _ = x.append(i) %}{% endfor %}": "",
    "{% include '/etc/passwd' %}": "not available",
    "{% extends 'base' %}": "not available",
    "{% import 'x' as y %}": "not available",
    "{{ lipsum(10**6) }}": "",
    "{{ '%s' % 1 }}": "%",
    "{{ 'x'.ljust(10**9) }}": "not allowed",
    "{{ 'x'|center(10**9) }}": "",
    "{{ first_name.format_map({}) }}": "not allowed",
    "{{ topics.pop() }}{{ topics.clear() }}": "not allowed",
    "{{ (('x' * 10000) ~ ('y' * 10000)) ~ 'z' }}": "20,000 characters",
    "x" * 10_001: "10,000",
}


@pytest.mark.parametrize("source", list(ABUSE))
def test_template_injection_and_abuse_are_refused_with_the_limit_named(source):
    with pytest.raises(TemplateProblem) as caught:
        render_user_template("", source, dict(CONTEXT))
    assert ABUSE[source] in caught.value.message
    assert caught.value.message.startswith("In the body")
    assert CONTEXT["topics"] == ["archives", "data"]  # nothing reached the context


@pytest.mark.parametrize("source", list(ABUSE))
def test_template_abuse_in_the_subject_is_refused_too(source):
    with pytest.raises(TemplateProblem, match=r"^In the subject"):
        render_user_template(source, "Hello", dict(CONTEXT))


TEMPLATE_BITS = [
    *"{}%#()[]|~*+.'_ ",
    *("{{", "}}", "{%", "%}", "range(9)", "for x in ", "endfor", "first_name", "__class__"),
    *("9**9", "'a'", "loop", "macro", "set", "if", "endif", "topics", "*99", "~"),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.lists(st.sampled_from(TEMPLATE_BITS), max_size=25).map("".join),
)
def test_any_template_renders_or_raises_template_problem(source):
    try:
        subject, body = render_user_template(source[:80], source, dict(CONTEXT))
    except TemplateProblem as problem:
        assert problem.message and problem.kind
        return
    assert len(body) <= 20_000 and len(subject) <= 300


# ------------------------------------------------------------------------ importers
IMPORTERS = ((parse_linkedin, plan_import), (parse_vcards, plan_import))
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _import_or_problem(parse, plan, data: bytes) -> None:
    try:
        parsed = parse(data)
    except ImportProblem as problem:
        assert str(problem)
        return
    planned = plan(parsed, [], TODAY)
    assert len(planned.new) + len(planned.skipped) == parsed.total
    for contact in planned.new:
        Contact.model_validate(contact.model_dump())  # each one would save as it is


@SETTINGS
@given(data=st.binary(max_size=2_000))
def test_importers_given_random_bytes_import_or_raise_import_problem(data):
    for parse, plan in IMPORTERS:
        _import_or_problem(parse, plan, data)


@SETTINGS
@given(cells=st.lists(st.text(max_size=80), min_size=7, max_size=7), raw=st.binary(max_size=60))
def test_linkedin_rows_with_any_text_import_or_raise_import_problem(cells, raw):
    line = ",".join('"' + c.replace('"', '""') + '"' for c in cells).encode(
        "utf-8", "surrogatepass"
    )
    _import_or_problem(parse_linkedin, plan_import, HEADER + line + b"\n" + raw)


@SETTINGS
@given(name=st.text(max_size=80), note=st.text(max_size=200), raw=st.binary(max_size=40))
def test_vcards_with_any_text_import_or_raise_import_problem(name, note, raw):
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nNOTE:{note}\r\nEND:VCARD\r\n"
    _import_or_problem(parse_vcards, plan_import, card.encode("utf-8", "surrogatepass") + raw)


@pytest.mark.parametrize(
    "data",
    [
        HEADER + b"../../etc/passwd,x,,,,,\n",
        HEADER + b"C:\\Windows\\system32,x,,,,,\n",
        HEADER + b'"' + b"A" * 5_000_000 + b'",x,,,,,\n',
        HEADER + b"Ada,\xff\xfe\xfa,,,,,\n",
        HEADER + b"Ada,\xed\xa0\x80,,,,,\n",  # a UTF-8-encoded lone surrogate
        HEADER + b"Ada,Q\x00uill,,,,,\n",
        b"\xef\xbb\xbf" + HEADER + b"Ada,Quill,javascript:alert(1),,,,\n",
        b"\xff\xfe" + HEADER,  # a UTF-16 mark on UTF-8 bytes
        b"BEGIN:VCARD\r\nFN:" + b"\xed\xa0\x80" * 10 + b"\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE:=FF=FE=00\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\r\n" * 5_000,
    ],
)
def test_importers_given_hostile_files_import_or_raise_import_problem(data):
    for parse, plan in IMPORTERS:
        _import_or_problem(parse, plan, data)


def test_a_path_like_name_is_imported_as_a_name_not_followed():
    parsed = parse_linkedin(HEADER + b"../../etc/passwd,x,,,,,\n")
    assert parsed.rows[0]["full_name"] == "../../etc/passwd x"


# -------------------------------------------------------------------------- backups
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
@example(text=SCRIPT + "\u2028" + IMG + "\ufeff" + JS_LINK + "\U0001f469\u200d\U0001f52c")
def test_a_backup_with_hostile_content_round_trips_exactly(tmp_path_factory, text):
    source = Store()
    contact = source.save(_contact(text, tags=[t for t in [text[:40].strip()] if t]))
    payload = export_json(source)
    folder = tmp_path_factory.mktemp("restore")
    target = Store.in_dir(folder)
    plan = plan_restore(read_backup(payload), target, "replace")
    target.replace_all({name: records for name, records in plan.contents.tables.items()})
    again = Store.in_dir(folder).contact(contact.id)
    assert again == contact
    assert again.notes == _clean(text)

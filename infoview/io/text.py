"""Turn an uploaded file's bytes into text, and check the values importers read from it."""

from __future__ import annotations

import codecs
import re

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from infoview.io.importing import ImportProblem
from infoview.models import EMAIL_MAX

_SNIFF_BYTES = 8_192
# Bytes no text file holds (tab, line breaks and form feed excepted).
_CONTROL_BYTES = bytes(range(0, 32)).translate(None, b"\t\n\r\x0c")
_ARCHIVES = {
    b"PK\x03\x04": "a zip archive or an Excel workbook (.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file (.xls/.doc)",
    b"%PDF": "a PDF",
}
# Plain ASCII addresses, the overwhelming majority, are checked here in microseconds;
# anything else goes through email_validator, which gives the same answer more slowly.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"^({_LOCAL})@((?:{_LABEL}\.)+([A-Za-z]{{2,63}}))$")


def refuse_binary(data: bytes) -> None:
    """Raise ImportProblem for an empty file or one that is not text."""
    if not data.strip():
        raise ImportProblem("The file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    head = data[:_SNIFF_BYTES]
    for magic, kind in _ARCHIVES.items():
        if head.startswith(magic):
            raise ImportProblem(
                f"This is {kind}, not a text file. Save or export it as CSV and try again."
            )
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if b"\x00" in head or controls > len(head) // 100:
        raise ImportProblem("This is a binary file, not text, so it cannot be imported.")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode UTF-8 (with or without BOM), UTF-16, or Windows-1252 with a warning; LF endings."""
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportProblem("The file says it is UTF-16 text but it is damaged.") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                # Five bytes have no Windows-1252 meaning; Latin-1 reads every byte.
                text = data.decode("latin-1")
            warnings.append(
                "The file is not UTF-8, so it was read as Windows-1252 (what Excel on Windows "
                "writes). If some accented letters look wrong, save it as 'CSV UTF-8' and "
                "import it again."
            )
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ImportProblem("This is a binary file, not text, so it cannot be imported.")
    return text, warnings


def check_email(value: str) -> str | None:
    """Return the address normalised as the models store it, or None when it is not valid."""
    value = value.strip()
    if not value or len(value) > EMAIL_MAX:
        return None
    match = _PLAIN_EMAIL.match(value)
    special = match and match.group(3).lower() in SPECIAL_USE_DOMAIN_NAMES
    if match and len(match.group(1)) <= 64 and not special:
        return f"{match.group(1)}@{match.group(2).lower()}"
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None

"""The data files in infoview/data are read once and refused when their shape is wrong."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from pydantic import ValidationError

from infoview import questions
from infoview.content import (
    DATA_DIR,
    BankQuestion,
    QuestionBankFile,
    SampleNetwork,
    question_bank_file,
    sample_network,
)


def _raw(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def test_the_shipped_files_load_and_are_read_once():
    assert sample_network() is sample_network()
    assert question_bank_file() is question_bank_file()
    assert len(sample_network().contacts) == 40
    assert len(question_bank_file().questions) == len(questions.QUESTION_BANK)


def test_a_contact_key_that_is_no_contact_field_is_refused():
    raw = _raw("sample_network.toml")
    raw["contacts"][0]["favourite_colour"] = "teal"
    with pytest.raises(ValidationError, match="favourite_colour"):
        SampleNetwork.model_validate(raw)


def test_an_ask_to_an_unknown_contact_is_refused():
    raw = _raw("sample_network.toml")
    raw["asks"][0]["key"] = "nobody"
    with pytest.raises(ValidationError, match="nobody"):
        SampleNetwork.model_validate(raw)


def test_a_call_needs_an_answered_ask():
    raw = _raw("sample_network.toml")
    draft = next(a["key"] for a in raw["asks"] if a["status"] == "draft")
    raw["upcoming"][0]["key"] = draft
    with pytest.raises(ValidationError, match="answered ask"):
        SampleNetwork.model_validate(raw)


def test_a_sent_ask_without_its_day_is_refused():
    raw = _raw("sample_network.toml")
    sent = next(a for a in raw["asks"] if a["status"] == "sent")
    del sent["sent"]
    with pytest.raises(ValidationError, match="needs 'sent'"):
        SampleNetwork.model_validate(raw)


def test_a_bad_profile_is_refused():
    raw = _raw("sample_network.toml")
    raw["profile"]["email"] = "not an address"
    with pytest.raises(ValidationError):
        SampleNetwork.model_validate(raw)


def test_two_bank_questions_with_one_id_are_refused():
    raw = _raw("question_bank.toml")
    raw["questions"][1]["id"] = raw["questions"][0]["id"]
    with pytest.raises(ValidationError, match="share one id"):
        QuestionBankFile.model_validate(raw)


def test_an_unknown_sector_is_refused():
    with pytest.raises(ValidationError):
        BankQuestion(id="x", category="advice", minutes=2, text="Why?", sectors=["space"])


def test_an_unknown_category_stops_the_bank_loading(monkeypatch):
    odd = QuestionBankFile(
        questions=[BankQuestion(id="x", category="gossip", minutes=2, text="Who said what?")]
    )
    monkeypatch.setattr(questions, "question_bank_file", lambda: odd)
    with pytest.raises(ValueError, match="gossip"):
        questions._load_bank()


def test_a_bank_without_the_referral_question_is_refused(monkeypatch):
    plain = QuestionBankFile(
        questions=[BankQuestion(id="x", category="advice", minutes=2, text="Where to begin?")]
    )
    monkeypatch.setattr(questions, "question_bank_file", lambda: plain)
    with pytest.raises(ValueError, match="referral"):
        questions._load_bank()

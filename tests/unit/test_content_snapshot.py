"""The sample network and the question bank stay exactly the same when their content moves.

The snapshots were written from the code before the content became data files. To refresh one
on purpose (after changing the content), run
``INFOVIEW_WRITE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/unit/test_content_snapshot.py``
and review the diff of the JSON file like any other change.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from infoview.demo import sample_records
from infoview.questions import QUESTION_BANK

SNAPSHOTS = Path(__file__).parent / "snapshots"
DAY = date(2025, 3, 14)


def _check(name: str, built: Any) -> None:
    path = SNAPSHOTS / name
    text = json.dumps(built, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("INFOVIEW_WRITE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(text) == expected


def test_the_sample_for_a_fixed_day_is_record_for_record_the_snapshot():
    built = {
        table: [record.model_dump(mode="json") for record in records]
        for table, records in sample_records(DAY).items()
    }
    _check("sample_2025-03-14.json", built)


def test_the_question_bank_is_question_for_question_the_snapshot():
    built = [{**asdict(q), "sectors": sorted(q.sectors)} for q in QUESTION_BANK]
    _check("question_bank.json", built)

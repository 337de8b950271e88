"""One person, one record in a real browser: a vCard overlapping LinkedIn, merged and undone."""

from __future__ import annotations

import os
from pathlib import Path

from infoview.merge import merges
from infoview.store import Store
from tests.e2e.harness import ROOT, exception_texts, goto, wait_idle

FIXTURES = ROOT / "tests" / "fixtures"


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INFOVIEW_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _upload(page, path: Path) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        str(path)
    )
    page.get_by_text("Preview", exact=False).first.wait_for()
    wait_idle(page)


def test_import_vcard_over_linkedin_merge_from_the_preview_and_undo_one(server, page, tmp_path):
    shots = _shots(tmp_path)
    goto(page, f"{server.url}/Data")
    _upload(page, FIXTURES / "linkedin_connections.csv")
    page.get_by_role("button", name="Import 4 contacts").click()
    page.get_by_text("Imported: 4 new contacts").wait_for()
    wait_idle(page)

    _upload(page, FIXTURES / "overlap_linkedin.vcf")
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("May already be in your network · 3").wait_for()
    groups = main.get_by_role("radiogroup")
    groups.nth(0).get_by_text("Same person: merge").click()
    wait_idle(page)
    groups.nth(2).get_by_text("Same person: merge").click()
    wait_idle(page)
    assert exception_texts(page) == []
    page.screenshot(path=str(shots / "dedupe-import-preview.png"), full_page=True)
    assert Store.in_dir(server.data_dir).count("contacts") == 4

    page.get_by_role("button", name="Import 4 contacts and update 2").click()
    main.get_by_text("2 merged into people you had").wait_for()
    wait_idle(page)
    store = Store.in_dir(server.data_dir)
    assert store.count("contacts") == 4 + 2  # Ada and Kai merged; Zoe and Mina added
    assert len(merges(store)) == 2

    page.get_by_role("tab", name="Duplicates").click()
    wait_idle(page)
    main.get_by_text("Merges you made").wait_for()
    assert main.get_by_text("Zoë Ueda  ·  Zoe Ueda (she/her)").count() == 1
    page.screenshot(path=str(shots / "dedupe-list.png"), full_page=True)
    main.get_by_role("button", name="Undo").first.click()
    page.get_by_text("are two records again").first.wait_for()
    wait_idle(page)
    assert exception_texts(page) == []
    store = Store.in_dir(server.data_dir)
    assert store.count("contacts") == 4 + 3
    assert sum(1 for m in merges(store) if m.undone_at is not None) == 1

    main.get_by_role("button", name="Review").first.click()
    wait_idle(page)
    main.get_by_text("Are these the same person?").wait_for()
    page.screenshot(path=str(shots / "dedupe-review.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})
    wait_idle(page)
    page.screenshot(path=str(shots / "dedupe-review-390.png"), full_page=True)
    assert exception_texts(page) == []

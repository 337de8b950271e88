"""Your data in a real browser: upload a LinkedIn export, import it, see it in Research, export."""

from __future__ import annotations

from datetime import date

from infoview.io.backup import read_backup
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle
from tests.fixtures.make_connections import connections_csv

ROWS = 25


def test_upload_preview_import_and_see_them_in_research(server, page, tmp_path):
    upload = tmp_path / "Connections.csv"
    upload.write_text(connections_csv(ROWS), encoding="utf-8")

    goto(page, f"{server.url}/Data")
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        str(upload)
    )
    page.get_by_text("Preview", exact=False).first.wait_for()
    wait_idle(page)
    assert exception_texts(page) == []
    main = page.locator("[data-testid='stMain']")
    assert f"Read as LinkedIn connections: {ROWS} rows." in main.inner_text()
    page.screenshot(path=str(tmp_path / "data-preview.png"), full_page=True)
    assert Store.in_dir(server.data_dir).count("contacts") == 0

    page.get_by_role("button", name=f"Import {ROWS} contacts").click()
    wait_idle(page)
    main.get_by_text(f"{ROWS} new contacts").wait_for()
    assert exception_texts(page) == []
    page.screenshot(path=str(tmp_path / "data-imported.png"), full_page=True)
    assert Store.in_dir(server.data_dir).count("contacts") == ROWS

    main.get_by_role("link", name="See them in 2 · Research").click()
    wait_idle(page)
    assert f"{ROWS} of {ROWS} contacts" in page.inner_text("body")


def test_exports_are_built_on_click_with_dated_names(server, page, tmp_path):
    upload = tmp_path / "Connections.csv"
    upload.write_text(connections_csv(3), encoding="utf-8")
    goto(page, f"{server.url}/Data")
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        str(upload)
    )
    page.get_by_role("button", name="Import 3 contacts").click()
    page.get_by_text("Imported: 3 new contacts").wait_for()
    wait_idle(page)

    page.get_by_role("tab", name="Export").click()
    stamp = date.today().isoformat()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON backup").click()
    assert download.value.suggested_filename == f"infoview-backup-{stamp}.json"
    with open(download.value.path(), "rb") as handle:
        assert read_backup(handle.read()).counts()["contacts"] == 3

    with page.expect_download() as download:
        page.get_by_role("button", name="Download 3 contacts as CSV").click()
    assert download.value.suggested_filename == f"infoview-contacts-{stamp}.csv"
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        assert len(handle.read().strip().splitlines()) == 4
    page.screenshot(path=str(tmp_path / "data-export.png"), full_page=True)
    assert exception_texts(page) == []

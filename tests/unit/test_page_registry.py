"""Every page is named once, in infoview/ui/pages.py, and each script says which one it is."""

from __future__ import annotations

import re

from infoview.ui import pages
from tests.conftest import ROOT

SCRIPTS = sorted(
    ["app.py", *(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))]
)


def test_every_page_script_is_in_the_registry_and_every_entry_has_a_script():
    assert sorted(page.path for page in pages.ALL) == SCRIPTS
    assert pages.available(pages.ALL) == list(pages.ALL)


def test_each_script_sets_itself_up_with_its_own_entry():
    by_name = {name: getattr(pages, name) for name in dir(pages) if name.isupper()}
    for script in SCRIPTS:
        calls = re.findall(r"page_setup\(pages\.([A-Z_]+)\)", (ROOT / script).read_text())
        assert len(calls) == 1, script
        assert by_name[calls[0]].path == script


def test_no_page_path_is_spelled_outside_the_registry():
    registry = ROOT / "infoview" / "ui" / "pages.py"
    spelled = []
    for folder in ("infoview", "pages", "tests", "bench", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path != registry and re.search(r"[\"']pages/", path.read_text()):
                spelled.append(str(path.relative_to(ROOT)))
    assert spelled == []


def test_the_menu_uses_material_icons_and_unique_labels():
    assert all(page.icon.startswith(":material/") for page in pages.ALL)
    labels = [page.label for page in pages.MENU]
    assert len(set(labels)) == len(labels)
    assert [page for page in pages.MENU if page.takes_contact] == [
        pages.ASK,
        pages.QUESTIONS,
        pages.CONVERSATIONS,
    ]


def test_a_page_is_served_at_its_file_name_without_the_number():
    assert pages.HOME.url_path == ""
    assert pages.RESEARCH.url_path == "Research"
    assert pages.YOUR_STORY.url_path == "Your_story"
    assert pages.RESEARCH.link_label() == "Go to 2 · Research"

"""The page registry: every page's path, title, menu label, icon and section, said once.

Pages call ``page_setup(pages.RESEARCH)``; links and switches name ``pages.ASK.path``; the
menu is ``MENU``. Nothing else spells a page's file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    path: str  # relative to the app folder, as st.page_link and st.switch_page take it
    title: str  # the browser tab's title
    label: str  # the menu's label
    icon: str  # a Material icon, used in the menu, the browser tab and links to the page
    section: str = ""
    takes_contact: bool = False  # the menu carries the current contact along to it

    @property
    def url_path(self) -> str:
        """Return the path Streamlit serves the page at: "" for Home, else the file's name
        without its number ("pages/2_Research.py" -> "Research")."""
        if self is HOME or self.path == HOME.path:
            return ""
        return Path(self.path).stem.split("_", 1)[1]

    def link_label(self) -> str:
        """Return the text of a link that sends the user to this page."""
        return f"Go to {self.label}"


HOME = Page("app.py", "Home", "Home", ":material/home:")
YOUR_STORY = Page(
    "pages/1_Your_story.py", "Your story", "1 · Your story", ":material/person:", section="Prepare"
)
RESEARCH = Page(
    "pages/2_Research.py",
    "Research",
    "2 · Research",
    ":material/travel_explore:",
    section="Prepare",
)
TARGETS = Page(
    "pages/8_Targets.py",
    "Target employers",
    "Target employers",
    ":material/flag:",
    section="Prepare",
)
ASK = Page(
    "pages/3_Ask.py",
    "Craft the ask",
    "3 · Craft the ask",
    ":material/edit_note:",
    section="Reach out",
    takes_contact=True,
)
QUESTIONS = Page(
    "pages/4_Questions.py",
    "Plan questions",
    "4 · Plan questions",
    ":material/quiz:",
    section="Reach out",
    takes_contact=True,
)
CONVERSATIONS = Page(
    "pages/5_Conversations.py",
    "Conversations",
    "5 · Conversations",
    ":material/forum:",
    section="Follow through",
    takes_contact=True,
)
NETWORK = Page(
    "pages/6_Network.py",
    "Network growth",
    "Network growth",
    ":material/monitoring:",
    section="Grow",
)
DATA = Page("pages/7_Data.py", "Your data", "Your data", ":material/database:", section="Grow")
# Hosted mode only: a coach's clients (the menu shows it when the app is hosted).
CLIENTS = Page("pages/10_Clients.py", "Clients", "Clients", ":material/groups:", section="Coach")
# Not in the menu: reached from a contact's name wherever it is shown.
CONTACT = Page("pages/9_Contact.py", "Contact", "Contact", ":material/person:")

MENU: tuple[Page, ...] = (
    HOME,
    YOUR_STORY,
    RESEARCH,
    TARGETS,
    ASK,
    QUESTIONS,
    CONVERSATIONS,
    NETWORK,
    DATA,
)
HOSTED_MENU: tuple[Page, ...] = (CLIENTS,)
ALL: tuple[Page, ...] = (*MENU, *HOSTED_MENU, CONTACT)


def available(items: tuple[Page, ...] = MENU) -> list[Page]:
    """Return the pages whose script exists."""
    return [item for item in items if (ROOT / item.path).exists()]

"""InfoView's Home page: where the journey starts."""

import streamlit as st

from infoview.ui import page_setup
from infoview.ui.menu import MENU, available

store = page_setup("Home", "🧭")

st.title("InfoView")
st.markdown(
    "Build your professional network one **informational interview** at a time: short, "
    "specific conversations with people whose work you want to understand."
)

count = len(store.contacts())
st.metric("Contacts in your network", f"{count:,}")

STEPS = {
    "pages/1_Your_story.py": "Reflect on where you have been, where you are and where you "
    "are heading, what you can offer, and a 30-second introduction.",
    "pages/2_Research.py": "Learn who a contact is and find the compelling reason the two of "
    "you should talk.",
    "pages/3_Ask.py": "Write a short, specific email asking for a 15-minute call that you "
    "will place.",
    "pages/4_Questions.py": "Choose a few good questions that fit the minutes you were given.",
    "pages/5_Conversations.py": "Log what you learned, add the people they suggested, and "
    "thank them within a day.",
}

st.subheader("The five steps")
pages = {item.page: item for item in available(MENU)}
for page, blurb in STEPS.items():
    item = pages.get(page)
    if item is None:
        continue
    st.page_link(page, label=item.label, icon=item.icon)
    st.caption(blurb)
if count == 0 and "pages/2_Research.py" in pages:
    st.info("Start with Research: add one person whose path you are curious about.")

"""Hosted mode in the browser: a local OpenID Connect provider, secrets, sign-in helpers."""

from __future__ import annotations

import os
from pathlib import Path

from tests.e2e.harness import Server, free_port, wait_idle


def write_secrets(home: Path, app_url: str, provider_url: str, database_url: str) -> None:
    """Write Streamlit secrets for hosted mode into ``home/.streamlit`` (never the repo)."""
    folder = home / ".streamlit"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secrets.toml").write_text(
        f'database_url = "{database_url}"\n\n'
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "infoview-tests"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )


def hosted_server(folder: Path, provider_url: str, database_url: str) -> Server:
    """Start a streamlit server in hosted mode; its secrets live in its own HOME."""
    home = folder / "home"
    port = free_port()
    write_secrets(home, f"http://localhost:{port}", provider_url, database_url)
    env = {"HOME": str(home)}
    return Server(folder / "data", env=env).start(port)


def sign_in(page, app_url: str, subject: str) -> None:
    """Sign in as ``subject`` through the provider's form and wait for the app."""
    page.goto(app_url)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name='sub']").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**")
    page.locator("[data-testid='stSidebar']").get_by_text("Signed in as").wait_for()
    wait_idle(page)


def sign_out(page, app_url: str) -> None:
    """Sign out from the sidebar, confirm at the provider, and wait for the welcome."""
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's own page
    page.wait_for_url(f"{app_url}/**")
    page.get_by_role("button", name="Sign in").wait_for()
    wait_idle(page)

"""One Chromium, driven by Playwright, for every browser test.

Debian's `/usr/bin/chromium` unless `NEWSROOM_CHROMIUM` names another Chromium or Chrome
(on a Mac: `/Applications/Google Chrome.app/Contents/MacOS/Google Chrome`).
"""

import os
import shutil
from pathlib import Path

import pytest

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Where other Linux distributions put it, tried when the default is missing.
OTHER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The machine reaches no network but the package registries: keep Chromium from trying.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path(environ=os.environ):
    """The browser to drive: `NEWSROOM_CHROMIUM` if set, else Debian's, else one on the PATH."""
    chosen = environ.get("NEWSROOM_CHROMIUM")
    if chosen:
        return chosen
    if shutil.which(DEFAULT_CHROMIUM):
        return DEFAULT_CHROMIUM
    return next(filter(None, map(shutil.which, OTHER_NAMES)), DEFAULT_CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    chromium = chromium_path()
    if not shutil.which(chromium):
        message = (
            f"{chromium} is missing: install Chromium (Debian: apt-get install chromium) "
            "or set NEWSROOM_CHROMIUM to a Chromium or Chrome executable."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop; the live server's ORM calls are still sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()

"""The browser tests find Chromium on Debian, on other Linux systems and on a Mac."""

from tests.browser.conftest import DEFAULT_CHROMIUM, chromium_path


def test_a_chosen_browser_wins():
    mac_chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    assert chromium_path({"NEWSROOM_CHROMIUM": mac_chrome}) == mac_chrome


def test_debians_chromium_by_default(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: name if name == DEFAULT_CHROMIUM else None)
    assert chromium_path({}) == DEFAULT_CHROMIUM


def test_another_linux_chromium_on_the_path(monkeypatch):
    found = {"chromium-browser": "/usr/lib64/chromium-browser/chromium-browser"}
    monkeypatch.setattr("shutil.which", found.get)
    assert chromium_path({}) == "/usr/lib64/chromium-browser/chromium-browser"

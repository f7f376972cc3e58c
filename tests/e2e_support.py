"""Browser tests: the app served from a thread on a free port, and a Playwright page.

Load it as a plugin from a browser test module (do not import it: pytest must load it first
to rewrite its asserts); everything is a fixture:

    pytest_plugins = ["e2e_support"]
    pytestmark = pytest.mark.e2e

    def test_something(browser_page, sign_in): ...

    @pytest.mark.parametrize("browser_page", ["phone"], indirect=True)
    def test_on_a_phone(browser_page): ...

`live_server` is the base URL of the app (the test database, the same one the `db` and
`world` fixtures fill); `browser_page` is a fresh Playwright page (its own cookies) in
Debian's chromium. Without /usr/bin/chromium the tests are skipped.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def live_server(app):
    """Serve the test app on 127.0.0.1 at a free port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def browser_page(browser, live_server, request):
    """A page of its own (cookies included), 1280 px wide, or 390 px with the "phone" param."""
    viewport = VIEWPORTS[getattr(request, "param", None) or "desktop"]
    context = browser.new_context(base_url=live_server, viewport=viewport, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def sign_in():
    """sign_in(page, username): sign in through the login form and wait to leave it."""

    def sign(page, username: str, password: str = "Password123") -> None:
        page.goto("/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)

    return sign

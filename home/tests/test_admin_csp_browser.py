"""The Wagtail admin under its own strict CSP, in a real Chromium: no violation anywhere."""

import pytest
from django.contrib.auth import get_user_model

from locations.models import LocationPage

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"
# Every violation the page reports, whatever the console says.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.lineNumber}`);
});
"""


@pytest.fixture
def admin_page(live_demo, page):
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    page.goto(live_demo + "/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_demo + "/admin/")
    page.console_messages = console
    return page


def violations(page):
    reported = page.evaluate("window.__csp")
    logged = [text for text in page.console_messages if "Content Security Policy" in text]
    return reported + logged


def test_dashboard_and_page_editor_break_no_csp_rule(admin_page, live_demo):
    response = admin_page.goto(live_demo + "/admin/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    admin_page.wait_for_load_state("networkidle")
    assert violations(admin_page) == []
    place = LocationPage.objects.get(slug="creully")
    response = admin_page.goto(live_demo + f"/admin/pages/{place.pk}/edit/")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    admin_page.wait_for_load_state("networkidle")
    assert admin_page.locator("#id_title").input_value() == place.title
    # Every widget Wagtail used to start with an inline script was started by our script…
    started = "document.querySelectorAll('[data-pas-init]:not([data-pas-init-done])').length"
    assert admin_page.locator("[data-pas-init]").count() > 0
    assert admin_page.evaluate(started) == 0
    # …including the inline panel: adding an opening slot works, and its choosers start.
    total = admin_page.locator("#id_slots-TOTAL_FORMS")
    before = int(total.input_value())
    admin_page.click("#id_slots-ADD")
    admin_page.wait_for_timeout(300)
    assert int(total.input_value()) == before + 1
    assert admin_page.locator(f"#id_slots-{before}-start").is_visible()
    assert admin_page.evaluate(started) == 0
    assert violations(admin_page) == []

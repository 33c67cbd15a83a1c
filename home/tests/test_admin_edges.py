"""The admin's edges: its own CSP, no third party, quiet bad hosts, HEAD without a body."""

import io
import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command

from locations.models import LocationIndexPage, LocationPage

PASSWORD = "mot-de-passe-de-test"


def test_admin_pages_have_their_own_strict_csp(demo_site, admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert csp == settings.ADMIN_CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in csp
    assert "unsafe-eval" not in csp
    assert "script-src 'self' 'unsafe-inline'" not in csp
    login = admin_client.get("/admin/login/")
    assert login["Content-Security-Policy"] == settings.ADMIN_CONTENT_SECURITY_POLICY
    public = admin_client.get("/")
    assert public["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_the_dashboard_calls_no_third_party(demo_site, client):
    user = get_user_model().objects.create_superuser("edges-admin", "edges@example.org", PASSWORD)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "releases.wagtail.org" not in html
    assert "data-w-upgrade" not in html
    assert "gravatar" not in html


def test_the_admin_has_no_inline_script(demo_site, admin_client):
    """The page editor's widgets leave markers for static/js/admin-csp-init.js, no <script> body."""
    place = LocationPage.objects.get(slug="creully")
    html = admin_client.get(f"/admin/pages/{place.pk}/edit/").content.decode()
    assert "initDateChooser(" not in html
    assert "new InlinePanel(" not in html
    assert 'data-pas-init="InlinePanel"' in html
    assert "js/admin-csp-init.js" in html


@pytest.fixture
def host_records():
    """Records reaching the handlers of the DisallowedHost logger (its filter has run)."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("django.security.DisallowedHost")
    handler = Keep()
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_a_bad_host_is_one_warning_line(demo_site, client, settings, host_records):
    settings.ALLOWED_HOSTS = ["pasapas.example"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert len(host_records) == 1
    record = host_records[0]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    formatted = logging.Formatter("%(levelname)s %(name)s %(message)s").format(record)
    assert "\n" not in formatted
    assert "evil.example" in formatted
    assert "Traceback" not in formatted


def wsgi(path, method):
    """Call the WSGI application as gunicorn does: whatever it yields is sent."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    status = {}

    def start_response(line, headers, exc_info=None):
        status["line"], status["headers"] = line, dict(headers)

    result = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return status["line"], status["headers"], body


@pytest.mark.django_db(transaction=True)
def test_head_responses_have_no_body_under_a_wsgi_server():
    call_command("load_demo", stdout=io.StringIO())
    directory = LocationIndexPage.objects.live().first().get_url()
    for path in ["/", directory, directory + "export/lieux-mediation-numerique.csv", "/static/js/site.js"]:
        line, headers, body = wsgi(path, "GET")
        assert line.startswith("200"), (path, line)
        assert body
        head_line, head_headers, head_body = wsgi(path, "HEAD")
        assert head_line == line, path
        assert head_body == b"", path
        assert head_headers.get("Content-Type") == headers.get("Content-Type")

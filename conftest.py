"""Fixtures shared by every app's tests: the demo site and Debian's Chromium."""

import os
import shutil
import sqlite3

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these flags Chromium keeps calling home, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def commits(item):
    """Whether a test commits to the database (and pytest-django empties it afterwards)."""
    marker = item.get_closest_marker("django_db")
    names = item.fixturenames
    return bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    ) or bool({"transactional_db", "live_server"} & set(names))


def pytest_collection_modifyitems(items):
    """`make test` runs the suite in two processes (pytest-xdist, --dist loadgroup). Each
    process loads the demo once (django_db_setup below) and runs its share of the tests in
    pytest-django's order: rolled-back tests, then those that commit and empty the database,
    which reload the demo themselves (live_demo). A group (xdist_group) runs whole in one
    process, early: it must not hold a test that commits, or the tests run after it in that
    process would find an empty database."""
    grouped = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and commits(item)]
    if grouped:
        raise pytest.UsageError(f"xdist_group ne va qu'à des tests sans commit : {', '.join(grouped)}")


# SQLite only: a copy of the test database right after the demo was loaded (sqlite3's backup
# API, milliseconds), put back after a committing test emptied the database.
_demo_copy = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once into each test process's database, the way `make run` loads it.

    Each test then runs in a transaction that is rolled back, so every test starts from the
    same demo site without paying for a reload.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            _demo_copy["db"] = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(_demo_copy["db"])


def restore_demo():
    """The demo as loaded at the start of the session (SQLite: copied back, identical ids;
    PostgreSQL: loaded again)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if "db" not in _demo_copy:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return
    connection.ensure_connection()
    _demo_copy["db"].backup(connection.connection)
    ContentType.objects.clear_cache()  # ids the flush's post_migrate gave them are gone


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the page cache outlives rolled-back transactions),
    no search hit another test counted in this process (search.hits.count_later), and no page
    another test saved in a rolled-back transaction waiting for a commit (search.signals)."""
    from django.core.cache import cache

    from search import hits
    from search import signals as search_signals

    cache.clear()
    hits._pending.clear()
    search_signals._pending.pages = {}


@pytest.fixture
def demo_site(db):
    """The demo site (loaded once per session by django_db_setup)."""


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright; skipped (loudly) where it is absent."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium introuvable ({CHROMIUM}) alors que CI doit l'installer.")
        pytest.skip(f"Chromium absent ({CHROMIUM}) : installez le paquet Debian « chromium ».")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the tests themselves stay synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh French-speaking browser tab."""
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(chromium):
    """A French-speaking tab on a 360 x 740 phone."""
    context = chromium.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_demo(transactional_db, live_server):
    """A live server with the demo content: the site a visitor would see."""
    restore_demo()
    return live_server.url

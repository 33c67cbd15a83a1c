"""The embedded default under real use: a club's site on SQLite, served by gunicorn with the
production settings, never drops a staff publish while visitors search and filter, and every
search still reaches the editors' statistics.

Six visitors search and filter the directory while one editor publishes place revisions through
the admin about every 200 ms. The database is a file (the test database is in memory, where
nothing ever waits for a lock): a copy of the demo site the suite loaded.
"""

import sqlite3
import threading
import time
from collections import Counter
from contextlib import closing

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from home.tests.admin_forms import form_data
from home.tests.servers import production_environment, servers
from locations.models import LocationPage

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's file locking under load; PostgreSQL has row locks and is tested by test_two_servers",
)

LOAD_SECONDS = 18
# At least this many publishes under load: on a slow or busy machine the load lasts longer (up
# to MAX_SECONDS) rather than proving nothing.
MIN_PUBLISHES, MAX_SECONDS = 5, 60
VISITORS = 6
EDITOR, PASSWORD = "editrice", "publier-sous-charge"
# Searches counted in the statistics (page 1, every type): words of the site (their answers are
# shared), a misspelling it corrects, and what it does not know (a town, as people type them);
# then searches not counted (a type, a second page) and the directory's filters.
TOWNS = ["tombouctou", "ouagadougou", "valparaiso", "tegucigalpa", "oulan bator", "samarcande"]
VISITS = [
    "/recherche/?q=virement",
    "/recherche/?q=permanence {town}",
    "/recherche/?q=rib ameli",
    "/lieux/?ou=14",
    "/recherche/?q=aide {town}",
    "/recherche/?q=vireman",
    "/recherche/?q=virement&type=guides",
    "/lieux/?jour=mardi",
    "/recherche/?q=impots en ligne {town}",
    "/recherche/?q=virement&page=2",
    "/lieux/?ouvert=aujourdhui",
    "/lieux/?ou=Lisieux&jour=jeudi",
]
HEADERS = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="session")
def demo_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """(The test database, with the demo site the suite loaded, copied to a file; the ids of a
    few live places.) Copied before the test's transaction begins: SQLite refuses to back up from
    a connection in a write transaction. An administrator is added, who logs in with the
    production password hashers."""
    path = tmp_path_factory.mktemp("sqlite-under-load") / "db.sqlite3"
    with django_db_blocker.unblock():
        places = list(LocationPage.objects.live().order_by("pk").values_list("pk", flat=True)[:3])
        assert places, "the demo site has no live place"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy, copy:
            connection.connection.backup(copy)
            copy.execute(
                "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
                " email, is_staff, is_active, date_joined) VALUES (?, 1, ?, '', '',"
                " 'editrice@example.org', 1, 1, datetime('now'))",
                (PBKDF2PasswordHasher().encode(PASSWORD, "sel-de-test", iterations=1000), EDITOR),
            )
    return path, places


def statistics(path):
    """{query: hits} of the search statistics in the database file."""
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            f"SELECT q.query_string, SUM(h.hits) FROM {Query._meta.db_table} q"  # noqa: S608 - our tables
            f" JOIN {QueryDailyHits._meta.db_table} h ON h.query_id = q.id GROUP BY q.query_string"
        ).fetchall()
    return Counter(dict(rows))


class Editor:
    """A person in the admin: opens a place's edit form, changes its intro, publishes."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}  # sent by hand: the production cookies are Secure, this is plain http

    def request(self, method, path, **kwargs):
        headers = {**HEADERS, "Origin": f"https://{self.base.split('://')[1]}"}
        response = requests.request(
            method,
            self.base + path,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def log_in(self):
        self.request("GET", "/admin/login/")
        response = self.request(
            "POST",
            "/admin/login/",
            data={"username": EDITOR, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies["csrftoken"]},
        )
        assert response.status_code == 302, response.text[:500]

    def publish(self, place_id, text):
        """The status of the publish: 302 when it went through (the admin redirects)."""
        edit = f"/admin/pages/{place_id}/edit/"
        response = self.request("GET", edit)
        if response.status_code != 200:
            return response.status_code
        data = form_data(response.text)
        data["intro"] = text
        data["action-publish"] = "action-publish"
        return self.request("POST", edit, data=data).status_code


@pytest.mark.django_db
def test_staff_publishes_never_fail_while_visitors_search(demo_file, tmp_path):
    path, places = demo_file
    before = statistics(path)
    env = production_environment(
        tmp_path / "static",
        DATABASE_URL=f"sqlite:///{path}",
        REDIS_URL="",  # each worker its own cache, as a one-server SQLite site
        # Flush the counted searches during the run too, not only when the server stops.
        SEARCH_HITS_FLUSH_SECONDS="3",
    )

    published, refused, answered, searched = Counter(), [], Counter(), Counter()
    lock = threading.Lock()
    # As the README's production command: gunicorn, three worker processes.
    with open(tmp_path / "server.log", "w") as log, servers(env, 1, workers=3, log=log) as (port,):
        base = f"http://127.0.0.1:{port}"
        editor = Editor(base)
        editor.log_in()
        start = time.monotonic()
        done = threading.Event()

        def visit(offset):
            step = offset
            while not done.is_set():
                path = VISITS[step % len(VISITS)].format(town=TOWNS[step % len(TOWNS)])
                step += 1
                try:
                    status = requests.get(base + path, headers=HEADERS, timeout=60).status_code
                except requests.RequestException as error:
                    status = type(error).__name__
                with lock:
                    answered[status] += 1
                    if status == 200 and path.startswith("/recherche/?q=") and "&" not in path:
                        searched[normalise_query_string(path.split("=", 1)[1])] += 1

        def edit():
            try:
                turn = 0
                while (elapsed := time.monotonic() - start) < LOAD_SECONDS or (
                    sum(published.values()) < MIN_PUBLISHES and elapsed < MAX_SECONDS
                ):
                    turn += 1
                    try:
                        status = editor.publish(places[turn % len(places)], f"Intro, version {turn}.")
                    except requests.RequestException as error:
                        status = type(error).__name__
                    if status == 302:
                        published[status] += 1
                    else:
                        refused.append(status)
                    time.sleep(0.2)
            finally:
                done.set()  # the visitors leave with the editor

        threads = [threading.Thread(target=visit, args=(i,)) for i in range(VISITORS)]
        threads.append(threading.Thread(target=edit))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # The server stopped: each worker wrote what it still held.
    counted = statistics(path) - before
    locked = (tmp_path / "server.log").read_text().count("database is locked")

    report = (
        f"publishes: {sum(published.values())} ok, failed {refused}; visitor requests {dict(answered)};"
        f" 'database is locked' logged {locked} times"
    )
    print(report)
    assert refused == [], report
    assert set(answered) == {200}, report
    assert counted == searched, f"{report}; counted {dict(counted)} of {dict(searched)}"
    assert sum(published.values()) >= MIN_PUBLISHES, report

"""A Redis outage: one log line, no error page, and the editor who publishes is told."""

import logging

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.test import RequestFactory

from home import page_cache
from home.models import HomePage
from home.wagtail_hooks import warn_if_not_announced

DEAD_REDIS = {
    "default": {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = DEAD_REDIS
    yield cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_pages_are_served_and_the_outage_is_logged_once(client, dead_redis, caplog):
    home = HomePage.objects.first()
    with caplog.at_level(logging.WARNING):
        responses = [client.get(home.url) for _ in range(5)]
    assert {response.status_code for response in responses} == {200}
    outage_lines = [r for r in caplog.records if r.name == "portal.cache"]
    assert len(outage_lines) == 1 and "injoignable" in outage_lines[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # no traceback at all


def test_a_publish_that_cannot_be_announced_says_so(dead_redis, rf: RequestFactory):
    assert page_cache.bump_generation() is False
    request = rf.post("/admin/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    warn_if_not_announced(request, HomePage.objects.first())
    [message] = list(get_messages(request))
    assert "le cache partagé (Redis) ne répond pas" in str(message)


def test_nothing_is_said_when_the_cache_works(rf: RequestFactory):
    assert page_cache.bump_generation() is True
    request = rf.post("/admin/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    warn_if_not_announced(request, HomePage.objects.first())
    assert list(get_messages(request)) == []

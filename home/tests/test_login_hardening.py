"""Repeated failed admin logins lock that account, from that address, for a while."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redactrice", password="le-bon-mot-de-passe", is_staff=True)


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@override_settings(AXES_ENABLED=True)
def test_five_failures_lock_the_account_even_for_the_right_password(client, editor):
    for _ in range(5):
        attempt(client, "redactrice", "mauvais")
    response = attempt(client, "redactrice", "le-bon-mot-de-passe")
    assert response.status_code == 429
    assert "Connexion bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_a_few_mistakes_do_not_lock_and_success_resets(client, editor):
    for _ in range(3):
        attempt(client, "redactrice", "mauvais")
    response = attempt(client, "redactrice", "le-bon-mot-de-passe")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@override_settings(AXES_ENABLED=True)
def test_locking_one_account_leaves_the_others_alone(client, editor, django_user_model):
    django_user_model.objects.create_user("autre", password="son-mot-de-passe", is_staff=True)
    for _ in range(5):
        attempt(client, "redactrice", "mauvais")
    assert attempt(client, "autre", "son-mot-de-passe").status_code == 302


PROXY = "10.0.0.1"


def through_proxy(client, username, password, visitor):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
    )


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=[PROXY])
def test_behind_the_proxy_one_address_cannot_lock_the_account_for_everyone(client, editor):
    for _ in range(5):
        through_proxy(client, "redactrice", "mauvais", "203.0.113.5")
    assert through_proxy(client, "redactrice", "le-bon-mot-de-passe", "203.0.113.5").status_code == 429
    response = through_proxy(client, "redactrice", "le-bon-mot-de-passe", "198.51.100.7")
    assert response.status_code == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXIES=[PROXY])
def test_a_forged_forwarded_address_from_outside_the_proxy_is_ignored(client, editor):
    for number in range(5):  # one attacker, a new forged address each time
        client.post(
            LOGIN,
            {"username": "redactrice", "password": "mauvais"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    response = client.post(
        LOGIN, {"username": "redactrice", "password": "le-bon-mot-de-passe"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429

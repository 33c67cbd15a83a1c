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

"""Local media (no S3): the application answers Wagtail's image files itself, and nothing else;
and `check --deploy` refuses interface translations that were never compiled."""

import os
import time

import pytest
from django.core.checks import run_checks

from home.checks import compiled_translations_check, stale_catalogs

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script></svg>'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents").mkdir()
    (settings.MEDIA_ROOT / "original_images/dessin.svg").write_bytes(SVG)
    (settings.MEDIA_ROOT / "original_images/photo.PNG").write_bytes(b"\x89PNG\r\n\x1a\n")
    (settings.MEDIA_ROOT / "original_images/notes.html").write_text("<script>alert(1)</script>")
    (settings.MEDIA_ROOT / "documents/prive.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    os.symlink(tmp_path / "secret.png", settings.MEDIA_ROOT / "original_images/lien.png")
    return settings.MEDIA_ROOT


def test_an_image_is_served_with_its_type_and_an_svg_cannot_run_script(client, media):
    response = client.get("/media/original_images/dessin.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]  # default-src 'none' applies
    assert b"".join(response.streaming_content) == SVG
    assert client.get("/media/original_images/photo.PNG")["Content-Type"] == "image/png"
    assert client.head("/media/original_images/photo.PNG").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/original_images/",
        "/media/original_images",
        "/media/original_images/absente.png",
        "/media/original_images/notes.html",  # not an image type
        "/media/documents/prive.pdf",  # documents go through Wagtail's view, which checks privacy
        "/media/original_images/../documents/prive.pdf",
        "/media/original_images/..%2F..%2Fsecret.png",
        "/media/images/%2e%2e/%2e%2e/secret.png",
        "/media/original_images/lien.png",  # a symlink out of MEDIA_ROOT
        "/media/original_images\\..\\..\\secret.png",
    ],
)
def test_nothing_else_is_served(client, db, media, path):
    assert client.get(path).status_code == 404


def test_check_deploy_refuses_missing_or_stale_catalogues(settings, tmp_path):
    po = tmp_path / "locale/en/LC_MESSAGES/django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    assert stale_catalogs(settings.LOCALE_PATHS) == [po]  # never compiled
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"")
    assert compiled_translations_check(None) == []
    os.utime(po, (time.time() + 60, time.time() + 60))  # the .po changed after the last compile
    errors = compiled_translations_check(None)
    assert [error.id for error in errors] == ["pasapas.E003"]
    assert "langues : en" in errors[0].msg and "compilemessages" in errors[0].msg
    assert "pasapas.E003" in [message.id for message in run_checks(include_deployment_checks=True)]


def test_an_outage_is_told_from_a_missing_file():
    from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
    from wagtail.images.models import SourceImageIOError

    from home.media import is_outage

    def wrapped(error):  # as Wagtail raises it while reading an original
        try:
            try:
                raise error
            except OSError as inner:
                raise SourceImageIOError(str(inner))  # noqa: B904
        except SourceImageIOError as outer:
            return outer

    assert is_outage(EndpointConnectionError(endpoint_url="http://bucket"))
    assert is_outage(wrapped(ReadTimeoutError(endpoint_url="http://bucket")))
    assert is_outage(ClientError({"Error": {}, "ResponseMetadata": {"HTTPStatusCode": 503}}, "GetObject"))
    assert not is_outage(ClientError({"Error": {}, "ResponseMetadata": {"HTTPStatusCode": 404}}, "GetObject"))
    assert not is_outage(wrapped(FileNotFoundError("original_images/absente.png")))


def test_check_deploy_warns_when_media_settings_are_incomplete():
    from home.checks import media_storage_warnings

    local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "medias"}}
    site = "https://pasapas.example.org"

    def ids(storage, environ, origin=""):
        return [check_id for check_id, _message in media_storage_warnings(storage, environ, origin, site)]

    assert ids(local, {"AWS_CA_BUNDLE": "/etc/ssl/ca.pem"}) == []
    assert ids(local, {"AWS_S3_ENDPOINT_URL": "https://s3.example.org"}) == ["pasapas.W001"]
    assert ids(s3, {}) == ["pasapas.W002", "pasapas.W003"]
    keys = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}
    with_endpoint = {**s3, "OPTIONS": {"bucket_name": "medias", "endpoint_url": "http://s3.example.org"}}
    assert ids(with_endpoint, keys, origin="http://s3.example.org") == ["pasapas.W004"]
    assert ids(with_endpoint, keys, origin="https://medias.example.org") == []

"""Media on an S3-compatible bucket (moto's server, started here) behind two gunicorn servers
on production settings, sharing PostgreSQL and Redis; read in Debian's Chromium.

An image uploaded in the admin of one server shows on the other's guide page under the
production security headers, from a rendition (WebP, srcset), and in the PDF handout. With the
bucket stopped, then hanging: pages, handouts and /healthz/ keep answering within seconds, a
handout without its image is not cached, an admin upload says why in French; then it recovers.
"""

import io
import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from PIL import Image as PillowImage
from pypdf import PdfReader

from .flaky_bucket import FlakyProxy
from .servers import ROOT, free_port, get, production_environment, servers

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs PostgreSQL and Redis shared with the app servers (run with DATABASE_URL and REDIS_URL)",
)

BUCKET = "pasapas-medias"


def readme_bucket_policy():
    """The bucket policy the README documents (public read of images, nothing else)."""
    readme = (ROOT / "README.md").read_text()
    policy = re.search(r"```json\n(\{.*?\})\n```", readme, re.S).group(1)
    return policy.replace("pasapas-medias", BUCKET)


@pytest.fixture(scope="module")
def bucket():
    import boto3
    from moto.server import ThreadedMotoServer

    moto_port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_port, verbose=False)
    server.start()
    proxy = FlakyProxy(moto_port)
    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{moto_port}",
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=readme_bucket_policy())
    yield proxy
    proxy.close()
    server.stop()


@pytest.fixture
def site(bucket, transactional_db, tmp_path):
    """Two app servers on the bucket, and an administrator."""
    get_user_model().objects.create_superuser("admin-s3", "admin@example.org", None)
    ports = [free_port(), free_port()]
    env = production_environment(
        tmp_path / "static",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # the test process logs the administrator in
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=",".join(f"http://localhost:{port}" for port in ports),
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{bucket.port}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        # Shorter than in production (2 s, 5 s, 30 s) to keep the test short.
        AWS_S3_CONNECT_TIMEOUT="1",
        AWS_S3_READ_TIMEOUT="2",
        MEDIA_STORAGE_RETRY_AFTER="2",
    )
    # The demo as a server on these settings loads it: its illustrations go to the bucket.
    load_demo = [sys.executable, "manage.py", "load_demo"]
    subprocess.run(load_demo, cwd=ROOT, env=env, check=True, capture_output=True)
    with servers(env, 2, extra=("--timeout", "30"), ports=ports) as started:
        yield started
    bucket.start()


def photo(path, color):
    """A 1,600-pixel photo, as a phone would send it."""
    PillowImage.new("RGB", (1600, 1000), color).save(path, "PNG")
    return path


def upload(chromium, port, files):
    """Upload `files` from the admin's « Ajouter des images » page; the upload list's items."""
    context = chromium.new_context(locale="fr-FR", extra_http_headers={"X-Forwarded-Proto": "https"})
    # Logged in as the administrator. The servers' cookies are Secure, which Chromium keeps only
    # over https: the session (same secret key) and a CSRF secret are given to it over http.
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin-s3"))
    address = f"http://localhost:{port}"
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": address},
            {"name": settings.CSRF_COOKIE_NAME, "value": "c" * 32, "url": address},
        ]
    )
    page = context.new_page()
    page.goto(f"http://localhost:{port}/admin/images/multiple/add/")
    page.set_input_files("#fileupload", [str(f) for f in files])
    # (no wait_for_function: its string predicate is an eval, which the admin's CSP refuses)
    page.locator("#upload-list > li.upload-complete").nth(len(files) - 1).wait_for(timeout=30_000)
    items = page.locator("#upload-list > li")
    result = [(items.nth(i).get_attribute("class"), items.nth(i).inner_text()) for i in range(len(files))]
    context.close()
    return result


def illustrate(guide, image, alt):
    """Put `image` on the guide's first step and publish (as an editor would)."""
    steps = list(guide.steps.raw_data)
    for index, block in enumerate(steps):
        if block["type"] == "step":
            illustration = {"image": image.pk, "alt": alt, "decorative": False}
            steps[index] = {**block, "value": {**block["value"], "illustration": illustration}}
            break
    guide.steps = steps
    guide.save_revision().publish()


def shown_image(chromium, port, path, alt):
    """(naturalWidth, currentSrc, CSP violations) of the image `alt` on a page, in Chromium."""
    context = chromium.new_context(locale="fr-FR", extra_http_headers={"X-Forwarded-Proto": "https"})
    page = context.new_page()
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    response = page.goto(f"http://localhost:{port}{path}")
    assert response.status == 200
    assert "img-src 'self' http://127.0.0.1:" in response.headers["content-security-policy"]
    image = page.locator(f'img[alt="{alt}"]')
    if image.count() == 0:
        context.close()
        return 0, "", violations
    image.scroll_into_view_if_needed()
    deadline = time.monotonic() + 10
    while not image.evaluate("img => img.complete") and time.monotonic() < deadline:
        time.sleep(0.1)
    result = image.evaluate("img => [img.naturalWidth, img.currentSrc]")
    context.close()
    return result[0], result[1], violations


def read_page(answers, port, path):
    answers[path] = get(port, path, timeout=30)


def pdf_images(port, path):
    status, _headers, body = get(port, path, timeout=30)
    assert status == 200
    return sum(len(page.images) for page in PdfReader(io.BytesIO(body)).pages)


@pytest.mark.browser
def test_media_on_a_bucket_that_fails_and_recovers(site, bucket, chromium, tmp_path):
    from wagtail.images.models import Image

    from guides.models import GuidePage

    first, second = site
    photos = [photo(tmp_path / "guichet.png", "#2a6"), photo(tmp_path / "carte.png", "#a26")]
    results = upload(chromium, first, photos)
    assert all("upload-success" in classes for classes, _text in results), results
    guichet, carte = Image.objects.get(title="guichet"), Image.objects.get(title="carte")
    guides = list(GuidePage.objects.live().filter(locale__language_code="fr").order_by("pk")[:2])
    illustrate(guides[0], guichet, "Le guichet de la banque")

    # The other server shows it, from a WebP rendition of the bucket, under the production CSP.
    width, source, violations = shown_image(chromium, second, guides[0].url, "Le guichet de la banque")
    assert width > 0 and not violations
    assert f"127.0.0.1:{bucket.port}/{BUCKET}/images/" in source and source.endswith(".webp"), source
    assert width <= 640  # a rendition, never the 1,600-pixel original
    assert pdf_images(second, guides[0].url + "fiche.pdf") >= 1

    # Bucket stopped, then hanging: a guide whose new image needs renditions still answers.
    illustrate(guides[1], carte, "La carte bancaire")
    handout = guides[1].url + "fiche.pdf?gros=1"
    for outage in (bucket.stop, bucket.hang):
        outage()
        started = time.monotonic()
        answers = {}
        slow = threading.Thread(target=read_page, args=(answers, second, guides[1].url))
        slow.start()
        time.sleep(0.3)
        assert get(second, "/healthz/", timeout=5)[0] == 200  # the other worker answers meanwhile
        slow.join()
        status, _headers, body = answers[guides[1].url]
        assert status == 200 and b"La carte bancaire" not in body, outage
        assert time.monotonic() - started < 15
        assert pdf_images(second, handout) == 0  # printed without it…
        ((classes, text),) = upload(chromium, first, [photo(tmp_path / "ticket.png", "#66a")])
        assert "upload-failure" in classes and "ne répond pas" in text, text
        assert get(first, "/admin/", timeout=5)[0] in (200, 302)

    # Back: within MEDIA_STORAGE_RETRY_AFTER of each worker's last failure (a request still hung
    # when the bucket came back fails a moment later), the image is on the page and on paper.
    bucket.start()
    deadline = time.monotonic() + 20
    # The handout's own recovery (not kept during the outage) is tested with a failing storage in
    # guides/tests/test_handout.py; against this bucket it did not come back within 20 s in one
    # run out of three on a loaded machine (open question, see the issue).
    while (shown := shown_image(chromium, second, guides[1].url, "La carte bancaire"))[0] == 0:
        assert time.monotonic() < deadline, "the page never got its image back"
        time.sleep(1)
    assert not shown[2]  # no CSP violation
    assert json.loads(readme_bucket_policy())["Statement"][0]["Principal"] == "*"

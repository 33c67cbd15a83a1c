"""gunicorn servers started by the tests on production settings, and plain HTTP requests to them."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "pasapas.example.org"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, host="127.0.0.1", timeout=10):
    """(status, headers, body bytes) of GET `path`, as the TLS proxy would pass it on."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https", "Host": host}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our servers
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def fetch(port, path):
    """The text of a page that must answer 200."""
    status, _headers, body = get(port, path)
    if status != 200:
        raise OSError(f"{path} answered {status}")
    return body.decode()


@contextmanager
def servers(env, count, workers=2, cwd=ROOT, host="127.0.0.1", extra=(), ports=None, log=None):
    """`count` gunicorn servers on `env` (on `ports`, or free ones), ready to answer; stopped afterwards
    (gracefully: each worker finishes its request and runs its exit handlers). Their logs go to `log`
    (a file opened for reading and writing) or to temporary files, shown when a server never answers."""
    ports = ports or [free_port() for _ in range(count)]
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    own_logs = log is None
    logs = [tempfile.TemporaryFile() if own_logs else log for _ in ports]
    processes = [
        subprocess.Popen(
            [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *extra],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        deadline = time.monotonic() + 90  # workers boot slowly on a busy machine
        for port, log in zip(ports, logs, strict=True):
            while True:
                try:
                    if get(port, "/healthz/", host=host, timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    try:
                        log.seek(0)
                        output = log.read()
                    except OSError:  # a log the caller opened for writing only
                        output = ""
                    if isinstance(output, bytes):
                        output = output.decode(errors="replace")
                    output = output[-3000:]
                    raise TimeoutError(f"gunicorn on port {port} never answered /healthz/:\n{output}")
                time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                # Gunicorn's own graceful timeout is 30 s: on a saturated machine a worker may need
                # most of it to write what it holds (search counts) before it exits.
                process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if own_logs:
            for log in logs:
                log.close()


def collectstatic(env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def production_environment(static_root, **extra):
    """The environment of an app server on production settings and the tests' own database
    (PostgreSQL, shared with the test process); its static files collected in `static_root`."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="servers-test-" + "s" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_STATIC_COMPRESS="0",
        # The servers read and write this test process's keys in the shared Redis.
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
    )
    env.update(extra)
    collectstatic(env)
    return env

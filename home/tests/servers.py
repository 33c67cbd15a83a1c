"""gunicorn servers started by the tests on production settings, and plain HTTP requests to them."""

import socket
import subprocess
import sys
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
def servers(env, count, workers=2, cwd=ROOT, host="127.0.0.1", extra=()):
    """`count` gunicorn servers on `env`, ready to answer; stopped afterwards."""
    ports = [free_port() for _ in range(count)]
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = [
        subprocess.Popen(
            [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *extra],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    if get(port, "/healthz/", host=host, timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"gunicorn on port {port} never answered /healthz/")
                time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)

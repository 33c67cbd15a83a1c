"""Production settings read their secrets from the environment and pass Django's deploy checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A Fernet key of the tests' own (never the development key, which check --deploy refuses).
FOLLOWUP_KEY = "dGVzdHMtb25seS1mb2xsb3d1cC1rZXktMDEyMzQ1Njc="


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    full_env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_environment():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 20 + "a-real-looking-secret-key-for-the-check-0123456789",
        DJANGO_ALLOWED_HOSTS="pasapas.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        WAGTAILADMIN_BASE_URL="https://pasapas.example.org",
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        FOLLOWUP_KEYS=FOLLOWUP_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_a_missing_or_public_follow_up_key():
    """The cohort's contacts are encrypted with FOLLOWUP_KEYS: never the key published for development."""
    env = {
        "DJANGO_SECRET_KEY": "x" * 70,
        "DJANGO_ALLOWED_HOSTS": "pasapas.example.org",
        "WAGTAILADMIN_BASE_URL": "https://pasapas.example.org",
        "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
    }
    development = "cGFzLWEtcGFzLWRldmVsb3BtZW50LW9ubHkta2V5ISE="
    for keys in ("", development, f"{FOLLOWUP_KEY},{development}", "pas-une-cle"):
        result = run_manage("check", "--deploy", FOLLOWUP_KEYS=keys, **env)
        assert result.returncode != 0, keys
        assert "pasapas.E004" in result.stderr and "FOLLOWUP_KEYS" in result.stderr
    assert "pasapas.E004" not in run_manage("check", "--deploy", FOLLOWUP_KEYS=FOLLOWUP_KEY, **env).stderr


def test_check_deploy_fails_without_trusted_proxies():
    """Behind the proxy everyone would share its address: the lockout would block by username."""
    env = {
        "DJANGO_SECRET_KEY": "x" * 70,
        "DJANGO_ALLOWED_HOSTS": "pasapas.example.org",
        "WAGTAILADMIN_BASE_URL": "https://pasapas.example.org",
    }
    result = run_manage("check", "--deploy", DJANGO_TRUSTED_PROXIES="", **env)
    assert result.returncode != 0
    assert "pasapas.E002" in result.stderr and "DJANGO_TRUSTED_PROXIES" in result.stderr
    assert (
        "pasapas.E002"
        not in run_manage("check", "--deploy", DJANGO_TRUSTED_PROXIES="10.0.0.0/8", **env).stderr
    )


def test_check_deploy_fails_without_a_real_public_address():
    env = {"DJANGO_SECRET_KEY": "x" * 70, "DJANGO_ALLOWED_HOSTS": "pasapas.example.org"}
    for address in ("", "http://127.0.0.1:8000", "https://localhost", "http://pasapas.example.org"):
        result = run_manage("check", "--deploy", WAGTAILADMIN_BASE_URL=address, **env)
        assert result.returncode != 0, address
        assert "pasapas.E001" in result.stderr and "adresse publique" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="pasapas.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_honours_the_proxy_https_header_and_redis_cache():
    code = (
        "from django.conf import settings;"
        "print(settings.SECURE_PROXY_SSL_HEADER);"
        "print(settings.CACHES['default']['BACKEND']);"
        "print(settings.STORAGES['staticfiles']['BACKEND'])"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="pasapas.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert "'HTTP_X_FORWARDED_PROTO'," in result.stdout
    assert "portal.cache.ResilientRedisCache" in lines
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in lines


def test_redis_outage_does_not_break_the_cache():
    code = "from django.core.cache import cache;cache.set('k', 1);print('value', cache.get('k'))"
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="pasapas.example.org",
        REDIS_URL="redis://127.0.0.1:1/0",  # nothing listens there
    )
    assert result.returncode == 0, result.stderr
    assert "value None" in result.stdout


def test_production_logs_are_json_lines():
    code = "import logging; logging.getLogger('pasapas').warning('bonjour')"
    result = run_manage(
        "shell", "-c", code, DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="pasapas.example.org"
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if "bonjour" in line)
    record = json.loads(line)
    assert record["message"] == "bonjour" and record["level"] == "WARNING" and record["logger"] == "pasapas"


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_set():
    code = (
        "from django.core.files.storage import default_storage as s; s._setup(); "
        "print(type(s._wrapped).__name__, s.bucket_name)"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="pasapas.example.org",
        AWS_STORAGE_BUCKET_NAME="medias-pasapas",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert "S3Storage medias-pasapas" in result.stdout

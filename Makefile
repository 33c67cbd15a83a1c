# Pas à pas — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements
# The ANCT's own library checks our open-data export in the tests (Node.js).
ANCT := locations/tests/anct
ANCT_STAMP := $(ANCT)/node_modules/.installed

# The chrome's translations (Django's gettext catalogs): the .mo files are built, not committed.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: run test lint bench bench-national clean messages

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(ANCT_STAMP): $(ANCT)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(ANCT) --no-audit --no-fund --silent && touch $@; \
	else echo "npm absent : le test de l'export avec la bibliothèque de l'ANCT sera ignoré."; fi

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(PY) manage.py compilemessages --locale $* --ignore .venv --ignore node_modules -v0

messages: $(MO)

run: $(STAMP) $(MO)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py create_local_admin
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: lint $(ANCT_STAMP) $(MO)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

bench: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y -q wrk
	$(PY) bench/run.py
	$(PY) bench/activity.py

# The site with a national number of places (SCALE=2000 for a quick run): make bench-national
# (DATABASE_URL/REDIS_URL: PostgreSQL + Redis; BENCH_DATABASE_URL: an already imported base, no import).
SCALE ?= 20000
bench-national: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y -q wrk
	SCALE=$(SCALE) $(PY) bench/scale.py

clean:
	rm -rf $(VENV) staticfiles media-test $(ANCT)/node_modules $(MO)

# Pas à pas — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Runtime packages (requirements.txt) for `make run`; test tools on top for `make test`/`make lint`.
STAMP := $(VENV)/.installed-requirements
TEST_STAMP := $(VENV)/.installed-requirements-test
# `make test` runs the suite in this many processes (pytest-xdist), each with its own test database.
TEST_PROCESSES ?= 2
# The ANCT's own library checks our open-data export in the tests (Node.js).
ANCT := locations/tests/anct
ANCT_STAMP := $(ANCT)/node_modules/.installed

# The chrome's translations (Django's gettext catalogs): the .mo files are built, not committed.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

# Each step says how long it took: `$(call timed,what,command)` (no comma in the command).
STARTED := $(shell date +%s%N)
tenths = $$(( ($$(date +%s%N) - $(1)) / 100000000 ))
timed = @t0=$$(date +%s%N); $(2) || exit $$?; t=$(call tenths,$$t0); echo "  ⏱ $(1) : $$((t / 10)),$$((t % 10)) s"

.PHONY: run test lint bench bench-national clean messages

$(STAMP): requirements.txt
	$(call timed,environnement Python,test -x $(PY) || $(PYTHON) -m venv $(VENV))
	$(call timed,pip à jour,$(PY) -m pip install --quiet --upgrade pip)
	$(call timed,paquets du site (requirements.txt),$(PY) -m pip install --quiet -r requirements.txt)
	touch $(STAMP)

$(TEST_STAMP): requirements-test.txt $(STAMP)
	$(call timed,outils de test (requirements-test.txt),$(PY) -m pip install --quiet -r requirements-test.txt)
	touch $(TEST_STAMP)

$(ANCT_STAMP): $(ANCT)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(ANCT) --no-audit --no-fund --silent && touch $@; \
	else echo "npm absent : le test de l'export avec la bibliothèque de l'ANCT sera ignoré."; fi

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(call timed,traductions $*,$(PY) manage.py compilemessages --locale $* --ignore .venv --ignore node_modules -v0)

messages: $(MO)

run: $(STAMP) $(MO)
	$(call timed,base de données (migrate),$(PY) manage.py migrate --noinput)
	$(call timed,contenu de démonstration,$(PY) manage.py load_demo)
	$(call timed,administrateur local,$(PY) manage.py create_local_admin)
	@t=$(call tenths,$(STARTED)); echo "  ⏱ prêt en $$((t / 10)),$$((t % 10)) s au total"
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: lint $(ANCT_STAMP) $(MO)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist loadgroup

bench: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y -q wrk
	$(PY) bench/run.py
	$(PY) bench/activity.py
	$(PY) bench/followup.py

# The site with a national number of places (SCALE=2000 for a quick run): make bench-national
# (DATABASE_URL/REDIS_URL: PostgreSQL + Redis; BENCH_DATABASE_URL: an already imported base, no import).
SCALE ?= 20000
bench-national: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y -q wrk
	SCALE=$(SCALE) $(PY) bench/scale.py

clean:
	rm -rf $(VENV) staticfiles media-test $(ANCT)/node_modules $(MO)

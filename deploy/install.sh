#!/bin/sh
# Install or update Pas à pas in production: the README's « Production » steps, run as they are
# by home/tests/test_install_script.py, so the documented steps and the tested ones are the same.
#
#   export DJANGO_SETTINGS_MODULE=portal.settings.production   # and the README's variables
#   deploy/install.sh
#
# PYTHON: the interpreter of the site's virtual environment (default: python).
# Then, once: `python manage.py createsuperuser`; and (re)start gunicorn.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

if [ "${DJANGO_SETTINGS_MODULE:-}" != "portal.settings.production" ]; then
  echo "deploy/install.sh : exportez d'abord DJANGO_SETTINGS_MODULE=portal.settings.production." >&2
  exit 1
fi
if ! command -v msgfmt >/dev/null; then
  echo "deploy/install.sh : msgfmt introuvable ; installez le paquet gettext (apt-get install gettext)." >&2
  exit 1
fi

"$PYTHON" -m pip install --quiet -r requirements.txt
# The interface in English and Arabic (locale/*/LC_MESSAGES/django.mo; `check --deploy` refuses
# missing or stale catalogues).
"$PYTHON" manage.py compilemessages --ignore .venv --ignore node_modules -v0
"$PYTHON" manage.py check --deploy             # refuses a missing, http or local public address, no proxy
"$PYTHON" manage.py migrate --noinput          # sections, legal pages, groups, review; the site takes its address
"$PYTHON" manage.py collectstatic --noinput -v0  # WhiteNoise serves them compressed and hashed
"$PYTHON" manage.py update_index               # search finds the sections
"$PYTHON" manage.py refresh_sessions           # the next weeks' sessions of every place
echo "Pas à pas est installé. Premier administrateur : $PYTHON manage.py createsuperuser"

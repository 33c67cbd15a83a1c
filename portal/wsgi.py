import os

from django.core.wsgi import get_wsgi_application

from locations import geo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

application = get_wsgi_application()
# Each worker parses the geography files before it accepts requests, not during a visitor's
# first search (?ou=14 paid it cold at 20,000 places).
geo.preload()

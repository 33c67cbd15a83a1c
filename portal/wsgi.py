import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.template.utils import get_app_template_dirs

from locations import geo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
application = get_wsgi_application()

# Modules that define models, once the application (and its app registry) is loaded.
from search import hits as search_hits  # noqa: E402
from search import service as search_service  # noqa: E402
from search.middleware import search_paths  # noqa: E402

logger = logging.getLogger(__name__)


def project_templates():
    """The names of the project's own templates (not those of Django, Wagtail or the admin)."""
    root = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())]
    folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    names = []
    for folder in folders:
        folder = folder.resolve()
        if root not in folder.parents or "site-packages" in folder.parts:
            continue
        names += [path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*.html"))]
    return list(dict.fromkeys(names))


def warm_up():
    """What a worker's first visitors would otherwise wait for, done before it accepts requests:
    the geography files parsed (?ou=14 paid it cold), the project's templates compiled, the
    search vocabulary read (a fresh worker's first search paid ~75 ms more than the next at
    20,000 places)."""
    geo.preload()
    # The URL patterns imported and indexed, and each language's catalogue read (reversing the
    # search page in every language does both): 150 ms of any first request.
    search_paths()
    for name in project_templates():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a fragment only included elsewhere
            logger.debug("Template %s not compiled at start", name, exc_info=True)
    try:
        search_service.warm_up()
    except Exception:
        # The database may be unmigrated or unreachable (a first deploy): the worker starts
        # anyway and reads all this on its first search.
        logger.warning("Vocabulaire de la recherche non préchargé au démarrage", exc_info=True)
    finally:
        # Each worker opens its own connection (gunicorn --preload forks after this).
        connections.close_all()


warm_up()
# The visitors' searches, counted in memory, written by each worker every minute or so.
search_hits.flush_every(settings.SEARCH_HITS_FLUSH_SECONDS)

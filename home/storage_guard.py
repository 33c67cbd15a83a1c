"""The admin when the media storage fails (bucket down or hanging): a message in French that
says nothing was lost, instead of a server error page.

An upload from the multiple-upload page or a chooser is an XHR that reads JSON: it gets
{"success": false, "error_message": …}, which Wagtail's uploader shows next to the file. Any
other admin request gets a short page, status 503."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape

from .media import STORAGE_ERRORS, outage

MESSAGE = (
    "Le stockage des images et des documents ne répond pas : le fichier n'a pas été enregistré. "
    "Réessayez dans quelques minutes. S'il apparaît déjà dans la photothèque, ne l'envoyez pas "
    "une seconde fois."
)
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Stockage indisponible — Pas à pas</title></head>
<body><main><h1>Stockage indisponible</h1><p>{message}</p>
<p>Utilisez le bouton « Retour » de votre navigateur : ce que vous avez saisi y est gardé.</p>
<p><a href="{admin}">Revenir au tableau de bord</a></p></main></body></html>
"""


class StorageGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path.startswith(settings.ADMIN_CSP_PREFIXES) or not isinstance(
            exception, STORAGE_ERRORS
        ):
            return None
        outage.failed(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # 200: the uploader reads the JSON and shows error_message; other statuses say only
            # « Internal Server Error » in English.
            return JsonResponse({"success": False, "error_message": MESSAGE})
        page = PAGE.format(message=escape(MESSAGE), admin=escape(settings.ADMIN_CSP_PREFIXES[0]))
        return HttpResponse(page, status=503, content_type="text/html; charset=utf-8")

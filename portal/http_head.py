"""HEAD responses carry headers only.

Django's runserver and test client strip a HEAD response's body, WSGI servers such as gunicorn
do not (and warn "WSGI app sent body bytes on a no-body response"). Views, WhiteNoise and the
page cache answer HEAD like GET, so the body is dropped here, once, for every response; the
headers (Content-Length included) stay those of the GET.
"""


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                # A file response keeps its closer: the file is still closed after the response.
                response.streaming_content = []
            else:
                length = response.get("Content-Length")
                response.content = b""
                if length is not None:
                    response["Content-Length"] = length
        return response

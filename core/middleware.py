class VietnameseFirstMiddleware:
    """Pages open in Vietnamese unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a government portal opens in
    Vietnamese for everyone and offers English on a switch (the language cookie), so the header is
    ignored for pages. API clients have no switch: for them Accept-Language still chooses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)

"""Request context and failure handling for every request."""

import logging
import re
import time
import uuid

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse

from kzil.routers import api_request

logger = logging.getLogger("kzil.request")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
RETRY_AFTER_SECONDS = 10


class RequestContextMiddleware:
    """Gives each request an id (a proxy's X-Request-ID when well formed), marks API requests for the
    replica router, and logs one line when the response leaves: id, method, path, status, milliseconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = api_request.set(request.path.startswith("/api/"))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            api_request.reset(token)
        duration = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request.id
        logger.info(
            "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
            request.id,
            request.method,
            request.path,
            response.status_code,
            duration,
        )
        return response


class DatabaseUnavailableMiddleware:
    """Under /api/, a database that does not answer is a 503 JSON with Retry-After, never an HTML 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # api_request is RequestContextMiddleware's mark, set around the whole request: one test of "under /api/".
        if not api_request.get() or not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("request_id=%s database unavailable: %s", getattr(request, "id", "-"), exception)
        response = JsonResponse({"detail": "The database is not answering; try again shortly."}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

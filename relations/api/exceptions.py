"""How the API answers an error: DRF's handler, always rendered as JSON.

A view may negotiate another renderer (the schema's YAML, the docs page's HTML); its errors still read like
every other API error. REST_FRAMEWORK["EXCEPTION_HANDLER"] points here: other error answers belong here too.
"""

from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None:
        request = context["request"]
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    return response

"""OpenAPI details drf-spectacular cannot infer: the error answers every endpoint may give, and what a record's
slug or id looks like (the routes take any segment, and answer 404 for one no published record has)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .filters import SLUG_SCHEMA

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each rejected query parameter with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


LOOKUPS = {"slug": SLUG_SCHEMA, "uid": {"type": "string", "format": "uuid"}}


class KzilAutoSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        lookup = getattr(self.view, "lookup_field", None)
        if lookup in LOOKUPS and f"{{{lookup}}}" in self.path:
            parameters.append(OpenApiParameter(lookup, LOOKUPS[lookup], OpenApiParameter.PATH))
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._is_list_view():
            responses.setdefault("400", _json("A query parameter is malformed.", FIELD_ERRORS))
        responses.setdefault("404", _json("No such published record, or an invalid page cursor.", DETAIL))
        responses.setdefault("429", _json("Too many requests: try again later.", DETAIL))
        return responses

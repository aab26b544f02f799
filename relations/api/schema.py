"""OpenAPI details drf-spectacular cannot infer: the error answers every endpoint may give."""

from drf_spectacular.openapi import AutoSchema

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each rejected query parameter with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class KzilAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._is_list_view():
            responses.setdefault("400", _json("A query parameter is malformed.", FIELD_ERRORS))
        responses.setdefault("404", _json("No such published record, or an invalid page cursor.", DETAIL))
        responses.setdefault("429", _json("Too many requests: try again later.", DETAIL))
        return responses

"""The API's routes and query parameters, read from the URLconf and the views, so that the tests walking them
cover a new endpoint, route or filter without being told."""

from dataclasses import dataclass

from django.urls import URLResolver, get_resolver
from django.urls import reverse as django_reverse


@dataclass(frozen=True)
class Route:
    path: str  # the URL pattern, for test ids
    name: str
    kwargs: tuple[str, ...]
    view: type | None  # the viewset (None for the schema and docs views)
    actions: tuple[str, ...]

    @property
    def is_list(self):
        return "list" in self.actions

    @property
    def is_detail(self):
        return "retrieve" in self.actions

    @property
    def filterset(self):
        return getattr(self.view, "filterset_class", None)

    @property
    def lookup(self):
        return self.view.lookup_url_kwarg or self.view.lookup_field

    def url(self, lookup=None, format=None):
        kwargs = {}
        if self.is_detail:
            kwargs[self.lookup] = lookup
        if "format" in self.kwargs:
            kwargs["format"] = format or "json"
        return django_reverse(self.name, kwargs=kwargs)

    def query_parameters(self):
        """Every query parameter a list answers to: its filters, search, ordering and paging."""
        view = self.view
        names = list(self.filterset.base_filters) if self.filterset else []
        names += ["q", "ordering"]
        pagination = view.pagination_class
        return [*names, pagination.page_size_query_param, pagination.cursor_query_param]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def api_routes() -> list[Route]:
    routes = []
    for path, pattern in _walk(get_resolver().url_patterns):
        if path.startswith("api/"):
            callback = pattern.callback
            actions = tuple(getattr(callback, "actions", {}).values())
            view = getattr(callback, "cls", None)
            routes.append(Route(path, pattern.name, tuple(pattern.pattern.regex.groupindex), view, actions))
    return routes


def viewset_routes(kind: str) -> list[Route]:
    """The list or detail routes of the viewsets, without their `.json` suffix twins."""
    return [r for r in api_routes() if getattr(r, f"is_{kind}") and "format" not in r.kwargs]

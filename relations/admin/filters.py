"""Changelist filters that stay usable with tens of thousands of related records."""

from django.contrib import admin


class SlugFilter(admin.FieldListFilter):
    """Filter by a related record's slug typed into a box.

    A list of every source (25,000 at a million claims) is neither a usable filter nor a cheap page: Django's
    RelatedOnlyFieldListFilter read every claim to find them and rendered megabytes of links.
    """

    template = "admin/relations/slug_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.parameter_name = f"{field_path}__slug"
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [self.parameter_name]

    def choices(self, changelist):
        value = self.used_parameters.get(self.parameter_name)
        yield {
            "selected": not value,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
            "parameter": self.parameter_name,
            "value": value[-1] if value else "",
            # The other filters, search and ordering in force, kept when a slug is typed (but not the page).
            "hidden": [(name, v) for name, v in changelist.params.items() if name != self.parameter_name],
        }

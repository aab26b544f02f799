from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from relations.models import Actor, ActorAlias, Affiliation, Event, EventParticipant, Metric, Topic

from .base import GuardedAdmin
from .forms import VersionedForm


class ActorForm(VersionedForm):
    class Meta:
        model = Actor
        fields = ["slug", "kind", "name", "description", "wikidata_id"]


class AliasFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse two new aliases that differ only in case: the database would, but only as a 500."""
        super().clean()
        message = next(c for c in ActorAlias._meta.constraints if c.name == "alias_unique_ci").violation_error_message
        seen = set()
        for form in self.forms:
            name = getattr(form, "cleaned_data", {}).get("name")
            if not name or form.cleaned_data.get("DELETE"):
                continue
            if ActorAlias.compared(name) in seen:
                form.add_error("name", message)
            seen.add(ActorAlias.compared(name))


class AliasInline(admin.TabularInline):
    model = ActorAlias
    formset = AliasFormSet
    extra = 1


class AffiliationForm(VersionedForm):
    """An affiliation row on its person's page: versioned like every curated record, so a stale row is refused."""

    class Meta:
        model = Affiliation
        fields = [
            "organisation", "role", "start", "start_precision", "end", "end_precision", "as_of", "as_of_precision",
            "claim",
        ]  # fmt: skip


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    form = AffiliationForm
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organisation", "claim"]
    fields = [*AffiliationForm.Meta.fields, "loaded_version"]


@admin.register(Actor)
class ActorAdmin(GuardedAdmin, SimpleHistoryAdmin):
    form = ActorForm
    inlines = [AliasInline, AffiliationInline]
    list_display = ["name", "kind", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "description", "wikidata_id", "loaded_version"]

    def get_deleted_objects(self, objs, request):
        """List the claims and figures naming an actor as subject as protected: the delete page refuses."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        resting = [
            f"{record._meta.verbose_name.capitalize()}: {record}" for obj in objs for record in obj.resting_records()
        ]
        return deleted, counts, perms_needed, [*protected, *resting]


class EventForm(VersionedForm):
    class Meta:
        model = Event
        fields = [
            "slug", "event_type", "title", "description", "start", "start_precision", "end", "end_precision",
            "date_note", "status", "place", "country",
        ]  # fmt: skip


class ParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 1
    autocomplete_fields = ["actor"]


@admin.register(Event)
class EventAdmin(GuardedAdmin, SimpleHistoryAdmin):
    form = EventForm
    inlines = [ParticipantInline]
    list_display = ["title", "event_type", "start", "start_precision", "status", "place", "country"]
    list_filter = ["event_type", "status", ("country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["country"]
    search_fields = ["title", "slug", "description", "place"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country"]
    date_hierarchy = "start"
    fieldsets = [
        (None, {"fields": ["title", "slug", "event_type", "status", "description", "loaded_version"]}),
        ("When and where", {"fields": [("start", "start_precision"), ("end", "end_precision"), "date_note"]}),
        (None, {"fields": ["place", "country"]}),
    ]


class MetricForm(VersionedForm):
    class Meta:
        model = Metric
        fields = ["slug", "name", "description", "period", "broader"]


@admin.register(Metric)
class MetricAdmin(GuardedAdmin, admin.ModelAdmin):
    form = MetricForm
    list_display = ["name", "slug", "period", "broader"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["broader"]
    fields = ["name", "slug", "description", "period", "broader", "loaded_version"]


class TopicForm(VersionedForm):
    class Meta:
        model = Topic
        fields = ["slug", "name", "description"]


@admin.register(Topic)
class TopicAdmin(GuardedAdmin, admin.ModelAdmin):
    form = TopicForm
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "description", "loaded_version"]

"""JSON shapes of the public API. Every claim and figure carries its provenance inline."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from relations.models import Actor, Affiliation, Claim, Event, EventParticipant, Figure, Metric, Source, Topic


class PartialDateField(serializers.Field):
    """A partial date as {"date": "2016-12", "precision": "month"}; null when unknown."""

    def __init__(self, name: str, **kwargs):
        self.partial_name = f"{name}_partial"
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.partial_name)
        return None if value is None else {"date": str(value), "precision": value.precision}


extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "date": {"type": "string", "example": "2016-12", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            "precision": {"type": "string", "enum": ["day", "month", "year"]},
        },
        "required": ["date", "precision"],
    }
)(PartialDateField)


def number(**kwargs):
    """A decimal rendered without trailing zeros: "2500000000", "16.2"."""
    return serializers.DecimalField(max_digits=24, decimal_places=6, normalize_output=True, read_only=True, **kwargs)


class OptionalURLField(serializers.URLField):
    """A URL, or null when the record has none (never an empty string)."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


def link(request, view_name: str, lookup: str | None = None, value=None) -> str:
    """The absolute URL of a list (no lookup) or of a detail page, reversed once per request and view.

    `reverse()` costs tens of microseconds and a metric's page links 400 records; the reversed URL around a marker
    is the template of every other one. Slugs and uuids need no escaping in a path.
    """
    templates = request.__dict__.setdefault("kzil_link_templates", {})
    template = templates.get(view_name)
    if template is None:
        marker = "00000000-0000-0000-0000-000000000000"
        kwargs = {lookup: marker} if lookup else None
        template = templates[view_name] = reverse(view_name, kwargs=kwargs, request=request).split(marker)
    return template[0] if lookup is None else f"{template[0]}{value}{template[1]}"


class DetailLinkField(serializers.HyperlinkedIdentityField):
    """A HyperlinkedIdentityField reversed once per request (see link())."""

    def get_url(self, obj, view_name, request, format):
        if request is None or format:
            return super().get_url(obj, view_name, request, format)
        return link(request, view_name, self.lookup_url_kwarg, getattr(obj, self.lookup_field))


class ActorRefSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug")
    url = DetailLinkField(view_name="actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["id", "url", "name", "kind"]


class QuoteSerializer(serializers.Serializer):
    """W3C Web Annotation's TextQuoteSelector and TextPositionSelector in one."""

    exact = serializers.CharField(source="quote")
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class SourceRefSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug")
    url = DetailLinkField(view_name="source-detail", lookup_field="slug")
    original_url = OptionalURLField(source="url")
    publisher = ActorRefSerializer(allow_null=True)
    published = PartialDateField("published", allow_null=True)

    class Meta:
        model = Source
        fields = ["id", "url", "title", "kind", "publisher", "original_url", "published", "published_basis"]


class EventRefSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug")
    url = DetailLinkField(view_name="event-detail", lookup_field="slug")
    type = serializers.CharField(source="event_type")
    start = PartialDateField("start", allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "url", "title", "type", "start", "status"]


class ClaimProvenanceSerializer(serializers.ModelSerializer):
    """What a claim says, who said it, in which words of which source, and when it was reviewed."""

    id = serializers.UUIDField(source="uid")
    url = DetailLinkField(view_name="claim-detail", lookup_field="uid")
    quote = QuoteSerializer(source="*")
    source = SourceRefSerializer()
    speaker = ActorRefSerializer(allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "url", "statement", "kind", "speaker", "quote", "source", "reviewed_at"]


class FigureRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uid")
    url = DetailLinkField(view_name="figure-detail", lookup_field="uid")
    metric = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    date = PartialDateField("date", allow_null=True)
    value = number()
    lower = number(allow_null=True)
    upper = number(allow_null=True)

    class Meta:
        model = Figure
        fields = ["id", "url", "metric", "value", "lower", "upper", "qualifier", "unit", "currency", "date"]


class ClaimSerializer(ClaimProvenanceSerializer):
    subjects = ActorRefSerializer(many=True)
    event = EventRefSerializer(allow_null=True)
    topics = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    figures = FigureRefSerializer(many=True)

    class Meta(ClaimProvenanceSerializer.Meta):
        fields = [*ClaimProvenanceSerializer.Meta.fields, "subjects", "event", "topics", "figures"]


class MetricRefSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug")
    url = DetailLinkField(view_name="metric-detail", lookup_field="slug")

    class Meta:
        model = Metric
        fields = ["id", "url", "name", "period"]


class FigureSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uid")
    url = DetailLinkField(view_name="figure-detail", lookup_field="uid")
    metric = MetricRefSerializer()
    date = PartialDateField("date", allow_null=True)
    subjects = ActorRefSerializer(many=True)
    span = QuoteSerializer(source="*")
    claim = ClaimProvenanceSerializer()
    value = number()
    lower = number(allow_null=True)
    upper = number(allow_null=True)

    class Meta:
        model = Figure
        fields = [
            "id",
            "url",
            "metric",
            "value",
            "lower",
            "upper",
            "qualifier",
            "unit",
            "currency",
            "period",
            "date",
            "subjects",
            "span",
            "claim",
        ]


class SourceSerializer(SourceRefSerializer):
    authors = ActorRefSerializer(many=True)
    claims = serializers.SerializerMethodField()

    class Meta(SourceRefSerializer.Meta):
        fields = [
            *SourceRefSerializer.Meta.fields,
            "authors",
            "published_note",
            "language",
            "body_sha256",
            "claims",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, obj) -> str:
        return link(self.context["request"], "claim-list") + f"?source={obj.slug}"


class AffiliationSerializer(serializers.ModelSerializer):
    organisation = ActorRefSerializer()
    start = PartialDateField("start", allow_null=True)
    end = PartialDateField("end", allow_null=True)
    as_of = PartialDateField("as_of", allow_null=True)
    claim = serializers.HyperlinkedRelatedField(
        view_name="claim-detail", lookup_field="uid", read_only=True, allow_null=True
    )

    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "start", "end", "as_of", "claim"]


class ActorSerializer(ActorRefSerializer):
    aliases = serializers.SlugRelatedField(many=True, slug_field="name", read_only=True)
    affiliations = serializers.SerializerMethodField()
    claims = serializers.SerializerMethodField()

    class Meta(ActorRefSerializer.Meta):
        fields = [*ActorRefSerializer.Meta.fields, "description", "wikidata_id", "aliases", "affiliations", "claims"]

    @extend_schema_field(AffiliationSerializer(many=True))
    def get_affiliations(self, obj):
        # Prefetched as published_affiliations: only roles that an approved claim states.
        return AffiliationSerializer(obj.published_affiliations, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, obj) -> str:
        return link(self.context["request"], "claim-list") + f"?actor={obj.slug}"


class ParticipantSerializer(serializers.ModelSerializer):
    actor = ActorRefSerializer()

    class Meta:
        model = EventParticipant
        fields = ["actor", "role"]


class EventSerializer(EventRefSerializer):
    end = PartialDateField("end", allow_null=True)
    country = ActorRefSerializer(allow_null=True)
    participants = ParticipantSerializer(source="participations", many=True)
    claims = serializers.SerializerMethodField()

    class Meta(EventRefSerializer.Meta):
        fields = [
            *EventRefSerializer.Meta.fields,
            "end",
            "date_note",
            "description",
            "place",
            "country",
            "participants",
            "claims",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, obj) -> str:
        return link(self.context["request"], "claim-list") + f"?event={obj.slug}"


class TopicSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug")
    url = DetailLinkField(view_name="topic-detail", lookup_field="slug")
    claims = serializers.SerializerMethodField()

    class Meta:
        model = Topic
        fields = ["id", "url", "name", "description", "claims"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, obj) -> str:
        return link(self.context["request"], "claim-list") + f"?topic={obj.slug}"


class MetricSerializer(MetricRefSerializer):
    broader = MetricRefSerializer(allow_null=True)
    figures = serializers.SerializerMethodField()

    class Meta(MetricRefSerializer.Meta):
        fields = [*MetricRefSerializer.Meta.fields, "description", "broader", "figures"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_figures(self, obj) -> str:
        return link(self.context["request"], "figure-list") + f"?metric={obj.slug}"


class MetricComparisonSerializer(serializers.ModelSerializer):
    """One figure of a metric, with where it comes from: the rows of a side-by-side comparison."""

    id = serializers.UUIDField(source="uid")
    url = DetailLinkField(view_name="figure-detail", lookup_field="uid")
    date = PartialDateField("date", allow_null=True)
    exact = serializers.CharField(source="quote")
    statement = serializers.CharField(source="claim.statement")
    speaker = ActorRefSerializer(source="claim.speaker", allow_null=True)
    source = SourceRefSerializer(source="claim.source")
    value = number()
    lower = number(allow_null=True)
    upper = number(allow_null=True)

    class Meta:
        model = Figure
        fields = ["id", "url", "value", "lower", "upper", "qualifier", "unit", "currency", "date", "exact"]
        fields += ["statement", "speaker", "source"]


class MetricDetailSerializer(MetricSerializer):
    comparison = serializers.SerializerMethodField()

    class Meta(MetricSerializer.Meta):
        fields = [*MetricSerializer.Meta.fields, "comparison"]

    @extend_schema_field(MetricComparisonSerializer(many=True))
    def get_comparison(self, obj):
        """The first 100 published figures of the metric across sources, by the date they hold for.

        The view builds them from rows (rows.comparison; tests/test_api_list_rows.py checks the shape is this one)."""
        return obj.comparison

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("sources", views.SourceViewSet, basename="source")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("events", views.EventViewSet, basename="event")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("figures", views.FigureViewSet, basename="figure")
router.register("metrics", views.MetricViewSet, basename="metric")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = router.urls

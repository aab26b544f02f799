from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<str:uid>/", views.claim_detail, name="claim"),
    path("metrics/<slug:slug>/", views.metric_detail, name="metric"),
    path("events/", views.events, name="events"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("search/", views.search, name="search"),
]

"""With DATABASE_REPLICA_URL set, the API's reads go to the replica; writes, the admin and everything else
to the primary. The API is read-only, and a replica lags by a moment: only reads that may be a moment old
go there. RequestContextMiddleware marks the requests under /api/."""

from contextvars import ContextVar

from django.conf import settings

api_request: ContextVar[bool] = ContextVar("api_request", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if api_request.get() and "replica" in settings.DATABASES:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

"""Reader pages read from a replica when `DATABASE_REPLICA_URL` names one; all else uses the primary.

The decision is made per request: `ReaderReplicaMiddleware` marks a GET or HEAD outside the admin
as a reader's, and `ReplicaRouter` sends that request's reads to the "replica" alias. Writes, the
admin (an editor must see what they just saved), background tasks and commands read and write
"default", so replication lag never shows where someone is editing.
"""

import contextlib
from contextvars import ContextVar

from django.db import connections
from django.urls import reverse

REPLICA = "replica"
PRIMARY = "default"

_reading_for_a_reader = ContextVar("reading_for_a_reader", default=False)


@contextlib.contextmanager
def reader_reads():
    """Inside this block reads go to the replica, if one is configured."""
    token = _reading_for_a_reader.set(True)
    try:
        yield
    finally:
        _reading_for_a_reader.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_for_a_reader.get() and REPLICA in connections.settings:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, replicated: rows read from either may be related

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReaderReplicaMiddleware:
    """A public page's GET or HEAD reads from the replica; the admin and every POST do not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = request.path_info.startswith(reverse("admin:index"))
        if request.method in {"GET", "HEAD"} and not admin:
            with reader_reads():
                return self.get_response(request)
        return self.get_response(request)

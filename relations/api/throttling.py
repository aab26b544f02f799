"""Anonymous throttling, counted in the project's cache: Redis (REDIS_URL) shares the count across processes."""

from django.conf import settings
from rest_framework import throttling


def client_address(request) -> str:
    """The client's address as every per-client rule sees it: the API throttle and the admin login lockout."""
    return throttling.BaseThrottle().get_ident(request)


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's anonymous rate (API_ANON_RATE), except for the addresses in API_THROTTLE_EXEMPT.

    The address is DRF's get_ident: REMOTE_ADDR unless API_NUM_PROXIES trusted proxies add X-Forwarded-For,
    so a client cannot choose its own address by sending that header.
    """

    def allow_request(self, request, view):
        if self.get_ident(request) in settings.API_THROTTLE_EXEMPT:
            return True
        return super().allow_request(request, view)

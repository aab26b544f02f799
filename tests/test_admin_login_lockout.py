"""Guessing an admin password: after a few wrong ones, even the right password is refused for a while."""

from django.conf import settings
from django.urls import reverse

LOGIN = reverse("admin:login")


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": reverse("admin:index")})


def signed_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, alice):
    for attempt in range(30):
        response = log_in(client, "alice", f"wrong-{attempt}")
        assert response.status_code in (200, 429)
    response = log_in(client, "alice", "alice-password-1")
    assert response.status_code == 429
    assert "Account locked: too many login attempts" in response.content.decode()
    assert not signed_in(client)


def test_the_lock_starts_at_the_limit(client, alice):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "alice", f"wrong-{attempt}").status_code == 200
    assert log_in(client, "alice", "wrong-last").status_code == 429
    assert log_in(client, "alice", "alice-password-1").status_code == 429


def test_a_few_typos_then_the_right_password_log_in(client, alice):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "alice", f"wrong-{attempt}")
    assert log_in(client, "alice", "alice-password-1").status_code == 302
    assert signed_in(client)


def test_someone_guessing_alices_password_does_not_lock_out_bob(client, alice, bob):
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        log_in(client, "alice", f"wrong-{attempt}")
    assert log_in(client, "bob", "bob-password-1").status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lock(client, alice):
    """With no trusted proxy configured, X-Forwarded-For is the client's own words: every guess counts."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "alice", "password": f"wrong-{attempt}"},
            headers={"x-forwarded-for": f"203.0.113.{attempt}"},
        )
    response = client.post(
        LOGIN, {"username": "alice", "password": "alice-password-1"}, headers={"x-forwarded-for": "203.0.113.99"}
    )
    assert response.status_code == 429
    assert not signed_in(client)

"""The test run's settings: production settings (DEBUG off), with what a test run cannot provide.

pyproject.toml points pytest-django here. The test client and live server speak plain HTTP, so the
HTTPS redirect is off; the key is a fixed test key; static files come from the apps (no collectstatic),
so the hashed-names storage is replaced by the plain one. Everything else is as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "kzil-test-key-only-for-the-test-run-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

from kzil.settings import *  # noqa: E402, F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
STATIC_ROOT = None  # nothing collected: whitenoise serves the apps' files through the finders
WHITENOISE_USE_FINDERS = True

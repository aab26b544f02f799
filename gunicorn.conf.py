"""gunicorn's configuration, read from the working directory: `gunicorn` with no arguments serves kzil.

GUNICORN_BIND (default 127.0.0.1:8000) and GUNICORN_WORKERS (default 2) come from the environment;
any other gunicorn option can be given on the command line or in GUNICORN_CMD_ARGS.
Django logs each request itself (kzil.request), so gunicorn's access log stays off.
"""

import os

wsgi_app = "kzil.wsgi:application"
bind = os.getenv("GUNICORN_BIND", "127.0.0.1:8000")
try:
    workers = int(os.getenv("GUNICORN_WORKERS", "2"))
except ValueError:
    raise SystemExit(
        f"Unexpected value GUNICORN_WORKERS={os.getenv('GUNICORN_WORKERS')!r}, use a whole number"
    ) from None
errorlog = "-"
accesslog = None
timeout = 30
# No control socket: it would be written under $HOME, which may be read-only or shared.
control_socket_disable = True

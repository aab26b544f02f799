"""The floor server: kzil's captured SQL through psycopg and orjson, with no Django, ORM or DRF.

    FLOOR_QUERIES=queries.json DATABASE_URL=postgres://… .venv/bin/gunicorn benchmarks.load.floor_server:app

FLOOR_QUERIES is benchmarks/load/capture.py's output, {path: [sql, …]}. A request whose path and query string
equal one of its paths runs that page's statements in order on the worker's one persistent autocommit
connection, fetches every row (as a dict, so the JSON carries column names as kzil's does), and answers 200 with
orjson's JSON of the list of each statement's rows; any other path is a 404. Served by gunicorn with kzil's own
gunicorn.conf.py (workers, bind), it is what the same SQL costs behind the same HTTP server: the bound
benchmarks/load/floor.sh compares kzil with.
"""

import json
import os

import orjson
import psycopg
from psycopg.rows import dict_row

with open(os.environ["FLOOR_QUERIES"]) as file:
    QUERIES = json.load(file)
connection = None


def app(environ, start_response):
    global connection
    path = environ["PATH_INFO"] + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
    statements = QUERIES.get(path)
    if statements is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not a captured path\n"]
    if connection is None or connection.closed:  # opened in the worker, after gunicorn's fork
        connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, row_factory=dict_row)
    body = orjson.dumps([connection.execute(sql).fetchall() for sql in statements], default=str)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]

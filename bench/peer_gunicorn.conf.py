"""gunicorn settings of the benchmark's peer app: the same worker model as the app's gunicorn.conf.py."""

import os

bind = os.environ.get("LED_BIND", "127.0.0.1:8060")
workers = int(os.environ.get("LED_WORKERS", "2"))
threads = int(os.environ.get("LED_THREADS", "2"))
timeout = 120
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("LED_ACCESS_LOG", "-")  # as the app: access log to stdout
errorlog = "-"
preload_app = True  # the geometry and the first figure are built once in the master


def post_fork(server, worker):
    from bench import peer_app

    with peer_app.server.test_client() as client:  # register the bundles Dash serves (as app.prime does)
        client.get("/")

"""gunicorn settings for the LED Atlas (``gunicorn -c gunicorn.conf.py app:server``)."""

import multiprocessing
import os

bind = os.environ.get("LED_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("LED_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("LED_THREADS", "2"))
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
limit_request_line = 8190
accesslog = os.environ.get("LED_ACCESS_LOG", "-")
errorlog = "-"
# Load the app (and its shared, read-only layer) once in the master; workers fork from it.
preload_app = True
control_socket_disable = True


def on_starting(server):
    # Build (or validate) the cached artefacts and load them once in the master, before any worker
    # forks: the workers then share those pages copy-on-write instead of each loading its own copy.
    import app
    from callbacks import view
    from geodata import layer
    from indicators import store

    layer.warm()
    store.load_store()
    view.values_bundle_file()  # the browser's values bundle, built once for all workers
    app.prime()


def post_fork(server, worker):
    import app
    from geodata import layer

    layer.warm()  # no-op when the master loaded it
    app.prime()

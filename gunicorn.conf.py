"""gunicorn settings for the LED Atlas (``gunicorn -c gunicorn.conf.py app:server``)."""

import ctypes
import gc
import os

# pyarrow (Parquet reads, pandas' string columns) allocates from mimalloc by default, which keeps the
# pages it frees: ~20-30 MB more in the master after loading the layer and the store, inherited by
# every worker. The system allocator gives them back. Read when pyarrow is first imported (preload).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def _tune_malloc():
    """glibc malloc settings for this preforked server, applied before the app is loaded (the workers
    inherit them); an environment variable of the same name, read by glibc at start-up, wins.

    * at most 2 arenas per process instead of one per thread: fewer half-empty arenas;
    * a fixed 128 kB mmap threshold: large temporaries (pandas and NumPy arrays, JSON of figures) are
      mapped and unmapped on free, instead of raising the threshold and then staying in the heap.

    Together ~25 MB (after load) to ~45 MB (after the charts and LISA/disparity) less per worker.
    """
    m_mmap_threshold, m_arena_max = -3, -8  # <malloc.h>
    try:
        libc = ctypes.CDLL("libc.so.6")
        if "MALLOC_ARENA_MAX" not in os.environ:
            libc.mallopt(m_arena_max, 2)
        if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
            libc.mallopt(m_mmap_threshold, 128 * 1024)
    except (OSError, AttributeError):  # another C library: nothing to do
        pass


_tune_malloc()

from web import settings  # noqa: E402  (the one reader of LED_* variables)

bind = settings.get("LED_BIND")
workers = settings.get("LED_WORKERS")
threads = settings.get("LED_THREADS")
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
limit_request_line = 8190
accesslog = settings.get("LED_ACCESS_LOG")
errorlog = "-"
# Load the app (and its shared, read-only layer) once in the master; workers fork from it.
preload_app = True
control_socket_disable = True


def pre_request(worker, req):
    """A body over the app's limit is answered 413 unread: close the connection after that answer
    (gunicorn ignores an application's ``Connection`` header, and keeping the connection would mean
    draining the unread body before the next request on it)."""
    import app  # preloaded in the master: no work here

    limit = app.server.config.get("MAX_CONTENT_LENGTH")
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), "")
    if limit and length.isdigit() and int(length) > limit:
        req.force_close()


def on_starting(server):
    # Build (or validate) the cached artefacts and load them once in the master, before any worker
    # forks: the workers then share those pages copy-on-write instead of each loading its own copy.
    import app
    from geodata import layer
    from indicators import store
    from layouts import first_frame
    from web import values

    layer.warm()
    store.load_store()
    values.values_bundle_file()  # the browser's values bundle, built once for all workers
    first_frame.geometry()  # the outlines of the page's first-frame picture (~1 s), shared by the workers
    app.prime()
    _load_shared_code(server, layer.units()["adcode"].iloc[0])


def _load_shared_code(server, code):
    """Draw every chart tab and every presenter scene once and build the spatial weights, so that what
    requests import on first use is loaded here, once, and shared by the workers: plotly's figure classes and
    validators (~20 MB) and the LISA/disparity stack, esda, libpysal, SciPy and scikit-learn
    (~80 MB) with the queen weights of the map. Otherwise each worker imports its own copy on its
    first chart or LISA/disparity request. An optimisation only: a failure is logged, never fatal."""
    try:
        from callbacks import charts
        from indicators import disparity_report
        from state.model import TABS

        disparity_report.map_weights()
        for tab in TABS:
            charts.tab_content(tab, [code], None, None, "en")
        # the presenter's scenes (their disparity tables: ~1.4 s the first time): the first press of a scene is
        # as quick as the next one, in every worker
        from callbacks import url
        from state import deployment as st

        for lang in ("en", "zh"):
            for n in range(1, len(st.scenes()) + 1):
                url.scene_parts(n, lang)
    except Exception:  # noqa: BLE001
        server.log.warning("loading the chart and analytics code in the master failed", exc_info=True)


def post_fork(server, worker):
    import app
    from geodata import layer

    layer.warm()  # no-op when the master loaded it
    app.prime()


def pre_fork(server, worker):
    # Everything the master loaded is long-lived: move it out of the garbage collector's reach so
    # the workers' collections do not write to (and so copy) the pages they share with the master.
    gc.collect()
    gc.freeze()
    _release_free_heap()


def _release_free_heap():
    """Hand the heap pages freed while loading (Parquet decoding, building artefacts) back to the
    system before forking, so the workers do not inherit them: glibc keeps them otherwise (~15 MB
    after a normal start, ~170 MB after a start that had to build the values bundle). glibc only."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library: nothing to do
        pass

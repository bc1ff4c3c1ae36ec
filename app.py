"""LED Atlas: builds the Dash app and the page shell; ``server`` is the WSGI app for gunicorn."""

from __future__ import annotations

import logging

import dash
from flask import Flask

from web import logs, settings

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logs.install()  # at most 10 warnings/errors of one kind per minute; the rest counted, not written

server = Flask(__name__)
# flask-compress reads its settings at initialisation: set them before Dash(..., compress=True).
server.config["COMPRESS_MIMETYPES"] = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "application/json",
    "application/javascript",
    "text/javascript",
]


class AtlasDash(dash.Dash):
    """Dash with the page shell of :mod:`layouts.shell`: the map's files first, the grid later."""

    def interpolate_index(self, **kwargs):
        from geodata import layer
        from layouts import shell
        from layouts.i18n import t
        from web import page, preview

        prefix = self.config.requests_pathname_prefix
        kwargs["scripts"], deferred = shell.split_scripts(kwargs.get("scripts", ""))
        geometry = [layer.geometry_url(f"{n}.pbf") for n in ("units", "inset", "provinces", "maritime")]
        # the renderer asks for these two only after every script has run; fetched now, they are ready
        geometry += [prefix + "_dash-layout", prefix + "_dash-dependencies"]
        chunks = [prefix + c for c in shell.MAP_CHUNKS]
        state, _, lang = page.request_state()  # the page's title and html lang in its language, before any script runs
        tabs = shell.PRESENTER_DEFERRED_TABS if state.present else shell.DEFERRED_TABS
        kwargs["metas"] = kwargs.get("metas", "") + "\n"
        kwargs["metas"] += shell.head_tags(geometry, chunks, deferred, shell.plotly_url(prefix), tabs)
        kwargs["metas"] += "\n" + preview.page_meta_tags()  # og: / twitter: tags of this URL
        kwargs["favicon"] = shell.FAVICON  # inline: no 15 kB request for Dash's default icon
        kwargs["metas"] += "\n" + shell.split_tags(prefix, now=state.mode == "split")
        kwargs["title"] = t("title", lang)
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)


app = AtlasDash(
    __name__,
    server=server,
    compress=True,
    serve_locally=True,
    title="LED Atlas · 中国地级区域",
    update_title=None,
    suppress_callback_exceptions=True,
    # loaded on demand: third-party files (layouts/shell.py PLOTLY_BUNDLE) and the side-by-side maps (SPLIT_ASSETS)
    assets_path_ignore=["vendor", "on_demand"],
)

import callbacks  # noqa: E402,F401  (registers the callbacks)
from web import (  # noqa: E402
    analytics_api,
    api,
    brief,
    corridors_api,
    datasets_api,
    page,
    picker_options,
    precompress,
    preview,
    ratelimit,
    security,
    table_api,
    timeline_api,
)

api.register_routes(server)
analytics_api.register_analytics_routes(server)
datasets_api.register_dataset_routes(server)
corridors_api.register_corridor_routes(server)
table_api.register_table_routes(server)
brief.register_brief_routes(server)
preview.register_preview_routes(server)
timeline_api.register_timeline_routes(server)
picker_options.register_picker_routes(server)
# size limit, callback-request checks, security headers, JSON errors; uploads travel base64-encoded
# through a Dash callback, so the body limit follows the upload limit
security.install_security(server, max_content_length=datasets_api.request_body_limit())
# per-client and global limits on uploads and the /api/ routes (Redis when REDIS_URL is set)
ratelimit.install_rate_limits(server)
app.layout = page.layout
# the first paint's scripts as Brotli 11, compressed once per file into the shared cache (runs before flask-compress)
precompress.install_precompressed(server, settings.cache_dir() / "static-br")


def prime() -> None:
    """Serve the index once inside this process.

    Dash registers the component bundles it may serve while rendering the index page; a worker
    that has not rendered it yet answers the bundle requests with 500. Each gunicorn worker calls
    this after forking.
    """
    with server.test_client() as client:
        client.get("/")


if __name__ == "__main__":  # development server: python app.py
    app.run(
        host="127.0.0.1",
        port=8050,
        debug=settings.debug(),
        dev_tools_disable_version_check=True,
    )

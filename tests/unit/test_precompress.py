"""Brotli-11 static files compressed once per file (web/precompress.py): what the browser receives."""

from __future__ import annotations

import brotli
import pytest
from flask import Flask, Response

from web import precompress

SCRIPT = ("var ledAtlas = {};\n" * 400).encode()


@pytest.fixture
def client(tmp_path):
    server = Flask(__name__)

    @server.get("/_dash-component-suites/x/bundle.js")
    def bundle():
        return Response(SCRIPT, mimetype="application/javascript")

    @server.get("/_dash-layout")
    def layout():
        return Response(SCRIPT, mimetype="application/json")

    precompress.install_precompressed(server, tmp_path / "static-br")
    return server.test_client(), tmp_path / "static-br"


def test_a_script_is_sent_as_brotli_and_compressed_only_once(client):
    http, folder = client
    first = http.get("/_dash-component-suites/x/bundle.js", headers={"Accept-Encoding": "gzip, br, zstd"})
    assert first.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in first.headers["Vary"]
    assert brotli.decompress(first.data) == SCRIPT
    assert len(list(folder.glob("*.br"))) == 1
    (cached,) = folder.glob("*.br")
    cached.write_bytes(brotli.compress(SCRIPT, quality=1))  # a later response reads the shared file
    second = http.get("/_dash-component-suites/x/bundle.js", headers={"Accept-Encoding": "br"})
    assert second.data == cached.read_bytes()


@pytest.mark.parametrize("accept", ["gzip", "br;q=0", ""])
def test_a_client_that_refuses_brotli_gets_the_bytes_as_they_were(client, accept):
    http, folder = client
    resp = http.get("/_dash-component-suites/x/bundle.js", headers={"Accept-Encoding": accept})
    assert "Content-Encoding" not in resp.headers and resp.data == SCRIPT
    assert not folder.exists()


def test_dynamic_responses_are_left_to_flask_compress(client):
    http, folder = client
    resp = http.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in resp.headers and resp.data == SCRIPT


def test_brotli_twin_of_a_build_artefact_is_written_once(tmp_path):
    path = tmp_path / "units.pbf"
    path.write_bytes(SCRIPT)
    twin = precompress.brotli_twin(path)
    assert twin == tmp_path / "units.pbf.br" and brotli.decompress(twin.read_bytes()) == SCRIPT
    mtime = twin.stat().st_mtime_ns
    assert precompress.brotli_twin(path) == twin and twin.stat().st_mtime_ns == mtime

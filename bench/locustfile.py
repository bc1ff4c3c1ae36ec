"""Locust load of the benchmark: the indicator-switch callback, as the browser sends it.

Run only through locust's own CLI (it monkey-patches ``ssl`` with gevent, so it is never imported
into the benchmark or test process)::

    BENCH_PAYLOADS=payloads.json .venv/bin/locust -f bench/locustfile.py --headless \
        -u 20 -r 20 -t 30s --host http://127.0.0.1:8050 --csv out/app --only-summary

``BENCH_PAYLOADS`` is a JSON list of recorded ``POST /_dash-update-component`` bodies (written by
``bench/run.py``); every user sends them in turn with no wait between requests.
"""

import itertools
import json
import os
import random

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["BENCH_PAYLOADS"], encoding="utf-8") as fh:
    PAYLOADS = [p.encode("utf-8") for p in json.load(fh)]
HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "Accept-Encoding": "gzip, deflate"}


class SwitchUser(FastHttpUser):
    """One person switching indicators as fast as the server answers."""

    wait_time = constant(0)
    network_timeout = 90.0
    connection_timeout = 30.0

    def on_start(self):
        self.bodies = itertools.cycle(random.sample(PAYLOADS, len(PAYLOADS)))

    @task
    def switch(self):
        self.client.post("/_dash-update-component", data=next(self.bodies), headers=HEADERS, name="switch callback")

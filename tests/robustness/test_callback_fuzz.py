"""Malformed ``POST /_dash-update-component`` bodies: a 4xx or a handled answer, never a 5xx.

The callbacks are read from the running app (``/_dash-dependencies``), so every server-side callback
is exercised, whatever the app registers. Three generated families plus a fixed table:

* bodies that are not callback requests at all (any JSON value, broken JSON);
* well-formed requests for a real callback whose input and state values are replaced by wrong types,
  huge lists, unknown admin codes, script strings, odd numbers;
* real requests with their structure broken: a key missing, outputs of other components, inputs
  swapped or renamed, extra or missing inputs.

A 4xx answer must be JSON; no answer may show a traceback.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.robust_helpers import assert_no_traceback

pytestmark = pytest.mark.slow

FUZZ = dict(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
ROUTE = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json"}
SCRIPTS = ("<script>window.__xss=1</script>", "<img src=x onerror=window.__xss=1>", "javascript:alert(1)", "{{7*7}}")
ADCODES = ("110000", "640100", "999999", "000000", "abcdef", "", "1" * 7)
sent = Counter()  # answers per status, over the whole module (checked by the last test)


@pytest.fixture(scope="module")
def callbacks(http, base_url) -> list[dict]:
    """Server-side callbacks of the running app, each with a well-formed request body."""
    deps = http.get(base_url + "/_dash-dependencies", timeout=30).json()
    out = []
    for dep in deps:
        if dep.get("clientside_function") or "{" in dep["output"]:
            continue
        out.append({"dep": dep, "body": well_formed(dep)})
    assert out, "the app registers no server-side callback"
    return out


def _outputs(output: str):
    if output.startswith("..") and output.endswith(".."):
        return [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in output[2:-2].split("...")]
    cid, prop = output.split(".", 1)
    return {"id": cid, "property": prop}


def well_formed(dep: dict, values=None, state_values=None) -> dict:
    inputs = [{"id": d["id"], "property": d["property"], "value": None} for d in dep["inputs"]]
    state = [{"id": d["id"], "property": d["property"], "value": None} for d in dep["state"]]
    for item, v in zip(inputs, values or [], strict=False):
        item["value"] = v
    for item, v in zip(state, state_values or [], strict=False):
        item["value"] = v
    return {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
    }


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(SCRIPTS),
    st.sampled_from(ADCODES),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=15,
)
odd_values = st.one_of(
    json_values,
    st.integers(min_value=0, max_value=12_000).map(lambda n: ["110000"] * n),  # huge selections
    st.lists(st.sampled_from(ADCODES), max_size=30),
    st.fixed_dictionaries({"a": st.sampled_from(ADCODES), "add": json_scalars, "t": json_scalars}),  # clickData
    st.fixed_dictionaries(
        {
            "points": st.lists(
                st.dictionaries(st.sampled_from(["location", "customdata", "x"]), json_scalars), max_size=2
            )
        }
    ),
    st.fixed_dictionaries({"center": st.lists(json_scalars, max_size=3), "zoom": json_scalars}),  # viewport
    st.sampled_from(["data:text/csv;base64,YWRjb2RlLHZhbHVlCjExMDAwMCwx", "data:;base64,@@@", "x" * 5000]),
)


def _post(http, base_url, body, raw: bytes | None = None):
    data = raw if raw is not None else json.dumps(body, allow_nan=False).encode()
    resp = http.post(base_url + ROUTE, data=data, headers=HEADERS, timeout=60)
    sent[resp.status_code] += 1
    return resp


def _check(resp, what) -> None:
    context = f"{what}: {resp.status_code}"
    assert resp.status_code < 500, f"{context} {resp.text[:300]}"
    assert_no_traceback(resp.text, context)
    if 400 <= resp.status_code < 500:
        assert resp.headers.get("Content-Type", "").startswith("application/json"), f"{context}: 4xx answer is not JSON"


@settings(max_examples=120, **FUZZ)
@given(
    body=st.one_of(
        json_values,
        st.dictionaries(st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds"]), json_values),
    )
)
def test_update_component_rejects_bodies_that_are_not_callback_requests(http, base_url, body):
    _check(_post(http, base_url, body), f"body {str(body)[:200]}")


@settings(max_examples=160, **FUZZ)
@given(data=st.data())
def test_update_component_handles_wrong_values_for_real_callbacks(http, base_url, callbacks, data):
    cb = data.draw(st.sampled_from(callbacks))
    dep = cb["dep"]
    values = data.draw(st.lists(odd_values, min_size=len(dep["inputs"]), max_size=len(dep["inputs"])))
    state = data.draw(st.lists(odd_values, min_size=len(dep["state"]), max_size=len(dep["state"])))
    body = well_formed(dep, values, state)
    _check(_post(http, base_url, body), f"{dep['output'][:80]} with {str(values)[:200]}")


BREAKS = ("drop", "wrong-output", "swap-inputs", "rename-property", "extra-input", "missing-input", "outputs-type")


@settings(max_examples=100, **FUZZ)
@given(data=st.data())
def test_update_component_rejects_broken_structure(http, base_url, callbacks, data):
    cb = data.draw(st.sampled_from(callbacks))
    body = json.loads(json.dumps(cb["body"]))
    how = data.draw(st.sampled_from(BREAKS))
    if how == "drop":
        body.pop(data.draw(st.sampled_from(sorted(body))))
    elif how == "wrong-output":
        other = data.draw(st.sampled_from(callbacks))["body"]
        body["outputs"] = other["outputs"] if other["output"] != body["output"] else {"id": "nope", "property": "x"}
    elif how == "swap-inputs" and len(body["inputs"]) > 1:
        body["inputs"].reverse()
    elif how == "rename-property" and body["inputs"]:
        body["inputs"][0]["property"] = data.draw(st.sampled_from(["children", "value", "__proto__", "x.y"]))
    elif how == "extra-input":
        body["inputs"].append({"id": "injected", "property": "value", "value": SCRIPTS[0]})
    elif how == "missing-input" and body["inputs"]:
        body["inputs"].pop()
    elif how == "outputs-type":
        body["outputs"] = data.draw(json_values)
    _check(_post(http, base_url, body), f"{how} of {cb['dep']['output'][:80]}")


FIXED = {
    "empty body": b"",
    "not json": b"not json",
    "truncated json": b'{"output": "side-panel.children", "inputs": [',
    "json null": b"null",
    "json list": b"[]",
    "nan literal": b'{"output": NaN}',
    "deep nesting": b'{"output": "x", "inputs": ' + b"[" * 200 + b"]" * 200 + b"}",
    "unicode output": json.dumps({"output": "\u202e\ud7ff<script>", "inputs": []}).encode(),
    "nesting past the stack": b"[" * 1_000_000,
    "invalid utf-8": b'{"output": "\xff\xfe"}',
    "3 MB body": b'{"output": "' + b"a" * 3_000_000 + b'"}',
}


@pytest.mark.parametrize("raw", FIXED.values(), ids=FIXED.keys())
def test_update_component_rejects_fixed_malformed_bodies(base_url, raw):
    import requests  # a connection of its own: the server may close it without reading a large body

    resp = _post(requests, base_url, None, raw=raw)
    _check(resp, f"{raw[:60]!r}")
    assert resp.status_code in (400, 413)


def test_update_component_answers_json_for_a_wrong_content_type(base_url, callbacks):
    import requests

    body = json.dumps(callbacks[0]["body"]).encode()
    resp = requests.post(base_url + ROUTE, data=body, headers={"Content-Type": "text/plain"}, timeout=30)
    sent[resp.status_code] += 1
    _check(resp, "text/plain body")


def test_update_component_accepts_the_shape_of_every_real_callback(http, base_url, callbacks):
    """The checks do not reject what the page sends: a request of each callback's exact shape passes
    the structure check (values ``None``: the callback may still refuse them, but not as misshapen)."""
    for cb in callbacks:
        resp = _post(http, base_url, cb["body"])
        _check(resp, cb["dep"]["output"][:80])
        assert "do not match" not in resp.text and "must be" not in resp.text, (cb["dep"]["output"], resp.text)


def test_malformed_post_count_and_log(robust_server):
    """At least 200 POSTs went out in this module (all but one per callback malformed); callbacks that
    raised are named in a warning."""
    malformed = sum(sent.values())
    assert malformed >= 200, f"only {malformed} malformed POSTs were sent"
    assert not any(status >= 500 for status in sent), dict(sent)
    raised = Counter(
        line.split("callback ", 1)[1].split(" raised", 1)[0]
        for line in robust_server.log_tail(100_000).splitlines()
        if "raised on a request it could not handle" in line
    )
    if raised:
        warnings.warn(f"callbacks that raised on malformed values (answered 400): {dict(raised)}", stacklevel=1)

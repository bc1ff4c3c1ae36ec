"""Compose what the map shows from the indicator layer: hideout, legend, caption.

Used by the page layout (first render, so the map is coloured before any callback runs) and by the
map callback. Reads data through :mod:`indicators` and builds components through :mod:`layouts`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
from dash import html

from geodata import layer
from indicators import classify as cls
from indicators import store
from indicators.bundle import display_number
from indicators.registry import REGISTRY, get_indicator
from layouts import map as map_layout
from layouts.i18n import t

DEFAULT_INDICATOR = "pop_resident"


def label(ind, lang: str) -> str:
    return ind.label_zh if lang == "zh" else ind.label_en


def unit_label(ind, lang: str) -> str:
    return ind.unit_zh if lang == "zh" else ind.unit_en


def source_label(ind, lang: str) -> str:
    return ind.source_zh if lang == "zh" else ind.source_en


def default_palette(ind) -> str:
    return ind.palette


_DATASETS: dict[str, tuple] = {}


def dataset(ds_id: str):
    """An uploaded dataset as ``(Indicator, {(column, year): Series})``, or ``None`` when unknown.

    Found datasets are kept per process (they are immutable: the id is their content hash);
    misses are not cached, so a dataset uploaded through another worker is found next time.
    """
    from callbacks import datasets
    from indicators import userdata

    if not isinstance(ds_id, str):
        return None
    if ds_id in _DATASETS:
        return _DATASETS[ds_id]
    try:
        record = datasets.default_store().get(ds_id)
    except Exception:  # noqa: BLE001 - a broken store must not break the page
        return None
    if record is None:
        return None
    if len(_DATASETS) > 64:
        _DATASETS.clear()
    _DATASETS[ds_id] = loaded = userdata.dataset_indicator(record, layer.units())
    return loaded


def resolve(key: str):
    """The indicator for ``key``: a registry entry, or ``ds_<id>`` for an uploaded dataset.

    Raises ``ValueError`` (listing the registry's keys) when neither exists.
    """
    if isinstance(key, str) and key.startswith("ds_"):
        loaded = dataset(key[3:])
        if loaded is not None:
            return loaded[0]
    return get_indicator(key)


def values_for(key: str, year: int) -> pd.Series:
    """Values by adcode of a registry indicator or of an uploaded dataset's first column."""
    if key.startswith("ds_"):
        ind, series = dataset(key[3:])
        column = next(c for c in ind.tags[1:])
        return series.get((column, year), pd.Series(dtype=float))
    return store.indicator_values(key, year)


def flags_for(key: str, year: int) -> pd.Series:
    return pd.Series(dtype=object) if key.startswith("ds_") else store.indicator_flags(key, year)


@lru_cache(maxsize=512)
def _classified(key: str, year: int, scheme: str, k: int, palette: str, breaks: tuple[float, ...] = ()):
    ind = resolve(key)
    values = values_for(key, year).reindex(layer.units()["adcode"])
    if scheme == "user_defined":
        classes = cls.classify(values, scheme, len(breaks) + 1, breaks=breaks)
    else:
        classes = cls.classify(values, scheme, k, diverging=ind.diverging)
    flags = flags_for(key, year)
    return values, classes, flags


def _colors(classes, palette: str) -> list[str]:
    if classes.k >= 3:
        if classes.k > 9 and cls.PALETTES[palette][0] != "diverging":
            palette = "viridis"
        return cls.palette_colors(palette, classes.k)
    three = cls.palette_colors(palette, 3)
    return [three[1]] if classes.k == 1 else [three[0], three[2]][: classes.k]


def choropleth(
    key: str,
    year: int,
    scheme: str,
    k: int,
    palette: str | None,
    selected: list[str],
    lang: str,
    breaks: tuple[float, ...] = (),
):
    """Everything the map needs for one state: ``(hideout, legend rows, caption)``."""
    ind = resolve(key)
    palette = palette or default_palette(ind)
    values, classes, flags = _classified(key, year, scheme, k, palette, tuple(breaks))
    colors = _colors(classes, palette)
    value_map = {a: display_number(v, ind.decimals) for a, v in values.items()}
    class_map = {a: int(c) for a, c in classes.classes.items() if not pd.isna(c)}
    flag_map = {a: str(f) for a, f in flags.items() if isinstance(f, str) and f}
    meta = {
        "label": label(ind, lang),
        "unit": unit_label(ind, lang),
        "year": year,
        "source": source_label(ind, lang),
        "dec": ind.decimals,
        "lang": lang,
        "nodataText": t("no_data", lang),
        "flagText": t("flagged", lang),
    }
    hide = map_layout.hideout(value_map, class_map, colors, cls.NO_DATA_COLOR, selected, meta, flag_map)
    legend_rows = map_layout.legend(
        classes.labels(ind.decimals),
        colors,
        list(classes.counts),
        classes.n_missing,
        cls.NO_DATA_COLOR,
        map_layout.fill("legend_title", label=label(ind, lang), year=year, unit=unit_label(ind, lang)),
        lang,
    )
    return hide, legend_rows, caption(ind, year, lang)


def caption(ind, year: int, lang: str):
    """Unit, year and source always visible; formula and caveat one click away."""
    parts = [
        html.Strong(map_layout.fill("caption_title", label=label(ind, lang), year=year)),
        html.Span(map_layout.fill("caption_fact", word=t("unit", lang), text=unit_label(ind, lang))),
        html.Span(map_layout.fill("caption_fact", word=t("source", lang), text=source_label(ind, lang))),
    ]
    details = []
    description = ind.description_zh if lang == "zh" else ind.description_en
    if description:
        details.append(html.Div(description))
    if ind.formula:
        details.append(
            html.Div(map_layout.fill("caption_detail", word=t("formula", lang), text=ind.formula), className="formula")
        )
    caveat = ind.caveat_zh if lang == "zh" else ind.caveat_en
    if caveat:
        details.append(
            html.Div(map_layout.fill("caption_detail", word=t("caveat", lang), text=caveat), className="caveat")
        )
    if details:
        parts.append(html.Details([html.Summary(t("about_indicator", lang)), *details], className="about"))
    return parts


def years_of(key: str) -> tuple[int, ...]:
    return tuple(resolve(key).years)


def indicators_in_order(ds: str | None = None):
    """The registry's indicators, plus the uploaded dataset's when ``ds`` names one."""
    loaded = dataset(ds) if ds else None
    return list(REGISTRY.values()) + ([loaded[0]] if loaded is not None else [])


#: Views at most this wide (km) draw the provinces in them from their detail files.
DETAIL_MAX_WIDTH_KM = 1600


@lru_cache(maxsize=1)
def detail_config() -> dict:
    """What the browser needs to draw provinces in detail (assets/map.js ``updateDetail``).

    ``url`` with ``{code}`` for the province adcode, the view width below which details are drawn,
    the number of layers (provinces at once) and each province's bounds ``[[y0, x0], [y1, x1]]``.
    """
    from layouts.map import DETAIL_SLOTS

    provinces = {}
    for name in sorted(layer.manifest()["files"]):
        if name.startswith("detail/") and name.endswith(".pbf"):
            code = name[len("detail/") : -len(".pbf")]
            bounds = layer.province_bounds(code)
            if bounds:
                provinces[code] = bounds
    return {
        "url": layer.geometry_url("detail/{code}.pbf"),
        "maxWidth": DETAIL_MAX_WIDTH_KM,
        "slots": DETAIL_SLOTS,
        "provinces": provinces,
    }


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    return frozenset(layer.units()["adcode"])


def side_panel(selection: list[str], key: str, year: int, lang: str):
    """Side panel rows for the selected codes under the current indicator and year."""
    from layouts import panel

    selection = [c for c in (selection if isinstance(selection, list) else []) if isinstance(c, str)][:400]
    try:
        ind = resolve(key)
    except ValueError:
        ind = get_indicator(DEFAULT_INDICATOR)
    if year not in ind.years:
        year = ind.latest_year
    values, _classes, flags = _classified(ind.key, year, "quantiles", 5, ind.palette)
    ranks = values.rank(ascending=False, method="min")
    n_ranked = int(values.notna().sum())
    units = layer.units().set_index("adcode")
    # units the source table covers (an upload covers only the rows it matched)
    source_values = values_for(ind.key, year)
    store_codes = set(source_values.dropna().index if ind.key.startswith("ds_") else source_values.index)
    rows = []
    for code in selection:
        if code not in units.index:
            continue
        u = units.loc[code]
        v = values.get(code)
        missing = v is None or pd.isna(v)
        rows.append(
            {
                "adcode": code,
                "name_zh": u.name_zh,
                "name_en": u.name_en,
                "province_zh": u.province_zh,
                "province_en": u.province_en,
                "unit_type": u.unit_type,
                "value": None if missing else float(v),
                "decimals": ind.decimals,
                "unit": unit_label(ind, lang),
                "year": year,
                "rank": None if missing else int(ranks[code]),
                "n_ranked": n_ranked,
                "flag": flags.get(code) if isinstance(flags.get(code), str) else None,
                "covered": code in store_codes,
            }
        )
    try:
        nat = float("nan") if ind.key.startswith("ds_") else store.national_value(ind.key, year)
        national = None if pd.isna(nat) else f"{map_layout.format_value(nat, ind.decimals)} {unit_label(ind, lang)}"
    except (ValueError, KeyError):
        national = None
    return panel.side_panel(rows, national, source_label(ind, lang), lang)


@lru_cache(maxsize=4)
def _migrant_survey():
    from indicators.ingest import load_table

    return load_table("migrant_workers")


def context_texts(lang: str) -> list[str]:
    """Lines of the NBS migrant-worker survey's national figures (2020 and the latest year), then the source."""
    table = _migrant_survey()
    nat = table[table["adcode"] == "000000"].sort_values("year")
    rows = []
    for year in (2020, int(nat["year"].max())):
        r = nat[nat["year"] == year]
        if r.empty or pd.isna(r["mw_total_10k"].iloc[0]):
            continue
        r = r.iloc[0]

        def fmt(v):
            if pd.isna(v):
                return "–"
            return f"{v:,.0f}" if lang == "zh" else f"{v / 100:,.1f} million"

        rows.append(
            t("migrant_context", lang).format(
                total=fmt(r["mw_total_10k"]),
                year=year,
                outgoing=fmt(r["mw_outgoing_10k"]),
                interprov=fmt(r["mw_outgoing_interprov_10k"]),
            )
        )
    source = (
        "国家统计局《农民工监测调查报告》"
        if lang == "zh"
        else "Source: NBS, Rural Migrant Worker Monitoring Survey reports"
    )
    return [*dict.fromkeys(rows), source]


def context_line(key: str, lang: str):
    """The NBS migrant-worker survey's national figures, shown whenever a migrant indicator is."""
    try:
        ind = get_indicator(key)
    except ValueError:
        return None
    if ind.family != "migrant":
        return None
    *rows, source = context_texts(lang)
    return [html.Div(r) for r in rows] + [html.Div(source, className="context-source")]


#: Interface words the browser needs to write the caption (assets/map.js, ``captionParts``).
CAPTION_WORDS = ("unit", "source", "formula", "caveat", "about_indicator")


LISA_ORDER = ("high-high", "low-low", "high-low", "low-high", "not significant", "no neighbours")
# ColorBrewer-like categorical colours, as GeoDa draws LISA maps
LISA_COLORS = ("#d7191c", "#2c7bb6", "#fdae61", "#abd9e9", "#f0f0f0", "#bdbdbd")


def lisa_choropleth(key: str, year: int, selected: list[str], lang: str):
    """The LISA cluster map of an indicator: ``(hideout, legend rows, caption)``."""
    from indicators import disparity_api

    ind = get_indicator(key)
    labels = disparity_api.lisa_labels(key, year)
    class_map = {a: LISA_ORDER.index(lab) for a, lab in labels.items() if lab in LISA_ORDER}
    counts = [sum(1 for lab in labels.values() if lab == k) for k in LISA_ORDER]
    values, _c, flags = _classified(key, year, "quantiles", 5, ind.palette, ())
    value_map = {a: display_number(v, ind.decimals) for a, v in values.items()}
    meta = {
        "label": f"{label(ind, lang)} · LISA",
        "unit": unit_label(ind, lang),
        "year": year,
        "source": source_label(ind, lang),
        "dec": ind.decimals,
        "lang": lang,
        "nodataText": t("no_data", lang),
        "flagText": t("flagged", lang),
    }
    flag_map = {a: str(f) for a, f in flags.items() if isinstance(f, str) and f}
    hide = map_layout.hideout(value_map, class_map, list(LISA_COLORS), cls.NO_DATA_COLOR, selected, meta, flag_map)
    legend_rows = map_layout.legend(
        [t(f"lisa_{k}", lang) for k in LISA_ORDER],
        list(LISA_COLORS),
        counts,
        sum(1 for lab in labels.values() if lab not in LISA_ORDER),
        cls.NO_DATA_COLOR,
        map_layout.fill("legend_title", label=label(ind, lang), year=year, unit=t("lisa_title", lang)),
        lang,
    )
    return hide, legend_rows, caption(ind, year, lang)


#: Interface words of the compare tab, for the browser to draw it from the bundle (assets/compare.js).
COMPARE_WORDS = (
    "source",
    "nation",
    "no_data",
    "ignored_codes",
    "selected_units",
    "extremes_title",
    "highest",
    "lowest",
    "selected",
    "province_value",
    "province_average",
    "national_average",
    "averages_note",
    "no_national",
    "others",
    "compare_hint",
    "chart_bar",
    "chart_key",
    "chart_values",
)


@lru_cache(maxsize=256)
def display_values(key: str, year: int) -> pd.Series:
    """A registry indicator's values of the map units (layer order) at the digits the page shows.

    The compare chart draws, orders and scales its bars with these: the server and the browser (which
    has only the bundle's rounded values) draw the same chart, and tied units keep the layer's order.

    >>> display_values("pop_resident", 2020)["640100"]
    np.float64(285.9)
    """
    ind = get_indicator(key)
    values = store.indicator_values(key, year).reindex(layer.units()["adcode"])
    return pd.Series([display_number(v, ind.decimals) for v in values], index=values.index, dtype=float, name=key)


@lru_cache(maxsize=256)
def compare_references(key: str, year: int) -> tuple[pd.Series, float]:
    """The compare chart's references, at the digits the page shows: ``(by province adcode, national)``.

    For counts (``aggregation == "sum"``) a total dwarfs every unit: the mean unit values of each
    province and of China; otherwise the indicator's province and national values. ``NaN`` where none.

    >>> by_province, national = compare_references("urbanisation_rate", 2020)
    >>> by_province["640000"] == round(by_province["640000"], 1), national > 60
    (np.True_, True)
    """
    from indicators import compare

    ind = get_indicator(key)
    if ind.aggregation == "sum":
        units = layer.units().set_index("adcode")
        values = store.indicator_values(key, year).reindex(units.index)
        by_province, national = compare.unit_averages(values, units["province_adcode"])
    else:
        by_province = store.province_values(key, year)
        try:
            national = store.national_value(key, year)
        except (ValueError, KeyError):
            national = float("nan")
    rounded = [display_number(v, ind.decimals) for v in by_province]
    national = display_number(national, ind.decimals)
    return pd.Series(rounded, index=by_province.index, dtype=float), float("nan") if national is None else national


def compare_chart_spec() -> dict:
    """What the browser needs to draw the compare tab besides data and words: the Plotly template (as the
    server's figures carry it), font, colours and limits (assets/compare.js)."""
    import json

    import plotly.graph_objects as go
    from plotly.utils import PlotlyJSONEncoder

    from callbacks.selection import MAX_SELECTION
    from indicators import compare
    from layouts import figures as fg

    template = go.Figure(layout={"template": fg.TEMPLATE}).to_plotly_json()["layout"]["template"]
    return {
        "template": json.loads(json.dumps(template, cls=PlotlyJSONEncoder)),
        "font": fg.FONT,
        "colors": dict(fg.OKABE_ITO),
        "maxBars": compare.MAX_BARS,
        "extremes": compare.EXTREMES,
        "maxSelection": MAX_SELECTION,
    }


@lru_cache(maxsize=1)
def values_bundle_file():
    """Path of this deployment's values bundle (built once into the cache, shared by the workers).

    Keyed by the indicator store's file (which hashes the data and code), the layer's build key, the
    bundle's code, words and chart spec and the code of the compare references.
    """
    import gzip
    import hashlib
    import inspect
    import json
    import os
    import tempfile

    from indicators import bundle, compare
    from layouts import figures as fg
    from web import settings

    texts = {
        lang: {**{w: t(w, lang) for w in CAPTION_WORDS}, **{w: fg.t(w, lang) for w in COMPARE_WORDS}}
        for lang in ("en", "zh")
    }
    context = {lang: context_texts(lang) for lang in ("en", "zh")}
    chart = compare_chart_spec()
    # the bundle's own code, words and references are part of its key: a change in any builds a new bundle
    code = (
        Path(bundle.__file__).read_bytes()
        + inspect.getsource(compare_references).encode()
        + inspect.getsource(compare.unit_averages).encode()
        + json.dumps([texts, context, chart], ensure_ascii=False).encode()
    )
    key = f"{store.store_path().stem}-{layer.manifest()['key']}-{hashlib.sha256(code).hexdigest()[:8]}"
    folder = settings.cache_dir() / f"values-{key}"
    existing = sorted(folder.glob("values-*.json")) if folder.exists() else []
    if existing and existing[0].with_name(existing[0].name + ".gz").exists():
        return existing[0]
    units = layer.units()
    data = bundle.bundle_bytes(
        bundle.build_values_bundle(
            units["adcode"].tolist(),
            REGISTRY.values(),
            store.indicator_values,
            store.indicator_flags,
            cls.classify,
            _colors,
            texts=texts,
            context=context,
            units=units.set_index("adcode"),
            references_of=compare_references,
            chart=chart,
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=settings.cache_dir(), prefix=".values-"))
    name = bundle.fingerprint(data)
    (tmp / name).write_bytes(data)
    (tmp / (name + ".gz")).write_bytes(gzip.compress(data, 9, mtime=0))
    for f in tmp.iterdir():
        os.replace(f, folder / f.name)
    tmp.rmdir()
    return folder / name


def values_bundle_url() -> str:
    return f"/values/{values_bundle_file().parent.name}/{values_bundle_file().name}"

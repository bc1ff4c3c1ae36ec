"""The locality brief as one printable HTML page: per unit its findings (template sentences filled with
the numbers of its own tables), its profile across all families, its sector quadrant and its peers.

Plain server-side HTML (no Dash components, no script but the print button's): the page draws as soon as
it arrives, and prints (or saves as PDF) from the browser's print dialog with the page's print CSS. Pure
given its data: :class:`indicators.brief.Brief` objects, the units' names and the registry in, text out;
every word through :func:`layouts.i18n.t`, every value with its unit and year, and every source listed.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from indicators.brief import HEADLINES, PEER_KEYS, Brief, ProfileRow
from indicators.registry import FAMILIES, REGISTRY
from indicators.sector import QUADRANTS, SECTORS
from layouts.i18n import t
from layouts.map import format_value

CSS_FILE = Path(__file__).with_name("brief.css")
#: Most units one brief holds (each is a printed page or two); the panel's link names the first ones.
MAX_BRIEF_UNITS = 12
#: The print button's script, served by ``web/brief.py`` (no inline script under the page's CSP).
PRINT_SCRIPT = 'document.querySelectorAll(".brief-print").forEach(function (b) { b.onclick = function () { window.print(); }; });'


def _label(ind, lang: str) -> str:
    return ind.label_zh if lang == "zh" else ind.label_en


def _unit(ind, lang: str) -> str:
    return ind.unit_zh if lang == "zh" else ind.unit_en


def _num(value: float, ind) -> str:
    return format_value(None if value is None or math.isnan(value) else float(value), ind.decimals)


def _rank(rank, n, lang: str) -> str:
    return "–" if rank is None or not n else t("rank_of", lang).format(rank=rank, n=n)


def fact_sentence(row: ProfileRow, lang: str) -> str:
    """One finding: the indicator's value, unit, year, national and provincial rank, and (for indicators
    that are not totals) how it compares with the national value, at the displayed digits.

    >>> from indicators.brief import ProfileRow
    >>> r = ProfileRow("avg_wage", 2020, 105653.0, 28, 292, 1, 5, 104832.4, float("nan"))
    >>> fact_sentence(r, "en")
    'Average wage, urban non-private units was 105,653 yuan per year in 2020: 28 of 292 units nationally, 1 of 5 in the province, above the national 104,832.'
    >>> fact_sentence(r, "zh")
    '城镇非私营单位在岗职工平均工资为105,653元/年（2020年），全国292个地区中第28，省内5个中第1，高于全国的104,832。'
    """
    ind = REGISTRY[row.key]
    cmp = ""
    if ind.aggregation != "sum" and not math.isnan(row.national):
        mine, nat = round(row.value, ind.decimals), round(row.national, ind.decimals)
        word = "brief_above" if mine > nat else "brief_below" if mine < nat else "brief_equal"
        cmp = t(word, lang).format(national=_num(row.national, ind))
    return t("brief_fact", lang).format(
        label=_label(ind, lang), value=_num(row.value, ind), unit=_unit(ind, lang), year=row.year,
        rank=row.rank, n=row.n, prov_rank=row.prov_rank, prov_n=row.prov_n, cmp=cmp,
    )  # fmt: skip


def _sector_names(keys, lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{SECTORS[k].label(lang)} ({SECTORS[k].section})" for k in keys) or t("brief_none", lang)


def findings(brief: Brief, name: str, lang: str) -> dict[str, str]:
    """One paragraph per family of :data:`indicators.brief.HEADLINES`: its facts' sentences, and for the
    sector family the quadrant's specialised-and-growing and emerging sectors."""
    sep = "" if lang == "zh" else " "
    out = {}
    for family in HEADLINES:
        sentences = [fact_sentence(r, lang) for r in brief.findings.get(family, [])]
        if family == "sector" and brief.quadrant is not None:
            growing, emerging = brief.quadrant_sectors("specialised_growing"), brief.quadrant_sectors("emerging")
            sentences.append(
                t("brief_quadrant_fact", lang).format(name=name, k=len(growing), sectors=_sector_names(growing, lang))
            )
            if emerging:
                sentences.append(t("brief_emerging_fact", lang).format(k=len(emerging), sectors=_sector_names(emerging, lang)))
        out[family] = sep.join(sentences) if sentences else t("brief_no_facts", lang).format(name=name)
    return out


def _profile_table(brief: Brief, lang: str, sources: dict[str, int]) -> str:
    head = "".join(
        f'<th class="{c}">{escape(t(k, lang))}</th>'
        for k, c in (("indicator_col", ""), ("value", "num"), ("brief_rank_col", "num"), ("prov_rank_col", "num"),
                     ("brief_province_col", "num"), ("brief_national_col", "num"))
    )  # fmt: skip
    body = []
    for family, names in FAMILIES.items():
        rows = [r for r in brief.profile if REGISTRY[r.key].family == family]
        if not rows:
            continue
        body.append(f'<tr><th colspan="6" class="family">{escape(names[0] if lang == "zh" else names[1])}</th></tr>')
        for r in rows:
            ind = REGISTRY[r.key]
            note = sources.setdefault(ind.source_zh if lang == "zh" else ind.source_en, len(sources) + 1)
            if r.missing:
                value = f'<span class="nodata">{escape(t("no_data", lang))}</span>'
            else:
                value = f'<b>{_num(r.value, ind)}</b><br><span class="uy">{escape(_unit(ind, lang))} · {r.year}</span>'
            ref_p = "" if r.missing else _num(r.province, ind)
            ref_n = "" if r.missing else _num(r.national, ind)
            body.append(
                f'<tr data-indicator="{escape(r.key)}"><td>{escape(_label(ind, lang))}<sup>[{note}]</sup></td>'
                f'<td class="num">{value}</td><td class="num">{escape(_rank(r.rank, r.n, lang))}</td>'
                f'<td class="num">{escape(_rank(r.prov_rank, r.prov_n, lang))}</td>'
                f'<td class="num">{ref_p}</td><td class="num">{ref_n}</td></tr>'
            )
    return f'<table class="profile"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _quadrant_table(brief: Brief, name: str, lang: str) -> str:
    if brief.quadrant is None:
        return f'<p class="hint">{escape(t("sectors_no_data", lang).format(name=name))}</p>'
    head = "".join(
        f'<th class="{c}">{escape(x)}</th>'
        for x, c in (("", ""), (t("sector_col", lang), ""), (t("lq_short", lang), "num"),
                     (t("growth_pp_col", lang), "num"), (t("quadrant_col", lang), ""))
    )  # fmt: skip
    rows = []
    for key, r in brief.quadrant.sort_values("lq", ascending=False).iterrows():
        q = r["quadrant"] if isinstance(r["quadrant"], str) else None
        label = QUADRANTS[q][0 if lang == "zh" else 1] if q else t("q_none", lang)
        rel = "–" if pd.isna(r["relative_growth"]) else f"{r['relative_growth']:+.1f}"
        rows.append(
            f'<tr class="q-{q or "none"}"><td>{SECTORS[key].section}</td><td>{escape(SECTORS[key].label(lang))}</td>'
            f'<td class="num">{format_value(float(r["lq"]), 2)}</td><td class="num">{rel}</td><td>{escape(label)}</td></tr>'
        )
    return f'<table class="quadrant"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _peers_table(brief: Brief, units: pd.DataFrame, name: str, lang: str) -> str:
    labels = ("、" if lang == "zh" else ", ").join(_label(REGISTRY[k], lang) for k in PEER_KEYS)
    note = f'<p class="note">{escape(t("brief_peers_note", lang).format(n=len(brief.peers), labels=labels))}</p>'
    if not brief.peers:
        return f'<p class="hint">{escape(t("brief_no_peers", lang).format(name=name))}</p>'
    zh = lang == "zh"
    rows = "".join(
        f'<tr><td>{escape(units.at[c, "name_zh" if zh else "name_en"])}</td>'
        f'<td>{escape(units.at[c, "province_zh" if zh else "province_en"])}</td><td class="num">{d:.2f}</td></tr>'
        for c, d in brief.peers
    )
    head = f"<tr><th>{escape(t('name_col', lang))}</th><th>{escape(t('province', lang))}</th>"
    head += f'<th class="num">{escape(t("brief_distance", lang))}</th></tr>'
    return f'<table class="peers"><thead>{head}</thead><tbody>{rows}</tbody></table>{note}'


def unit_section(brief: Brief, units: pd.DataFrame, lang: str) -> str:
    """One unit's part of the page (a new printed page each)."""
    u = units.loc[brief.adcode]
    zh = lang == "zh"
    name = u["name_zh"] if zh else u["name_en"]
    other = u["name_en"] if zh else u["name_zh"]
    province = u["province_zh"] if zh else u["province_en"]
    sources: dict[str, int] = {}
    paragraphs = "".join(
        f'<h4>{escape(FAMILIES[f][0 if zh else 1])}</h4><p class="finding" data-family="{f}">{escape(text)}</p>'
        for f, text in findings(brief, name, lang).items()
    )
    profile = _profile_table(brief, lang, sources)
    notes = "".join(f"<li>{escape(s)}</li>" for s in sources)
    return (
        f'<section class="unit" data-adcode="{escape(brief.adcode)}">'
        f'<h2>{escape(name)} <span class="alt">{escape(other)}</span></h2>'
        f'<p class="meta">{escape(province)} · {escape(brief.adcode)}</p>'
        f'<h3>{escape(t("brief_findings", lang))}</h3><div class="findings">{paragraphs}</div>'
        f'<h3>{escape(t("brief_profile", lang))}</h3>{profile}'
        f'<p class="note">{escape(t("brief_note", lang))}</p>'
        f'<h3>{escape(t("brief_quadrant", lang))}</h3>{_quadrant_table(brief, name, lang)}'
        f'<h3>{escape(t("brief_peers", lang))}</h3>{_peers_table(brief, units, name, lang)}'
        f'<h3>{escape(t("sources", lang))}</h3><ol class="sources">{notes}</ol>'
        "</section>"
    )


def brief_page(briefs: list[Brief], units: pd.DataFrame, lang: str, other_lang_href: str) -> str:
    """The whole page: a header with the print button and the other language, then one section per unit."""
    zh = lang == "zh"
    names = "、".join(units.at[b.adcode, "name_zh"] for b in briefs) if zh else ", ".join(
        units.at[b.adcode, "name_en"] for b in briefs
    )
    title = f"{t('brief_title', lang)} · {names}"
    css = CSS_FILE.read_text(encoding="utf-8")
    other = "English" if zh else "中文"
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{css}</style></head><body>"
        f'<header><h1>{escape(t("brief_title", lang))}</h1><div class="tools no-print">'
        f'<button type="button" class="brief-print">{escape(t("brief_print", lang))}</button>'
        f'<a href="{escape(other_lang_href)}" hreflang="{"en" if zh else "zh"}">{other}</a></div></header>'
        f'<main id="brief" data-ready="1">{"".join(unit_section(b, units, lang) for b in briefs)}</main>'
        '<script src="/brief/print.js"></script></body></html>'
    )


def brief_href(codes, lang: str) -> str:
    """The brief's address for the (first :data:`MAX_BRIEF_UNITS`) ``codes`` in ``lang``.

    >>> brief_href(["640100", "640200"], "zh")
    '/brief?sel=640100~640200&lang=zh'
    """
    return "/brief?" + urlencode({"sel": "~".join(list(codes)[:MAX_BRIEF_UNITS]), "lang": lang}, safe="~")

"""The two presenter scenes of the Spring-Festival corridors, built from the data (not typed).

Each scene is a URL query (the units selected, flows on, the window) and a caption whose names, index
points and cross-province shares are read from :mod:`indicators.corridors` and
:mod:`indicators.corridor_indicators` when the scenes are first asked for; only the sentence templates
are words (:mod:`layouts.strings.flows`). :func:`state.deployment.scenes` appends them to the story of
``layouts/scenes.yaml``.

Examples
--------
>>> go_home, come_back = flow_scenes(first_number=7)
>>> go_home["query"]
'indicator=sf2020_pre_out_cross_province_share&year=2020&sel=440300~441900&flows=out&window=sf2020_pre&top=10'
>>> go_home["title_en"]
"7 · Where Shenzhen's and Dongguan's workers go home"
>>> "Dongguan (22.43)" in go_home["caption_en"], "东莞市（22.43）" in go_home["caption_zh"]
(True, True)
>>> come_back["query"].split("&")[2:4]
['sel=500000~640100', 'flows=in']
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators import corridor_indicators, corridors
from layouts.i18n import t

#: Partners named in a caption, and drawn on the map (``top``).
NAMED, DRAWN = 3, 10


@dataclass(frozen=True)
class FlowScene:
    """One scene: its string keys, units, window, direction and the indicator coloured under the lines."""

    name: str
    units: tuple[str, ...]
    window: str
    direction: str
    indicator: str


SCENES = (
    FlowScene("go_home", ("440300", "441900"), "sf2020_pre", "out", "sf2020_pre_out_cross_province_share"),
    FlowScene("come_back", ("500000", "640100"), "sf2021_post", "in", "sf2021_post_in_cross_province_share"),
)


def corridors_municipalities() -> frozenset[str]:
    """The province-level units of the table (the municipalities, Hong Kong, Macau, Taiwan): each its own
    province, so its cross-province share is 100 % by construction and says nothing."""
    return frozenset(c for c in corridors.unit_codes() if c.endswith("0000"))


def _unit_names(code: str, units) -> tuple[str, str]:
    row = units[units["adcode"] == code] if units is not None else None
    if row is None or row.empty:
        return code, code
    return str(row["name_zh"].iloc[0]), str(row["name_en"].iloc[0])


def _caption(scene: FlowScene, lang: str, units) -> str:
    cross = corridor_indicators.derived_values(scene.indicator)
    sentences = [t(f"scene_{scene.name}_lead", lang)]
    for code in scene.units:
        top = corridors.partners(code, scene.window, scene.direction, corridors.TOP_MIN, units=units).head(NAMED)
        names = top["name_zh"] if lang == "zh" else top["name_en"].fillna(top["name_zh"])
        named = [
            t("scene_partner", lang).format(name=n, index=f"{v:.2f}") for n, v in zip(names, top["index"], strict=True)
        ]
        zh, en = _unit_names(code, units)
        if code in corridors_municipalities():
            cross_text = t("scene_cross_municipality", lang)
        else:
            cross_text = t(f"scene_{scene.name}_cross", lang).format(share=f"{cross[code]:.1f} %")
        sentences.append(
            t(f"scene_{scene.name}_unit", lang).format(
                name=zh if lang == "zh" else en,
                partners=("、" if lang == "zh" else ", ").join(named),
                cross=cross_text,
            )
        )
    sentences.append(t("scene_units_note", lang))
    return ("" if lang == "zh" else " ").join(sentences)


def flow_scenes(first_number: int, units=None) -> tuple[dict, ...]:
    """The scenes as ``layouts/scenes.yaml`` entries (``query``, ``title_*``, ``caption_*``), numbered on.

    ``units`` (``adcode, name_zh, name_en, province_zh``) names the partners; default: the map layer's.
    """
    if units is None:
        from geodata import layer

        units = layer.units()
    out = []
    for i, scene in enumerate(SCENES):
        year = corridor_indicators.DERIVED[scene.indicator]["years"][0]
        query = (
            f"indicator={scene.indicator}&year={year}&sel={'~'.join(scene.units)}"
            f"&flows={scene.direction}&window={scene.window}&top={DRAWN}"
        )
        entry = {"query": query}
        for lang in ("zh", "en"):
            entry[f"title_{lang}"] = t(f"scene_{scene.name}_title", lang).format(n=first_number + i)
            entry[f"caption_{lang}"] = _caption(scene, lang, units)
        out.append(entry)
    return tuple(out)

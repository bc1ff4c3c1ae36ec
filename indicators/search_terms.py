"""What the indicator search matches: labels, descriptions, family names and common synonyms, zh and en.

Declared once, beside the registry: the indicator pickers (:func:`layouts.page.indicator_options`)
put :func:`search_text` into each option's ``search`` field, which the dropdown's own filter reads
(every typed word must occur in the field). A planner's word ("农民工", "就业", "jobs", "wage")
finds the indicators, not only the unclickable family header.

Pure and a leaf beside :mod:`indicators.registry`: no Dash.
"""

from __future__ import annotations

import re

from indicators.registry import FAMILIES, Indicator

#: Words a planner uses for a whole family, beyond its name in :data:`indicators.registry.FAMILIES`.
FAMILY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "employment": ("就业", "从业", "劳动力", "职工", "jobs", "employment", "labour", "labor", "workers", "work"),
    "migrant": (
        "农民工",
        "流动人口",
        "外来人口",
        "人口流动",
        "迁移",
        "migrant",
        "migrants",
        "migration",
        "floating population",
        "hukou",
    ),
    "economy": ("经济", "产值", "economy", "economic", "output"),
    "population": ("人口", "population", "people", "residents"),
    "sector": ("产业", "行业", "潜力", "sector", "sectors", "industry", "industries", "growth sectors"),
    "user": ("上传", "我的数据", "upload", "uploaded", "my data"),
}

#: Synonyms of words in indicator labels: an indicator whose zh or en label contains the key also
#: matches the words after it.
TERM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "从业人员": ("就业", "就业人员", "jobs", "employment", "employed"),
    "工资": ("收入", "薪酬", "就业", "income", "pay", "salary", "earnings", "wage", "wages"),
    "失业": ("unemployment", "jobless", "就业"),
    "地区生产总值": ("GDP", "GRP", "产出", "output"),
    "区位商": ("LQ", "专业化", "specialisation", "specialization"),
    "春运": ("春节", "Spring Festival", "Chunyun", "百度迁徙", "Baidu"),
    "城镇化": ("城市化", "urbanization", "urbanisation", "urban"),
    "户籍": ("hukou", "registered residence"),
    "外省流入": ("农民工", "跨省流动", "migrant workers", "inter-provincial migrants"),
    "跨县流入": ("农民工", "省内流动", "migrant workers", "intra-provincial migrants"),
    "净流入": ("net migration", "迁入"),
    "赫芬达尔": ("HHI", "concentration", "集中度"),
    "克鲁格曼": ("Krugman", "专业化", "specialisation"),
}

_PIECES = re.compile(r"[\s,.;:()（），。；：、“”\"'/]+")
#: The dropdown indexes every substring of every word (n² / 2 for a word of n characters, measured at
#: first paint): longer description fragments become overlapping chunks of this length, half of it apart,
#: so any query of up to half of it plus one characters still lies inside one chunk.
CHUNK = 8
#: Description words that would match almost everything (not indexed).
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or per the to with without than that this "
    "not no all each over under".split()
)


def _fragments(text: str) -> list[str]:
    """Words and phrases of ``text``, long ones as overlapping chunks.

    >>> _fragments("城镇非私营单位从业人员年平均人数")
    ['城镇非私营单位从', '营单位从业人员年', '业人员年平均人数']
    """
    out = []
    for piece in _PIECES.split(text or ""):
        if piece.isascii() and (len(piece) < 3 or piece.lower() in STOP_WORDS):
            continue
        if len(piece) <= CHUNK:
            out += [piece] if piece else []
            continue
        step = CHUNK // 2
        out += [piece[i : i + CHUNK] for i in range(0, len(piece) - step, step)]
    return out


def search_text(indicator: Indicator) -> str:
    """The words the picker's search matches for ``indicator``, lower case, space-separated, no repeats.

    Examples
    --------
    >>> from indicators.registry import Indicator
    >>> ind = Indicator("w", "employment", "平均工资", "Average wage", "", "", "元", "yuan", 0, "", "", "", (2020,))
    >>> words = search_text(ind).split()
    >>> "就业" in words and "jobs" in words and "income" in words and "平均工资" in words
    True
    """
    labels = f"{indicator.label_zh} {indicator.label_en}"
    zh, en = FAMILIES.get(indicator.family, ("", ""))
    words = [*_fragments(indicator.label_zh), *_fragments(indicator.label_en), zh, *_fragments(en)]
    for synonym in FAMILY_SYNONYMS.get(indicator.family, ()):
        words += synonym.split()
    for term, synonyms in TERM_SYNONYMS.items():
        if term.lower() in labels.lower():
            for synonym in synonyms:
                words += synonym.split()
    words += _fragments(indicator.description_zh) + _fragments(indicator.description_en)
    return " ".join(dict.fromkeys(w.lower() for w in words if w))

"""Which level an upload is at: prefecture-level units or county-level units (区县).

Each row is matched at both levels (:mod:`userdata.match`, :mod:`userdata.county_match`); the file is read
at the level with the most matched rows (a tie keeps the prefecture level, as before county uploads).
Rows that match only at the other level are reported ``unknown`` with the reason, never kept.

Examples
--------
>>> p = [MatchRow(2, "matched", "银川", "640100", "银川市"), MatchRow(3, "unknown", "兴庆区 银川市")]
>>> c = [MatchRow(2, "unknown", "银川"), MatchRow(3, "matched", "兴庆区 银川市", "640104", "兴庆区")]
>>> c.append(MatchRow(4, "matched", "海原县", "640522", "海原县")); p.append(MatchRow(4, "unknown", "海原县"))
>>> level, rows, notes = resolve_level(p, c)
>>> level, [(m.status, m.adcode) for m in rows]
('county', [('unknown', None), ('matched', '640104'), ('matched', '640522')])
>>> rows[0].reason
'银川市 (640100) is a prefecture-level unit: this file is read as county-level units (2 rows matched), so it is left out'
"""

from __future__ import annotations

from userdata.match import MatchRow

#: How the levels are named in messages.
LEVEL_WORDS = {"prefecture": ("prefecture-level", "地级"), "county": ("county-level", "县级")}


def count_matched(rows: list[MatchRow]) -> int:
    return sum(m.status == "matched" for m in rows)


def resolve_level(prefecture: list[MatchRow], county: list[MatchRow] | None) -> tuple[str, list[MatchRow], list[str]]:
    """``(level, one MatchRow per row, notes)`` from the matches of the same rows at both levels.

    ``county`` is ``None`` when county files are not recognised (then the level is ``prefecture``).
    """
    if county is None:
        return "prefecture", list(prefecture), []
    n_prefecture, n_county = count_matched(prefecture), count_matched(county)
    level = "county" if n_county > n_prefecture else "prefecture"
    chosen, other = (county, prefecture) if level == "county" else (prefecture, county)
    other_level = "prefecture" if level == "county" else "county"
    n = max(n_prefecture, n_county)
    word_en, word_zh = LEVEL_WORDS[level]
    other_en, other_zh = LEVEL_WORDS[other_level]
    out, left_out = [], 0
    for mine, theirs in zip(chosen, other, strict=True):
        if mine.status == "unknown" and theirs.status == "matched":
            left_out += 1
            mine = MatchRow(
                mine.row, "unknown", mine.key, None, None, (),
                f"{theirs.name_zh} ({theirs.adcode}) is a {other_en} unit: this file is read as {word_en} units "
                f"({n} rows matched), so it is left out",
                f"{theirs.name_zh}（{theirs.adcode}）是{other_zh}单位：本文件按{word_zh}单位读取（{n} 行匹配），此行不计入",
            )  # fmt: skip
        out.append(mine)
    notes = [f"{left_out} {other_en} row(s) left out: a file holds the units of one level"] if left_out else []
    return level, out, notes

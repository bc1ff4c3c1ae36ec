"""The link preview's picture: a PNG of one map view (or of two years side by side) drawn with Pillow from
the map's outlines.

No data loading here: :mod:`web.preview` gathers the colours and words of a state
(:func:`state.display.picture_parts`) and the outlines (:mod:`geodata.outlines`) and calls
:func:`render`. 1200 × 630 px, the size chat apps and social sites show a link card at.
"""

from __future__ import annotations

import glob
import io
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
#: The map's box in the picture: ``(left, top, right, bottom)`` px.
MAP_BOX = (16, 78, 716, 590)
#: The two maps of a split picture (``mode=split``: the first year left, the year shown right), as tall as
#: :data:`MAP_BOX`; the legend takes the narrower column right of them.
SPLIT_BOXES = ((16, 78, 454, 590), (462, 78, 900, 590))
#: Pixels drawn round each map box and cut off (see :func:`_map_image`).
MAP_MARGIN = 8
MAP_BACKGROUND = "#eef3f8"  # as the browser's map (layouts/map.py map_component)
INSET_FILL, INSET_EDGE = "#f7fbff", "#555555"
UNIT_EDGE = "#ffffff"
SELECTED_EDGE = "#111111"
PROVINCE_LINE = "#555555"
MARITIME_LINE = "#4a6fa5"
TEXT, MUTED = "#1a1a1a", "#555555"
#: Where a CJK font may be (Debian's fonts-wqy-microhei first); searched at run time.
FONT_GLOBS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/**/wqy-microhei.ttc",
    "/usr/share/fonts/**/wqy-zenhei.ttc",
    "/usr/share/fonts/**/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/**/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Side:
    """The left map of a split picture: its unit colours (as :attr:`Picture.fills`) and its year stamp."""

    fills: dict[str, str]
    stamp: str


@dataclass(frozen=True)
class Picture:
    """What the picture shows: the view, the unit colours, the words and the legend.

    ``bounds`` is ``(x0, y0, x1, y1)`` in map units; ``fills`` maps adcodes to ``#rrggbb`` (units not
    in it are drawn ``nodata``); ``legend`` holds ``(colour, label, count)`` rows, the no-data row last.
    With ``left``, the picture is two maps of the same view side by side (:data:`SPLIT_BOXES`): ``left``
    on the left, ``fills`` and ``stamp`` on the right, each with the selection outlined, one legend.
    """

    bounds: tuple[float, float, float, float]
    fills: dict[str, str]
    nodata: str
    title: str
    legend_title: str
    legend: list[tuple[str, str, str]]
    source: str
    footer: str
    selected: tuple[str, ...] = ()
    inset_frame: tuple[float, float, float, float] | None = None
    stamp: str = ""
    notes: list[str] = field(default_factory=list)
    left: Side | None = None


def map_boxes(split: bool) -> tuple[tuple[int, int, int, int], ...]:
    """The boxes the maps are drawn in: :data:`MAP_BOX`, or the two :data:`SPLIT_BOXES` (left, right).

    >>> map_boxes(False) == (MAP_BOX,), len(map_boxes(True))
    (True, 2)
    """
    return SPLIT_BOXES if split else (MAP_BOX,)


@lru_cache(maxsize=1)
def font_path() -> str | None:
    """The first font of :data:`FONT_GLOBS` on this machine, ``None`` when there is none."""
    for pattern in FONT_GLOBS:
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    return None


@lru_cache(maxsize=16)
def font(size: int):
    """A font of ``size`` px: the CJK font when installed, else Pillow's own (Latin only)."""
    path = font_path()
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def map_transform(bounds, box=MAP_BOX):
    """``(scale, x offset, y offset)`` that fit ``bounds`` (map units, y up) centred into ``box`` (px).

    >>> map_transform((0, 0, 100, 50), (0, 0, 200, 200))
    (2.0, 0.0, 150.0)
    """
    x0, y0, x1, y1 = bounds
    left, top, right, bottom = box
    scale = min((right - left) / max(x1 - x0, 1e-9), (bottom - top) / max(y1 - y0, 1e-9))
    ox = left + ((right - left) - (x1 - x0) * scale) / 2 - x0 * scale
    oy = top + ((bottom - top) - (y1 - y0) * scale) / 2 + y1 * scale
    return float(scale), float(ox), float(oy)


def to_pixels(coords: np.ndarray, transform) -> np.ndarray:
    """Map units ``[x, y]`` → picture pixels ``[px, py]`` (y down).

    >>> to_pixels(np.array([[0.0, 0.0], [100.0, 50.0]]), (2.0, 0.0, 150.0)).tolist()
    [[0.0, 150.0], [200.0, 50.0]]
    """
    scale, ox, oy = transform
    return np.column_stack([coords[:, 0] * scale + ox, oy - coords[:, 1] * scale])


def _visible(rings, bounds) -> np.ndarray:
    """Which of the packed ``rings`` (:class:`geodata.outlines.Rings`) touch ``bounds``."""
    x0, y0, x1, y1 = bounds
    b = rings.boxes
    return ~((b[:, 2] < x0) | (b[:, 0] > x1) | (b[:, 3] < y0) | (b[:, 1] > y1))


def _pixel_parts(rings, bounds, transform, minimum: int):
    """``(owner, flat pixel list)`` of each ring of ``rings`` in view with at least ``minimum`` points."""
    px = to_pixels(rings.coords, transform)
    starts = rings.starts
    for i in np.flatnonzero(_visible(rings, bounds)):
        a, b = starts[i], starts[i + 1]
        if b - a >= minimum:
            yield rings.owners[i], px[a:b].ravel().tolist()


def _wrap(draw, text: str, fnt, width: int) -> list[str]:
    """``text`` cut into lines no wider than ``width`` px: by words, or by characters when it holds
    Chinese (which has no spaces between words) or a word wider than a line."""
    cjk = any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
    tokens = list(text) if cjk else [w + " " for w in text.split(" ")]
    lines, line = [], ""
    for tok in tokens:
        trial = line + tok
        if draw.textlength(trial.rstrip(), font=fnt) <= width or not line.strip():
            line = trial
        else:
            lines.append(line.rstrip())
            line = tok.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _map_image(picture: Picture, outlines, box, fills: dict[str, str], stamp: str) -> Image.Image:
    """One map of ``picture`` as an image of ``box``'s size (pasted at its top left, nothing spills out).

    Drawn with a margin cut off at the end: units crossing the box's edge are drawn as on a larger canvas.
    """
    left, top, right, bottom = box
    m = MAP_MARGIN
    img = Image.new("RGB", (right - left + 1 + 2 * m, bottom - top + 1 + 2 * m), MAP_BACKGROUND)
    draw = ImageDraw.Draw(img)
    tf = map_transform(picture.bounds, (m, m, right - left + m, bottom - top + m))
    view = picture.bounds

    def polygons(rings):
        for code, xy in _pixel_parts(rings, view, tf, 3):
            draw.polygon(xy, fill=fills.get(code, picture.nodata), outline=UNIT_EDGE)

    def lines(rings, colour, width, kinds):
        for kind, xy in _pixel_parts(rings, view, tf, 2):
            if kind in kinds:
                draw.line(xy, fill=colour, width=width)

    polygons(outlines.units)
    lines(outlines.provinces, PROVINCE_LINE, 1, ("main",))
    lines(outlines.maritime, MARITIME_LINE, 2, ("main",))
    if picture.inset_frame:
        fx0, fy0, fx1, fy1 = picture.inset_frame
        corners = to_pixels(np.array([[fx0, fy1], [fx1, fy0]]), tf)
        draw.rectangle(corners.ravel().tolist(), fill=INSET_FILL, outline=INSET_EDGE)
        polygons(outlines.inset)
        lines(outlines.provinces, PROVINCE_LINE, 1, ("inset",))
        lines(outlines.maritime, MARITIME_LINE, 2, ("inset",))
    selected = set(picture.selected)
    if selected:
        for code, xy in _pixel_parts(outlines.units, view, tf, 3):
            if code in selected:
                draw.line(xy + xy[:2], fill=SELECTED_EDGE, width=3, joint="curve")
    if stamp:
        draw.text((14 + m, 8 + m), stamp, font=font(44), fill=TEXT, stroke_width=3, stroke_fill="white")
    return img.crop((m, m, img.width - m, img.height - m))


def _legend(draw, picture: Picture, x: int, top: int, bottom: int) -> None:
    """The legend in the column from ``x`` to the picture's right margin: title, rows, notes."""
    column = WIDTH - x - 16
    y = top + 4
    for line in _wrap(draw, picture.legend_title, font(19), column)[:3]:
        draw.text((x, y), line, font=font(19), fill=TEXT)
        y += 25
    y += 8
    row = min(40, max(26, (bottom - 60 - y) // max(len(picture.legend), 1)))
    # one size for every label, smaller when one would run into its count ("129 | 4" of a split picture)
    fits = all(
        draw.textlength(label, font=font(19)) + draw.textlength(count, font=font(17)) + 10 <= column - 46
        for _c, label, count in picture.legend
    )
    size = 19 if fits else 16
    for colour, label, count in picture.legend:
        draw.rectangle((x, y + 2, x + 34, y + row - 8), fill=colour, outline="#999999")
        draw.text((x + 46, y + 2 + (19 - size) // 2), label, font=font(size), fill=TEXT)
        draw.text((WIDTH - 16, y + 2), count, font=font(17), fill=MUTED, anchor="ra")
        y += row
    y += 6
    for note in picture.notes:
        for line in _wrap(draw, note, font(16), column):
            if y + 21 > bottom:
                break
            draw.text((x, y), line, font=font(16), fill=MUTED)
            y += 21


def render(picture: Picture, outlines) -> bytes:
    """The PNG of ``picture`` drawn from ``outlines`` (:class:`geodata.outlines.Outlines`)."""
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    boxes = map_boxes(picture.left is not None)
    sides = ((picture.left.fills, picture.left.stamp),) if picture.left else ()
    for box, (fills, stamp) in zip(boxes, (*sides, (picture.fills, picture.stamp)), strict=True):
        img.paste(_map_image(picture, outlines, box, fills, stamp), box[:2])
        draw.rectangle(box, outline="#c9d3de")
    top, right, bottom = boxes[0][1], boxes[-1][2], boxes[0][3]

    # title across the top, legend on the right, source and footer at the bottom
    y = 14
    for line in _wrap(draw, picture.title, font(28), WIDTH - 32)[:2]:
        draw.text((16, y), line, font=font(28), fill=TEXT)
        y += 34
    _legend(draw, picture, right + 24, top, bottom)
    # the source in full (two lines at most; an attribution is never cut silently: "…" marks a cut)
    source = _wrap(draw, picture.source, font(14), WIDTH - 32 - 130)
    if len(source) > 2:
        source = [source[0], source[1] + " …"]
    for i, line in enumerate(source):
        draw.text((16, bottom + 5 + 17 * i), line, font=font(14), fill=MUTED)
    draw.text((WIDTH - 16, bottom + 5), picture.footer, font=font(15), fill=MUTED, anchor="ra")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()

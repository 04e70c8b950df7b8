"""The network map (netwerkkaart): the person in the centre, the members in three circles.

A pure function of the ordered members, so the page, the SVG, PNG and PDF downloads and
the tests all draw the same picture. Each circle is a band around the centre; a member sits
inside the band of their circle, evenly spread by angle. Relation shows three ways: colour,
shape and a short word under the name, so the map reads without colour too.

Label sizes are estimated from the number of characters (DejaVu Sans is about 0.6 em per
character); each label takes the first free spot around its member, out of a fixed list,
so the layout is the same every time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from steunsysteem.core.printable import printable_text

from .constants import Circle, Relation

WIDTH = 1360
HEIGHT = 880
CENTRE_X = 540
CENTRE_Y = 440
PERSON_RADIUS = 64
# The outer edge of each circle's band; a band starts where the one inside it ends.
BAND_EDGES = {Circle.INNER: 165, Circle.MIDDLE: 275, Circle.OUTER: 385}
NODE_RADIUS = 14
MIN_NODE_SPACING = 46
LEGEND_X = 1060
NAME_FONT = 16
RELATION_FONT = 14
LABEL_HEIGHT = 38
MAX_NAME_CHARACTERS = 18

# A short word per relation (shown under the name) and a shape; the colours are CSS classes
# ``steunsysteem-network-map__member--<relation>`` in site.css.
SHORT_RELATION = {
    Relation.FAMILY: _("family"),
    Relation.PARTNER: _("partner"),
    Relation.FRIEND: _("friend"),
    Relation.NEIGHBOUR: _("neighbour"),
    Relation.PEER: _("peer"),
    Relation.VOLUNTEER: _("volunteer"),
    Relation.PROFESSIONAL: _("professional"),
    Relation.OTHER: _("other"),
}
SHAPES = {
    Relation.FAMILY: "circle",
    Relation.PARTNER: "diamond",
    Relation.FRIEND: "square",
    Relation.NEIGHBOUR: "hexagon",
    Relation.PEER: "triangle",
    Relation.VOLUNTEER: "triangle_down",
    Relation.PROFESSIONAL: "pentagon",
    Relation.OTHER: "cross",
}
# Where a label may go, tried in this order: turned away from the outward direction by
# these degrees, at these extra distances.
LABEL_TURNS = (0, 35, -35, 70, -70, 110, -110, 180)
LABEL_STEPS = (0, 18, 36, 54, 76, 100, 126, 154, 184, 216)
# A label further than this from its member gets a thin line to it.
LEADER_FROM = NODE_RADIUS + 30


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlap(self, other: Box) -> float:
        dx = min(self.x + self.width, other.x + other.width) - max(self.x, other.x)
        dy = min(self.y + self.height, other.y + other.height) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def inside(self, width: float, height: float) -> bool:
        return (
            self.x >= 0 and self.y >= 0 and self.x + self.width <= width
            and self.y + self.height <= height
        )  # fmt: skip


@dataclass(frozen=True)
class Label:
    name: str
    relation: str
    box: Box
    anchor: str  # SVG text-anchor: start, middle or end
    text_x: float
    leader: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2

    @property
    def name_y(self) -> float:
        return round(self.box.y + NAME_FONT, 1)

    @property
    def relation_y(self) -> float:
        return round(self.box.y + LABEL_HEIGHT - 4, 1)


@dataclass(frozen=True)
class MapMember:
    member: object
    relation: str
    relation_label: str
    circle: str
    x: float
    y: float
    shape: str  # an SVG path
    is_central_contact: bool
    star: str  # an SVG path, empty unless the central contact person
    label: Label


@dataclass(frozen=True)
class Ring:
    circle: str
    label: str
    radius: float


@dataclass(frozen=True)
class LegendEntry:
    key: str  # a relation, or "central"
    label: str
    shape: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class NetworkMap:
    width: int
    height: int
    centre_x: int
    centre_y: int
    person_radius: int
    person_lines: list[str]
    rings: list[Ring]
    members: list[MapMember]
    legend: list[LegendEntry]
    legend_x: int
    circles_legend: list[tuple[str, float]]  # (text, y)


def _polygon(x: float, y: float, radius: float, corners: int, turn: float = -90) -> str:
    points = []
    for i in range(corners):
        angle = math.radians(turn + 360 * i / corners)
        points.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return "M" + " L".join(points) + " Z"


def shape_path(shape: str, x: float, y: float, radius: float = NODE_RADIUS) -> str:
    """An SVG path for a member's shape, centred on (x, y), of about equal visual weight."""
    if shape == "circle":
        return (
            f"M{x - radius:.1f},{y:.1f} a{radius},{radius} 0 1,0 {2 * radius},0 "
            f"a{radius},{radius} 0 1,0 {-2 * radius},0 Z"
        )
    if shape == "square":
        return _polygon(x, y, radius * 1.2, 4, turn=-45)
    if shape == "diamond":
        return _polygon(x, y, radius * 1.25, 4)
    if shape == "hexagon":
        return _polygon(x, y, radius * 1.1, 6, turn=0)
    if shape == "triangle":
        return _polygon(x, y + radius * 0.2, radius * 1.35, 3)
    if shape == "triangle_down":
        return _polygon(x, y - radius * 0.2, radius * 1.35, 3, turn=90)
    if shape == "pentagon":
        return _polygon(x, y, radius * 1.15, 5)
    if shape == "cross":
        arm, half = radius, radius * 0.42
        corners = [
            (-half, -arm), (half, -arm), (half, -half), (arm, -half), (arm, half), (half, half),
            (half, arm), (-half, arm), (-half, half), (-arm, half), (-arm, -half), (-half, -half),
        ]  # fmt: skip
        return "M" + " L".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners) + " Z"
    raise ValueError(f"Unknown shape: {shape!r}")


def star_path(x: float, y: float, radius: float = 9) -> str:
    points = []
    for i in range(10):
        angle = math.radians(-90 + 36 * i)
        r = radius if i % 2 == 0 else radius * 0.45
        points.append(f"{x + r * math.cos(angle):.1f},{y + r * math.sin(angle):.1f}")
    return "M" + " L".join(points) + " Z"


def short_name(name: str, limit: int = MAX_NAME_CHARACTERS) -> str:
    name = " ".join(printable_text(name, one_line=True).split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * 0.6 + 2


def _person_lines(name: str) -> list[str]:
    """The participant's name in the centre: one line, or two when it is long."""
    name = " ".join(printable_text(name, one_line=True).split())
    if len(name) <= 12 or " " not in name:
        return [short_name(name, 12)]
    first, _space, rest = name.partition(" ")
    return [short_name(first, 12), short_name(rest, 12)]


def _band(circle: str) -> tuple[float, float]:
    order = list(BAND_EDGES)
    index = order.index(circle)
    inner = PERSON_RADIUS if index == 0 else BAND_EDGES[order[index - 1]]
    return inner, BAND_EDGES[circle]


def _positions(count: int, circle: str, ring_index: int) -> list[tuple[float, float, float]]:
    """(x, y, angle) for ``count`` members spread evenly in the band of ``circle``.

    Each ring starts at its own angle so the rings' members do not line up; when a ring is
    too full for one radius, members alternate between two radii inside the band.
    """
    if count == 0:
        return []
    inner, outer = _band(circle)
    middle = (inner + outer) / 2
    step = 360 / count
    start = -90 + step * (0, 0.5, 0.25)[ring_index]
    staggered = count * MIN_NODE_SPACING > 2 * math.pi * middle
    result = []
    for i in range(count):
        radius = middle
        if staggered and not (count % 2 and i == count - 1):
            # (With an odd count the last one, next to the first, stays in the middle.)
            radius += (outer - inner) / 4 * (1 if i % 2 else -1)
        angle = math.radians(start + step * i)
        x = CENTRE_X + radius * math.cos(angle)
        y = CENTRE_Y + radius * math.sin(angle)
        result.append((round(x, 1), round(y, 1), angle))
    return result


def _label_box(x: float, y: float, direction: float, distance: float, width: float) -> Box:
    dx, dy = math.cos(direction), math.sin(direction)
    ax, ay = x + dx * distance, y + dy * distance
    left = ax if dx > 0.35 else ax - width if dx < -0.35 else ax - width / 2
    top = ay if dy > 0.35 else ay - LABEL_HEIGHT if dy < -0.35 else ay - LABEL_HEIGHT / 2
    return Box(round(left, 1), round(top, 1), round(width, 1), LABEL_HEIGHT)


def _place_label(x, y, angle, width, obstacles: list[Box]) -> Box:
    """The first candidate spot that overlaps nothing, else the one that overlaps least."""
    best, best_overlap = None, math.inf
    for step in LABEL_STEPS:
        for turn in LABEL_TURNS:
            box = _label_box(x, y, angle + math.radians(turn), NODE_RADIUS + 6 + step, width)
            if not box.inside(LEGEND_X - 16, HEIGHT):
                continue
            overlap = sum(box.overlap(other) for other in obstacles)
            if overlap == 0:
                return box
            if overlap < best_overlap:
                best, best_overlap = box, overlap
    return best or _label_box(x, y, angle, NODE_RADIUS + 6, width)


def _leader(box: Box, x: float, y: float) -> tuple[float, float, float, float] | None:
    """A line from the member's shape to the nearest point of a label placed far off."""
    nearest_x = min(max(x, box.x), box.x + box.width)
    nearest_y = min(max(y, box.y), box.y + box.height)
    length = math.hypot(nearest_x - x, nearest_y - y)
    if length < LEADER_FROM:
        return None
    start = (NODE_RADIUS + 3) / length
    return (
        round(x + (nearest_x - x) * start, 1),
        round(y + (nearest_y - y) * start, 1),
        round(nearest_x, 1),
        round(nearest_y, 1),
    )


def _anchor(box: Box, x: float) -> tuple[str, float]:
    if box.x >= x:
        return "start", box.x
    if box.x + box.width <= x:
        return "end", round(box.x + box.width, 1)
    return "middle", round(box.x + box.width / 2, 1)


def network_map(members: Sequence, *, person_name: str) -> NetworkMap:
    """Lay out ``members`` (in map order: ``NetworkMember.objects.in_map_order()``, or
    snapshot members) around ``person_name``. Members need ``name``, ``relation``,
    ``circle`` and ``is_central_contact``."""
    members = list(members)
    by_circle = {circle: [m for m in members if m.circle == circle] for circle in BAND_EDGES}
    placed: list[tuple[object, float, float, float]] = []
    for ring_index, (circle, in_circle) in enumerate(by_circle.items()):
        for member, (x, y, angle) in zip(
            in_circle, _positions(len(in_circle), circle, ring_index), strict=True
        ):
            placed.append((member, x, y, angle))

    person = Box(
        CENTRE_X - PERSON_RADIUS, CENTRE_Y - PERSON_RADIUS, 2 * PERSON_RADIUS, 2 * PERSON_RADIUS
    )
    reach = NODE_RADIUS + 4
    obstacles = [person] + [
        Box(x - reach, y - reach, 2 * reach, 2 * reach) for _, x, y, _ in placed
    ]
    map_members = []
    for member, x, y, angle in placed:
        relation = member.relation if member.relation in SHAPES else Relation.OTHER
        name = short_name(member.name)
        relation_label = str(SHORT_RELATION[relation])
        if member.is_central_contact:
            relation_label = f"{relation_label} ★"
        width = max(_text_width(name, NAME_FONT), _text_width(relation_label, RELATION_FONT))
        box = _place_label(x, y, angle, width, obstacles)
        obstacles.append(box)
        anchor, text_x = _anchor(box, x)
        map_members.append(
            MapMember(
                member=member,
                relation=relation,
                relation_label=relation_label,
                circle=member.circle,
                x=x,
                y=y,
                shape=shape_path(SHAPES[relation], x, y),
                is_central_contact=bool(member.is_central_contact),
                star=star_path(x + NODE_RADIUS, y - NODE_RADIUS)
                if member.is_central_contact
                else "",
                label=Label(name, relation_label, box, anchor, text_x, _leader(box, x, y)),
            )
        )

    return NetworkMap(
        width=WIDTH,
        height=HEIGHT,
        centre_x=CENTRE_X,
        centre_y=CENTRE_Y,
        person_radius=PERSON_RADIUS,
        person_lines=_person_lines(person_name),
        rings=[
            Ring(circle, str(label), BAND_EDGES[circle])
            for circle, label in Circle.choices
            if circle in BAND_EDGES
        ],
        members=map_members,
        legend_x=LEGEND_X,
        **_legend(map_members),
    )


def _legend(map_members: list[MapMember]) -> dict:
    """The relations on the map (in the order of ``Relation``), the star, and the circles."""
    present = {m.relation for m in map_members}
    entries = []
    y = 110.0
    for relation, label in Relation.choices:
        if relation not in present:
            continue
        entries.append(
            LegendEntry(
                relation,
                str(label),
                shape_path(SHAPES[relation], LEGEND_X + 16, y),
                LEGEND_X + 44,
                y + 5,
            )
        )
        y += 42
    if any(m.is_central_contact for m in map_members):
        entries.append(
            LegendEntry(
                "central",
                str(_("Central contact person")),
                star_path(LEGEND_X + 16, y, 11),
                LEGEND_X + 44,
                y + 5,
            )
        )
        y += 42
    y += 36
    circles = [(str(_("From the centre outwards:")), y)]
    for _circle, label in Circle.choices:
        y += 28
        circles.append((str(label), y))
    return {"legend": entries, "circles_legend": circles}

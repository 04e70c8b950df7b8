"""The network map's drawing: everyone in their own circle, names readable, the same
picture every time. No database: the layout is a pure function of the members."""

import math
from itertools import combinations
from types import SimpleNamespace

import pytest

from steunsysteem.networks import map_layout
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.map_layout import BAND_EDGES, PERSON_RADIUS, network_map

RELATIONS = list(Relation.values)
CIRCLES = [Circle.INNER, Circle.MIDDLE, Circle.OUTER]


def member(name, relation=Relation.FRIEND, circle=Circle.MIDDLE, central=False):
    return SimpleNamespace(name=name, relation=relation, circle=circle, is_central_contact=central)


def network(count, circles=CIRCLES):
    return [
        member(
            f"Persoon nummer {i}",
            RELATIONS[i % len(RELATIONS)],
            circles[i % len(circles)],
            central=i == 0,
        )
        for i in range(count)
    ]


def distance_from_centre(item):
    return math.hypot(item.x - map_layout.CENTRE_X, item.y - map_layout.CENTRE_Y)


def band(circle):
    edges = [PERSON_RADIUS, *BAND_EDGES.values()]
    index = CIRCLES.index(circle)
    return edges[index], edges[index + 1]


def test_an_empty_network_shows_only_the_person_in_the_centre():
    drawn = network_map([], person_name="Nuray")

    assert drawn.members == []
    assert drawn.person_lines == ["Nuray"]
    assert [ring.circle for ring in drawn.rings] == CIRCLES
    assert drawn.legend == []


@pytest.mark.parametrize("count", [1, 3, 12, 25, 30])
@pytest.mark.parametrize("circles", [CIRCLES, [Circle.INNER], [Circle.OUTER]])
def test_every_member_sits_inside_the_band_of_their_own_circle(count, circles):
    drawn = network_map(network(count, circles), person_name="Nuray")

    assert len(drawn.members) == count
    for item in drawn.members:
        inner, outer = band(item.circle)
        radius = distance_from_centre(item)
        shape = map_layout.NODE_RADIUS
        assert inner + shape <= radius <= outer - shape, (item.member.name, radius)


@pytest.mark.parametrize("count", [7, 25, 30])
@pytest.mark.parametrize("circle", CIRCLES)
def test_no_two_member_shapes_touch_even_in_a_full_circle(count, circle):
    drawn = network_map(network(count, [circle]), person_name="Nuray")

    closest = min(math.hypot(a.x - b.x, a.y - b.y) for a, b in combinations(drawn.members, 2))
    assert closest > 2 * map_layout.NODE_RADIUS


def test_members_of_one_circle_are_spread_evenly_around_the_person():
    drawn = network_map(network(4, [Circle.MIDDLE]), person_name="Nuray")

    angles = sorted(
        math.degrees(math.atan2(m.y - map_layout.CENTRE_Y, m.x - map_layout.CENTRE_X)) % 360
        for m in drawn.members
    )
    gaps = [b - a for a, b in zip(angles, angles[1:] + [angles[0] + 360], strict=True)]
    assert gaps == pytest.approx([90, 90, 90, 90], abs=0.5)


@pytest.mark.parametrize("count", [5, 10, 15, 20, 25])
@pytest.mark.parametrize("circles", [CIRCLES, [Circle.INNER], [Circle.MIDDLE], [Circle.OUTER]])
def test_no_two_labels_overlap_up_to_25_members(count, circles):
    drawn = network_map(network(count, circles), person_name="Nuray")

    boxes = [m.label.box for m in drawn.members]
    overlapping = [
        (a.member.name, b.member.name)
        for a, b in combinations(drawn.members, 2)
        if a.label.box.overlap(b.label.box) > 0
    ]
    assert overlapping == []
    assert len({(box.x, box.y) for box in boxes}) == count
    for box in boxes:
        assert box.inside(map_layout.LEGEND_X, map_layout.HEIGHT), box


def test_labels_do_not_cover_the_shapes_of_other_members():
    drawn = network_map(network(25), person_name="Nuray")

    reach = map_layout.NODE_RADIUS
    for labelled in drawn.members:
        for other in drawn.members:
            shape = map_layout.Box(other.x - reach, other.y - reach, 2 * reach, 2 * reach)
            assert labelled.label.box.overlap(shape) == 0, (labelled.member.name, other.member.name)


def test_thirty_members_still_get_a_place_and_a_label():
    drawn = network_map(network(30, [Circle.INNER]), person_name="Nuray")

    assert len(drawn.members) == 30
    assert len({(m.x, m.y) for m in drawn.members}) == 30
    assert len({(m.label.box.x, m.label.box.y) for m in drawn.members}) == 30


def test_the_same_members_give_the_same_map():
    members = network(17)

    assert network_map(members, person_name="Nuray") == network_map(members, person_name="Nuray")


def test_the_central_contact_person_has_a_star_and_it_is_in_the_legend():
    members = [member("Henk (broer)", Relation.FAMILY, central=True), member("Els")]
    drawn = network_map(members, person_name="Nuray")

    henk, els = drawn.members
    assert henk.is_central_contact and henk.star and "★" in henk.label.relation
    assert not els.is_central_contact and els.star == ""
    assert [entry.key for entry in drawn.legend] == [Relation.FAMILY, Relation.FRIEND, "central"]


def test_relation_shows_by_shape_and_word_too_not_only_by_colour():
    members = [member(f"Iemand {r}", r) for r in RELATIONS]
    drawn = network_map(members, person_name="Nuray")

    shapes = {m.relation: map_layout.SHAPES[m.relation] for m in drawn.members}
    words = {m.relation: m.label.relation for m in drawn.members}
    assert len(set(shapes.values())) == len(RELATIONS)
    assert len(set(words.values())) == len(RELATIONS)


def test_long_names_are_shortened_on_the_map():
    drawn = network_map(
        [member("Marieke van den Berg-Oosterhuis")], person_name="Nuray Yılmaz-Demir"
    )

    assert drawn.members[0].label.name == "Marieke van den B…"
    assert drawn.person_lines == ["Nuray", "Yılmaz-Demir"]

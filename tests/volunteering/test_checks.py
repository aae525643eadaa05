"""Volunteering's records and commands refuse bad values in the words of the one set of checks."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core.errors import InvalidValue
from wulian_core.model import ServiceArea
from wulian_core.volunteering import CommunityActivity, Organiser, OrganiserKind

from .conftest import HOME, T0, WORKER


def _open(**changes: object) -> CommunityActivity:
    arguments: dict[str, object] = {
        "id": "act-1",
        "organiser": Organiser.of_community(HOME),
        "title": "共享奶奶",
        "community": HOME,
        "place": "社区活动中心",
        "area": ServiceArea.CHILD_WELFARE,
        "starts": T0 + dt.timedelta(days=1),
        "ends": T0 + dt.timedelta(days=1, hours=2),
        "capacity": 2,
        "by": WORKER,
        "at": T0,
    }
    arguments.update(changes)
    return CommunityActivity.open(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": 0}, "ActivityOpened.capacity: must be a whole number from 1 to 100000"),
        ({"capacity": True}, "ActivityOpened.capacity: must be a whole number from 1 to 100000"),
        ({"title": " "}, "ActivityOpened.title: must not be blank"),
        ({"place": "x" * 201}, "ActivityOpened.place: must be at most 200 characters"),
        ({"joint": 1}, "ActivityOpened.joint: must be a bool"),
        ({"skills": {"", "陪伴"}}, "ActivityOpened.skills: must hold non-blank strings"),
        ({"starts": dt.datetime(2024, 3, 2, 9)}, "ActivityOpened.starts: must be timezone-aware"),
        ({"at": dt.datetime(2024, 3, 1, 9)}, "CommunityActivity.open.at: must be a timezone-aware"),
        ({"id": " "}, "CommunityActivity.open.id: must be a non-blank string of at most 64"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field_in_the_house_words(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidValue, match=message.replace("(", r"\(")):
        _open(**changes)


def test_a_region_code_is_an_id_and_a_command_reason_must_not_be_blank() -> None:
    team = Organiser(kind=OrganiserKind.COMMUNITY, id=HOME, region=HOME)  # a str subclass
    act = _open(organiser=team)

    with pytest.raises(InvalidValue, match="CommunityActivity.cancel.reason: must be a non-blank"):
        act.cancel(reason=" ", by=WORKER, at=T0)
    assert act.version == 1

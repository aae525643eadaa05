"""pydantic v2 and msgspec models of two wulian-core records, for bench/bench_codec.py.

Two records: an organization (``SocialOrganization``: ids, names, a region code, two enums,
a date and an optional one, no end before the start) and a stored event
(``ServiceRecorded``: the ``kind`` tag, an aware instant, ids, an optional id, a date and an
optional one, four bounded counts).

Each comes twice per library:

- **plain**: the schema only (types, enums, unknown keys refused), as the benchmark had it
  before; these accept what the library refuses (``"x150603001001"`` as a region code, a
  blank name, a naive instant, a negative count);
- **checked**: the library's checks too, each in the peer's own idiom (constraints in
  compiled code where the peer has them, a Python validator where it has not): ids of at
  most 64 and names of at most 200 characters, not blank; a region code of 2, 4, 6, 9 or
  12 ASCII digits, a 12-digit code padded with zeros read as the shorter code, no
  all-zero segment; enums by their wire value; a date that is not a datetime; an instant
  with its UTC offset; counts from 0 to 10**12 that are integers, not booleans or floats;
  no end date before the start.

``tests/unit/test_codec_peers.py`` checks that the checked peers refuse every document of
a shared set that wulian-core refuses, so that the comparison stays fair.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

import msgspec
import pydantic
from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints

MAX_COUNT = 10**12


class Category(enum.Enum):
    LIFE_SERVICE = "life_service"
    PUBLIC_WELFARE = "public_welfare"
    MUTUAL_AID = "mutual_aid"
    CULTURE_SPORTS = "culture_sports"
    OTHER = "other"


class Registration(enum.Enum):
    REGISTERED = "registered"
    FILED = "filed"


# -- region codes, the one check neither library has built in -----------------------------

_CODE = r"^[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?)?)?$"
_SEGMENTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
_PADDING = ((9, "000"), (6, "000"), (4, "00"), (2, "00"))  # each on what is left
# Codes repeat (every organization names its community): each is normalized once, as
# wulian-core interns its RegionCode values.
_SEEN: dict[str, str] = {}


def region_code(value: str) -> str:
    """The significant digits of a division code whose pattern is already checked."""
    known = _SEEN.get(value)
    if known is not None:
        return known
    code = value
    if len(code) == 12:
        for keep, zeros in _PADDING:
            if code[keep:] == zeros:
                code = code[:keep]
            else:
                break
    for start, end in _SEGMENTS:
        if end > len(code):
            break
        if code[start:end].count("0") == end - start:
            raise ValueError(f"digits {start + 1}-{end} must not be all 0")
    if len(_SEEN) < 1_000_000:
        _SEEN[value] = code
    return code


# -- pydantic -------------------------------------------------------------------------------

PId = Annotated[str, StringConstraints(strict=True, max_length=64, pattern=r"\S")]
PName = Annotated[str, StringConstraints(strict=True, max_length=200, pattern=r"\S")]
PCode = Annotated[str, StringConstraints(strict=True, pattern=_CODE), AfterValidator(region_code)]
PCount = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
_STRICT = pydantic.ConfigDict(extra="forbid", frozen=True, strict=True)


class PlainPydanticOrg(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=False)
    id: str
    name: str
    community: str
    category: Category
    registration: Registration
    established: dt.date
    dissolved: dt.date | None = None


class PydanticOrg(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    name: PName
    community: PCode
    category: Category
    registration: Registration
    established: dt.date
    dissolved: dt.date | None = None

    @pydantic.model_validator(mode="after")
    def _period(self) -> PydanticOrg:
        if self.dissolved is not None and self.dissolved < self.established:
            raise ValueError("dissolved must not be before established")
        return self


class PlainPydanticService(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=False)
    kind: Literal["points.service_recorded"] = "points.service_recorded"
    holder: str
    at: dt.datetime
    by: str
    key: str
    activity: str
    on: dt.date
    organiser: str | None
    minutes: int
    credited_minutes: int
    points: int
    settled: int
    expires_on: dt.date | None


class PydanticService(pydantic.BaseModel):
    model_config = _STRICT
    kind: Literal["points.service_recorded"] = "points.service_recorded"
    holder: PId
    at: AwareDatetime
    by: PId
    key: PId
    activity: PId
    on: dt.date
    organiser: PId | None
    minutes: PCount
    credited_minutes: PCount
    points: PCount
    settled: PCount
    expires_on: dt.date | None


# -- msgspec --------------------------------------------------------------------------------

MId = Annotated[str, msgspec.Meta(max_length=64, pattern=r"\S")]
MName = Annotated[str, msgspec.Meta(max_length=200, pattern=r"\S")]
MCode = Annotated[str, msgspec.Meta(pattern=_CODE)]
MCount = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
MAware = Annotated[dt.datetime, msgspec.Meta(tz=True)]


class PlainMsgspecOrg(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    community: str
    category: Category
    registration: Registration
    established: dt.date
    dissolved: dt.date | None = None


class MsgspecOrg(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: MId
    name: MName
    community: MCode
    category: Category
    registration: Registration
    established: dt.date
    dissolved: dt.date | None = None

    def __post_init__(self) -> None:
        code = region_code(self.community)
        if len(code) != len(self.community):
            msgspec.structs.force_setattr(self, "community", code)
        if self.dissolved is not None and self.dissolved < self.established:
            raise ValueError("dissolved must not be before established")


_TAGGED = {"tag_field": "kind", "tag": "points.service_recorded"}


class PlainMsgspecService(msgspec.Struct, frozen=True, forbid_unknown_fields=True, **_TAGGED):  # type: ignore[call-arg]
    holder: str
    at: dt.datetime
    by: str
    key: str
    activity: str
    on: dt.date
    organiser: str | None
    minutes: int
    credited_minutes: int
    points: int
    settled: int
    expires_on: dt.date | None


class MsgspecService(msgspec.Struct, frozen=True, forbid_unknown_fields=True, **_TAGGED):  # type: ignore[call-arg]
    holder: MId
    at: MAware
    by: MId
    key: MId
    activity: MId
    on: dt.date
    organiser: MId | None
    minutes: MCount
    credited_minutes: MCount
    points: MCount
    settled: MCount
    expires_on: dt.date | None

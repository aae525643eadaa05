"""The benchmark's checked peers (bench/codec_peers.py) refuse what wulian-core refuses.

bench/bench_codec.py compares the codec with pydantic v2 and msgspec models "with the same
checks"; this is what keeps that claim true. Each bad document below is an organization or
a stored event with one field made bad; wulian-core refuses every one, and so must each
checked peer. The good documents decode to the same values everywhere, and the plain peers
(the schema only, as the benchmark had them before) are shown to accept what we refuse.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import msgspec
import pydantic
import pytest

from wulian_core import DecodeError, from_json, to_dict
from wulian_core.model import SocialOrganization
from wulian_core.points import ServiceRecorded

_PATH = Path(__file__).parents[2] / "bench" / "codec_peers.py"
_SPEC = importlib.util.spec_from_file_location("codec_peers", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
peers: Any = importlib.util.module_from_spec(_SPEC)
sys.modules["codec_peers"] = peers  # its models' annotations resolve in their module
_SPEC.loader.exec_module(peers)

ORG = {
    "id": "o-1",
    "name": "悦和互助会",
    "community": "150603001001",
    "category": "mutual_aid",
    "registration": "filed",
    "established": "2023-06-01",
    "dissolved": None,
}
SERVICE = {
    "kind": "points.service_recorded",
    "holder": "p-1000",
    "at": "2024-08-01T17:28:00+08:00",
    "by": "p-132",
    "key": "svc-p-1000-2024-08-01",
    "activity": "act-150603002002-2024-08-01",
    "on": "2024-08-01",
    "organiser": None,
    "minutes": 180,
    "credited_minutes": 120,
    "points": 2,
    "settled": 0,
    "expires_on": None,
}

BAD_ORGS = [
    ("id", ""),
    ("id", "   "),
    ("id", "\u3000"),
    ("id", "x" * 65),
    ("id", 42),
    ("name", "x" * 201),
    ("name", " "),
    ("name", None),
    ("community", "x150603001001"),
    ("community", "1506030010"),
    ("community", "15060300100a"),
    ("community", "150603001"[:8]),
    ("community", "150003001001"),
    ("community", "000603001001"),
    ("community", "150603000001"),
    ("community", "１５０６０３"),  # full-width digits
    ("community", 150603001001),
    ("category", "sports"),
    ("category", "MUTUAL_AID"),
    ("category", None),
    ("registration", "legal"),
    ("established", "2023-6-1"),
    ("established", "2023-02-30"),
    ("established", "2023-06-01T00:00:00"),
    ("established", 20230601),
    ("established", None),
    ("dissolved", "2023-05-31"),  # before established
    ("dissolved", "2024-06-01T09:00:00+08:00"),
    ("size", 3),  # an unknown field
]
BAD_SERVICES = [
    ("kind", "points.redeemed"),
    ("holder", ""),
    ("holder", "x" * 65),
    ("by", " "),
    ("at", "2024-08-01T17:28:00"),  # naive
    ("at", "2024-08-01"),
    ("at", 1722504480),
    ("at", None),
    ("on", "2024-08-01T00:00:00"),
    ("on", "2024-13-01"),
    ("organiser", ""),
    ("organiser", "x" * 65),
    ("minutes", -1),
    ("minutes", 10**12 + 1),
    ("minutes", 1.5),
    ("minutes", "180"),
    ("points", True),
    ("points", None),
    ("settled", 2**64),
    ("expires_on", "soon"),
    ("extra", 1),
]
CASES = [(SocialOrganization, "org", ORG, f, v) for f, v in BAD_ORGS] + [
    (ServiceRecorded, "service", SERVICE, f, v) for f, v in BAD_SERVICES
]
REFUSALS = (pydantic.ValidationError, msgspec.ValidationError, msgspec.DecodeError, ValueError)


def _checked(record: str) -> list[Any]:
    if record == "org":
        return [
            peers.PydanticOrg.model_validate_json,
            msgspec.json.Decoder(peers.MsgspecOrg).decode,
        ]
    return [
        peers.PydanticService.model_validate_json,
        msgspec.json.Decoder(peers.MsgspecService).decode,
    ]


@pytest.mark.parametrize(
    ("cls", "record", "good", "field", "value"),
    CASES,
    ids=[f"{record}-{field}={value!r}"[:60] for _, record, _, field, value in CASES],
)
def test_the_checked_peers_refuse_what_we_refuse(
    cls: type, record: str, good: dict[str, Any], field: str, value: Any
) -> None:
    text = json.dumps({**good, field: value}, ensure_ascii=False)
    with pytest.raises(DecodeError):
        from_json(cls, text)
    for decode in _checked(record):
        with pytest.raises(REFUSALS):
            decode(text)


def _written(value: Any) -> dict[str, Any]:
    if isinstance(value, pydantic.BaseModel):
        return json.loads(value.model_dump_json())  # type: ignore[no-any-return]
    return json.loads(msgspec.json.encode(value))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("cls", "record", "good"),
    [(SocialOrganization, "org", ORG), (ServiceRecorded, "service", SERVICE)],
)
def test_a_good_document_reads_the_same_everywhere(
    cls: type, record: str, good: dict[str, Any]
) -> None:
    # A padded code reads as the county it pads, everywhere.
    document = {**good, "community": "150603000000"} if record == "org" else good
    ours = to_dict(from_json(cls, json.dumps(document)))
    for decode in _checked(record):
        assert _written(decode(json.dumps(document))) == ours


def test_the_plain_peers_accept_what_we_refuse() -> None:
    # Why the checked peers exist: the schema alone lets these through.
    bad = json.dumps({**ORG, "community": "x150603001001", "name": " "})
    assert peers.PlainPydanticOrg.model_validate_json(bad).community == "x150603001001"
    assert msgspec.json.Decoder(peers.PlainMsgspecOrg).decode(bad).name == " "
    naive = json.dumps({**SERVICE, "at": "2024-08-01T17:28:00", "minutes": -1})
    assert peers.PlainPydanticService.model_validate_json(naive).minutes == -1
    assert msgspec.json.Decoder(peers.PlainMsgspecService).decode(naive).at.tzinfo is None

"""Who may run which command: the one table the permission tests run and the docs render.

Each row is a command of ``Case``, ``Passbook``, ``Catalogue`` or
``VolunteerRegistration`` in one situation (a case's level); each column a role, plus the
resident (the case's own resident, the passbook's own holder, the person registering). A
cell is allowed or not. The test
(``tests/test_permissions.py``) runs every cell twice: an actor of that role *in scope*
(grid ``g-1``, community 150603001001, the case's agency, station ``s-1``, a supervisor
over district 150603) must succeed where the cell allows and be refused otherwise; the same
role *out of scope* (grid ``g-2``, community 150603001002, another agency, station ``s-2``,
district 150602; another resident) is always refused, unless the row says anyone may.

``python tests/permissions.py`` writes ``docs/permissions.md`` from this table; a test
checks the page equals it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final, NamedTuple

#: The columns, in order: the resident, then the roles of ``wulian_core.people.Role``.
COLUMNS: Final = (
    "resident",
    "liaison",
    "grid_leader",
    "full_time_grid_worker",
    "industry_grid_worker",
    "part_time_grid_worker",
    "community_secretary",
    "community_worker",
    "social_worker",
    "station_staff",
    "agency_staff",
    "supervisor",
    "review_panel",
    "street_staff",
)
HEADINGS: Final = {
    "resident": "本人 resident / holder",
    "liaison": "联络员 liaison",
    "grid_leader": "网格长 grid leader",
    "full_time_grid_worker": "专职网格员",
    "industry_grid_worker": "行业网格员",
    "part_time_grid_worker": "兼职网格员",
    "community_secretary": "社区书记 secretary",
    "community_worker": "社区工作者 worker",
    "social_worker": "社会工作者",
    "station_staff": "驻站人员",
    "agency_staff": "专门机构 agency staff",
    "supervisor": "督办 supervisor",
    "review_panel": "复核小组 review panel",
    "street_staff": "街道 street office",
}

GRID_TEAM: Final = frozenset(
    {"grid_leader", "full_time_grid_worker", "industry_grid_worker", "part_time_grid_worker"}
)
COMMUNITY_STAFF: Final = frozenset({"community_secretary", "community_worker"})
ANYONE: Final = frozenset(COLUMNS)


class Row(NamedTuple):
    """One command in one situation, and who may run it."""

    aggregate: str
    command: str
    where: str
    allowed: frozenset[str]
    anyone: bool = False  # scope does not matter: the policy decides

    @property
    def name(self) -> str:
        return f"{self.aggregate}.{self.command}" + (f" ({self.where})" if self.where else "")


def _row(aggregate: str, command: str, where: str, *allowed: frozenset[str] | str) -> Row:
    roles: set[str] = set()
    for part in allowed:
        roles |= {part} if isinstance(part, str) else part
    unknown = roles - set(COLUMNS)
    if unknown:  # pragma: no cover - a typo in the table
        raise ValueError(f"unknown columns {sorted(unknown)}")
    return Row(aggregate, command, where, frozenset(roles))


_LEVEL_HANDLERS: Final = {
    "liaison level": frozenset({"liaison"}),
    "grid level": GRID_TEAM,
    "community level": frozenset({"community_secretary"}),
    "agency level": frozenset({"agency_staff"}),
}


def _per_level(command: str, levels: tuple[str, ...], state: str) -> tuple[Row, ...]:
    return tuple(
        _row("Case", command, f"{state} at the {level}", _LEVEL_HANDLERS[level]) for level in levels
    )


_ALL_LEVELS: Final = tuple(_LEVEL_HANDLERS)

TABLE: Final[tuple[Row, ...]] = (
    # Anyone posted over the community takes a resident's case in, the review panel too;
    # and the street office, for the communities of its township.
    _row(
        "Case",
        "open",
        "",
        "resident",
        GRID_TEAM,
        "liaison",
        COMMUNITY_STAFF,
        "supervisor",
        "review_panel",
        "street_staff",
    ),
    *_per_level("accept", _ALL_LEVELS, "awaiting"),
    *_per_level("send_back", _ALL_LEVELS[1:], "awaiting"),
    *_per_level("escalate", _ALL_LEVELS[:-1], "awaiting"),
    *_per_level("resolve", _ALL_LEVELS, "accepted"),
    *_per_level("park", _ALL_LEVELS[-1:], "accepted"),
    *_per_level("give_feedback", _ALL_LEVELS, "accepted"),
    *_per_level("transfer", _ALL_LEVELS[-1:], "accepted"),
    *_per_level("request_extension", _ALL_LEVELS[-1:], "accepted"),
    _row("Case", "approve_extension", "an extension pending", "supervisor"),
    _row("Case", "reject_extension", "an extension pending", "supervisor"),
    # The street office urges and supervises (督办) every case of its communities.
    _row("Case", "urge", "awaiting", "supervisor", "street_staff"),
    _row("Case", "supervise", "awaiting", "supervisor", "street_staff"),
    _row("Case", "replan", "past the last notice", "supervisor"),
    _row("Case", "withdraw", "awaiting", "resident"),
    _row("Case", "rate", "resolved", "resident"),
    _row("Case", "reopen", "rated unsatisfied", "supervisor"),
    _row("Case", "close", "resolved at the liaison level", "liaison", "supervisor"),
    Row("Passbook", "open", "", ANYONE, anyone=True),
    _row("Passbook", "record_service", "", COMMUNITY_STAFF),
    # With the activity's organiser on record (station s-1): its posted staff record too.
    _row(
        "Passbook",
        "record_service",
        "organiser on record: station s-1",
        COMMUNITY_STAFF,
        "station_staff",
        "social_worker",
    ),
    _row("Passbook", "correct_service", "recorded by another", COMMUNITY_STAFF),
    _row("Passbook", "uphold_complaint", "recorded by another", COMMUNITY_STAFF),
    _row("Passbook", "accrue_activity", "", COMMUNITY_STAFF),
    _row(
        "Passbook",
        "accrue_activity",
        "organiser on record: station s-1",
        COMMUNITY_STAFF,
        "station_staff",
        "social_worker",
    ),
    _row("Passbook", "award_moral", "", COMMUNITY_STAFF),
    _row("Passbook", "deduct_moral", "", COMMUNITY_STAFF),
    _row("Passbook", "redeem", "", "resident"),
    _row("Passbook", "cancel_redemption", "", "resident", "community_worker"),
    Row("Passbook", "expire", "", ANYONE, anyone=True),
    _row("Passbook", "reverse", "", COMMUNITY_STAFF),
    _row("Catalogue", "open", "", COMMUNITY_STAFF),
    _row("Catalogue", "list_item", "", COMMUNITY_STAFF),
    _row("Catalogue", "donate", "", COMMUNITY_STAFF),
    _row("Catalogue", "redeem", "", "resident"),
    _row("Catalogue", "pick_up", "", COMMUNITY_STAFF),
    _row("Catalogue", "cancel", "", "resident", "community_worker"),
    _row("VolunteerRegistration", "register", "", "resident", COMMUNITY_STAFF),
    _row("VolunteerRegistration", "approve", "registered", COMMUNITY_STAFF),
    _row("VolunteerRegistration", "suspend", "approved", COMMUNITY_STAFF),
    _row("VolunteerRegistration", "reinstate", "suspended", COMMUNITY_STAFF),
)


def _cell(row: Row, column: str) -> str:
    if row.anyone:
        return "✓*"
    return "✓" if column in row.allowed else "·"


def render() -> str:
    """The Markdown page ``docs/permissions.md``, from the table."""
    lines = [
        "# Who may run which command",
        "",
        "Generated from `tests/permissions.py` by `python tests/permissions.py`; the",
        "permission tests run every cell of it, so the page and the code cannot drift apart.",
        "",
        "A ✓ allows the role **in its own scope only**: the grid team and the liaison in the",
        "case's grid, a community's secretary and workers in their own community (a grant is",
        "over one community; `Grant` refuses a community role over a township or a county),",
        "agency staff at the agency that holds the case, station staff at their station, a",
        "supervisor over a region containing the community (any level: all below it) or over",
        "the case's agency. The same role out of scope is refused with `PermissionDenied`. The",
        "resident column is the case's own resident, the passbook's own holder (or a member",
        "of its household) or the person registering; another resident is refused. ✓* means",
        "anyone: the policy decides, not the actor. A · is refused everywhere.",
        "",
        "Not in the table: nobody records or credits points into a passbook they hold or",
        "belong to, whatever their roles. `organiser=` is the activity's organiser on record",
        "(a `wulian_core.volunteering.Organiser`, never a person id): whoever acts for it (its",
        "named staff, or posted to it) records the activity's service and points too, as the",
        "rows with a station show; who recorded a service may correct it.",
        "",
    ]
    for aggregate in ("Case", "Passbook", "Catalogue", "VolunteerRegistration"):
        rows = [row for row in TABLE if row.aggregate == aggregate]
        lines += [f"## {aggregate}", ""]
        lines.append("| command | " + " | ".join(HEADINGS[c] for c in COLUMNS) + " |")
        lines.append("|---|" + "---|" * len(COLUMNS))
        for row in rows:
            where = f" ({row.where})" if row.where else ""
            cells = " | ".join(_cell(row, c) for c in COLUMNS)
            lines.append(f"| `{row.command}`{where} | {cells} |")
        lines.append("")
    return "\n".join(lines)


PAGE: Final = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"

if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")

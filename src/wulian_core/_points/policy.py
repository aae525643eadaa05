"""The points policy: how service, activities and reviews turn into points, as data.

Everything here is a frozen record of enums, integers and tuples, so a policy file loads
through :func:`wulian_core.codec.from_toml` and every bad number is reported with its
path. The arithmetic a policy states (rounding, caps, periods, expiry terms) lives here
too, as small pure functions the passbook calls.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Final

from attrs import field
from dateutil.relativedelta import relativedelta

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue

__all__ = [
    "ActivityRule",
    "MoralCategory",
    "MoralRule",
    "Period",
    "PointsPolicy",
    "RedemptionRule",
    "Rounding",
    "ServiceRule",
    "Term",
    "TermKind",
    "star_level",
]


class Period(LabelledEnum):
    """The calendar period a "per period" cap or a redemption window counts over.

    >>> Period.QUARTER.start_of(dt.date(2024, 5, 17))
    datetime.date(2024, 4, 1)
    >>> Period.QUARTER.label_zh
    '季度'
    """

    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    YEAR = "year", "年"

    def start_of(self, day: dt.date) -> dt.date:
        """The first day of the period that holds ``day``."""
        # By wire value, not ``self is Period.MONTH``: enum attribute lookups are slow,
        # and every recording command asks this.
        value = self._value_
        if value == "month":
            return dt.date(day.year, day.month, 1)
        if value == "quarter":
            return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return dt.date(day.year, 1, 1)


class Rounding(LabelledEnum):
    """How a fraction becomes a whole number: down, up, or half up (四舍五入).

    >>> Rounding.DOWN.divide(90, 60), Rounding.UP.divide(90, 60), Rounding.HALF_UP.divide(90, 60)
    (1, 2, 2)
    """

    DOWN = "down", "向下取整"
    UP = "up", "向上取整"
    HALF_UP = "half_up", "四舍五入"

    def divide(self, numerator: int, denominator: int) -> int:
        """``numerator / denominator`` rounded this way (both non-negative)."""
        # By wire value, as Period.start_of does: an enum member read through its class
        # is slow, and every service record asks this twice.
        value = self._value_
        if value == "down":
            return numerator // denominator
        if value == "up":
            return -(-numerator // denominator)
        return (2 * numerator + denominator) // (2 * denominator)


class TermKind(LabelledEnum):
    """The shape of a term: never ending, N months, or to the end of a year (+N).

    >>> TermKind.YEAR_END.label_zh
    '至年底'
    """

    NEVER = "never", "永久"
    MONTHS = "months", "按月"
    YEAR_END = "year_end", "至年底"


# Points, minutes and counts of a policy are whole numbers of at most _checks.MAX_COUNT.
_non_negative = _checks.count()
_positive = _checks.count(minimum=1)


def _optional_cap(instance: Any, attribute: Any, value: Any) -> None:
    # A cap of 0 would switch its rule off without a word (no minutes credited, no points
    # for the activity, no redemption at all); no cap is ``None`` ("none" in a file).
    if value is not None:
        _non_negative(instance, attribute, value)
        if value == 0:
            raise InvalidValue(
                _checks.field_name(instance, attribute),
                value,
                f'must be >= 1 (for no cap: None, or "{_NO_CAP}" in a policy file)',
            )


_NO_CAP: Final = "none"
"""How a policy file says "no cap": TOML has no null, and a key left out keeps its default."""

# The shortest length of each period in days: a window of more days than that would
# cover some periods whole, so it would be no window.
_SHORTEST: Final = {"month": 28, "quarter": 90, "year": 365}


@frozen(kw_only=True)
class Term:
    """How long something lasts from a day: points before they expire, a bar on redemption.

    ``end(day)`` is the first day on which it no longer holds, or ``None`` for never.
    ``Term(kind=TermKind.YEAR_END, count=1)`` is "this year and next".

    >>> Term(kind=TermKind.MONTHS, count=12).end(dt.date(2024, 2, 29))
    datetime.date(2025, 2, 28)
    >>> Term(kind=TermKind.YEAR_END, count=1).end(dt.date(2024, 6, 1))
    datetime.date(2026, 1, 1)
    >>> Term(kind=TermKind.NEVER).end(dt.date(2024, 6, 1)) is None
    True
    """

    kind: TermKind = field(validator=_checks.instance_of(TermKind))
    count: int = field(default=0, validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.kind is TermKind.NEVER and self.count:
            raise InvalidValue("Term.count", self.count, "must be 0 for a term that never ends")
        if self.kind is TermKind.MONTHS and not self.count:
            raise InvalidValue("Term.count", self.count, "must be >= 1 months")

    def end(self, day: dt.date) -> dt.date | None:
        """The first day the term no longer holds, counting from ``day``."""
        if self.kind is TermKind.NEVER:
            return None
        if self.kind is TermKind.MONTHS:
            # relativedelta clips to the month's last day: 02-29 + 12 months is 02-28.
            return day + relativedelta(months=self.count)
        return dt.date(day.year + self.count + 1, 1, 1)


@frozen(kw_only=True)
class ServiceRule:
    """How certified service minutes become hours on record and material points.

    Stated order: the minutes recorded are rounded to whole ``unit_minutes`` with
    ``rounding``; then the caps cut them (per activity, what is left of the day, what is
    left of the period); the result is the certified time. Points for the record are
    ``rounding(certified_minutes * points_per_hour / 60)``. A cap of ``None`` is no cap.

    >>> rule = ServiceRule()
    >>> rule.credit(150, day_so_far=0, period_so_far=0)  # 150 min: 5 units, capped at 2 h
    (120, 2)
    >>> rule.credit(100, day_so_far=420, period_so_far=0)  # 90 min counted, 60 left today
    (60, 1)
    """

    CAPS: ClassVar[tuple[str, ...]] = (
        "max_minutes_per_activity",
        "max_minutes_per_day",
        "max_minutes_per_period",
    )  # fields a policy file may set to "none"

    points_per_hour: int = field(default=1, validator=_non_negative)
    unit_minutes: int = field(default=30, validator=_positive)
    rounding: Rounding = field(default=Rounding.DOWN, validator=_checks.instance_of(Rounding))
    max_minutes_per_activity: int | None = field(default=120, validator=_optional_cap)
    max_minutes_per_day: int | None = field(default=480, validator=_optional_cap)
    max_minutes_per_period: int | None = field(default=None, validator=_optional_cap)

    def credit(self, minutes: int, *, day_so_far: int, period_so_far: int) -> tuple[int, int]:
        """``(certified minutes, points)`` for ``minutes`` recorded, given what is counted."""
        credited = self.rounding.divide(minutes, self.unit_minutes) * self.unit_minutes
        if self.max_minutes_per_activity is not None:
            credited = min(credited, self.max_minutes_per_activity)
        if self.max_minutes_per_day is not None:
            credited = min(credited, max(0, self.max_minutes_per_day - day_so_far))
        if self.max_minutes_per_period is not None:
            credited = min(credited, max(0, self.max_minutes_per_period - period_so_far))
        return credited, self.points_for(credited)

    def points_for(self, certified_minutes: int) -> int:
        """Material points for ``certified_minutes`` of one record, rounded as stated."""
        return self.rounding.divide(certified_minutes * self.points_per_hour, 60)


@frozen(kw_only=True)
class ActivityRule:
    """Material points for taking part in one kind of activity, capped per period.

    >>> ActivityRule(kind="meeting", label_zh="参加村务会议", points=2).points
    2
    """

    CAPS: ClassVar[tuple[str, ...]] = ("max_points_per_period",)

    kind: str = field(validator=_checks.identifier)
    label_zh: str = field(validator=_checks.name)
    points: int = field(validator=_non_negative)
    max_points_per_period: int | None = field(default=None, validator=_optional_cap)


class MoralCategory(LabelledEnum):
    """The standard moral-point categories (最美家庭 taxonomy); a policy may add others.

    A policy names a category by its wire value, so ``"filial_piety"`` and
    ``MoralCategory.FILIAL_PIETY`` are the same category.

    >>> MoralCategory.FILIAL_PIETY.value, MoralCategory.FILIAL_PIETY.label_zh
    ('filial_piety', '孝老爱亲')
    """

    FILIAL_PIETY = "filial_piety", "孝老爱亲"
    NEIGHBOURLY_HELP = "neighbourly_help", "邻里互助"
    MARITAL_HARMONY = "marital_harmony", "夫妻和睦"
    SCIENTIFIC_PARENTING = "scientific_parenting", "科学教子"
    THRIFT = "thrift", "勤俭持家"
    LAW_ABIDING = "law_abiding", "遵纪守法"
    GREEN_LIVING = "green_living", "绿色环保"
    PUBLIC_SPIRIT = "public_spirit", "热心公益"
    CUSTOM_REFORM = "custom_reform", "移风易俗"


@frozen(kw_only=True)
class MoralRule:
    """Moral points of one category: per award, per deduction, and a cap per period.

    >>> MoralRule(category="filial_piety", label_zh="孝老爱亲", points=3, deduction=5).deduction
    5
    """

    CAPS: ClassVar[tuple[str, ...]] = ("max_points_per_period",)

    category: str = field(validator=_checks.identifier)
    label_zh: str = field(validator=_checks.name)
    points: int = field(validator=_non_negative)
    deduction: int = field(validator=_non_negative)
    max_points_per_period: int | None = field(default=None, validator=_optional_cap)


@frozen(kw_only=True)
class RedemptionRule:
    """When material points may be redeemed: windows and a count per period, if any.

    With ``period`` set, ``open_days`` keeps redemption to the first N days of each
    period and ``max_per_period`` limits how many redemptions a holder places in one
    (a cancelled redemption still counts). ``RedemptionRule()`` is always open.

    >>> quarterly = RedemptionRule(period=Period.QUARTER, open_days=10, max_per_period=1)
    >>> quarterly.is_open(dt.date(2024, 4, 10)), quarterly.is_open(dt.date(2024, 4, 11))
    (True, False)
    """

    CAPS: ClassVar[tuple[str, ...]] = ("open_days", "max_per_period")

    period: Period | None = field(
        default=None, validator=_checks.instance_of(Period, optional=True)
    )
    open_days: int | None = field(default=None, validator=_optional_cap)
    max_per_period: int | None = field(default=None, validator=_optional_cap)

    def __attrs_post_init__(self) -> None:
        if self.period is None and (self.open_days is not None or self.max_per_period is not None):
            raise InvalidValue(
                "RedemptionRule.period", None, "must be set when open_days or max_per_period is"
            )
        if self.period is not None and self.open_days is not None:
            longest = _SHORTEST[self.period.value]
            if self.open_days > longest:
                raise InvalidValue(
                    "RedemptionRule.open_days",
                    self.open_days,
                    f"must be at most {longest} in a {self.period.value} period"
                    " (a longer window covers some periods whole)",
                )

    def is_open(self, day: dt.date) -> bool:
        """Whether a redemption on ``day`` falls inside a window."""
        if self.period is None or self.open_days is None:
            return True
        return (day - self.period.start_of(day)).days < self.open_days


def _posting_days(instance: Any, attribute: Any, value: Any) -> None:
    # 0 would post and credit in the same instant: say None for no posting instead.
    if value is not None and (type(value) is not int or not 1 <= value <= 30):
        raise InvalidValue(
            "PointsPolicy.moral_posting_days",
            value,
            "must be a whole number of working days from 1 to 30, or None (credit at once)",
        )


def _unique(field_name: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidValue(f"PointsPolicy.{field_name}", name, "is listed twice")
        seen.add(name)


@frozen(kw_only=True)
class PointsPolicy:
    """A community's points rules as data: service, activities, moral reviews, expiry.

    Load one from a policy file with ``wulian_core.codec.from_toml(PointsPolicy, text)``
    (see ``docs/points.md``), or start from :meth:`practice`.

    >>> policy = PointsPolicy.practice()
    >>> policy.service.points_per_hour, policy.service.max_minutes_per_activity
    (1, 120)
    >>> policy.moral_rule("filial_piety").label_zh
    '孝老爱亲'
    >>> PointsPolicy(name="x", moral_posting_days=5).moral_posting_days  # 公示 5 working days
    5
    """

    name: str = field(validator=_checks.name)
    period: Period = field(default=Period.QUARTER, validator=_checks.instance_of(Period))
    service: ServiceRule = field(factory=ServiceRule, validator=_checks.instance_of(ServiceRule))
    activities: tuple[ActivityRule, ...] = field(
        default=(), converter=_checks.to_tuple, validator=_checks.instance_of(tuple)
    )
    moral: tuple[MoralRule, ...] = field(
        default=(), converter=_checks.to_tuple, validator=_checks.instance_of(tuple)
    )
    expiry: Term = field(
        factory=lambda: Term(kind=TermKind.NEVER), validator=_checks.instance_of(Term)
    )
    serious_violation_bar: Term = field(
        factory=lambda: Term(kind=TermKind.YEAR_END, count=1),
        validator=_checks.instance_of(Term),
    )
    redemption: RedemptionRule = field(
        factory=RedemptionRule, validator=_checks.instance_of(RedemptionRule)
    )
    # 公示: an award of moral points is posted for this many working days before it is
    # credited; None credits at once, as before posting existed.
    moral_posting_days: int | None = field(default=None, validator=_posting_days)
    # Indexes, not data: left out of init, equality, hashing and the wire format.
    _by_kind: dict[str, ActivityRule] = field(init=False, eq=False, hash=False, repr=False)
    _by_category: dict[str, MoralRule] = field(init=False, eq=False, hash=False, repr=False)
    # Expiry day by earning day, filled as asked: lots earned on one day share one date
    # object (memory per lot) and the arithmetic runs once a day, not once a command.
    _expiry_ends: dict[dt.date, dt.date | None] = field(
        init=False, eq=False, hash=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        for name, kind in (("activities", ActivityRule), ("moral", MoralRule)):
            for item in getattr(self, name):
                if type(item) is not kind:
                    raise InvalidValue(f"PointsPolicy.{name}", item, f"must hold {kind.__name__}s")
        _unique("activities", [rule.kind for rule in self.activities])
        _unique("moral", [rule.category for rule in self.moral])
        # Built once here, not per lookup: commands look rules up on every call.
        object.__setattr__(self, "_by_kind", {r.kind: r for r in self.activities})
        object.__setattr__(self, "_by_category", {r.category: r for r in self.moral})

    def expiry_end(self, earned: dt.date) -> dt.date | None:
        """The day points earned on ``earned`` expire (``None``: never).

        >>> PointsPolicy(name="x", expiry=Term(kind=TermKind.YEAR_END, count=0)).expiry_end(
        ...     dt.date(2024, 5, 1))
        datetime.date(2025, 1, 1)
        """
        ends = self._expiry_ends
        if type(earned) is dt.date and earned in ends:
            return ends[earned]
        _checks.arg_date(earned, "PointsPolicy.expiry_end.earned")
        end = ends[earned] = self.expiry.end(earned)
        return end

    def activity_rule(self, kind: str) -> ActivityRule | None:
        """The rule for an activity kind, or ``None`` when the policy has none."""
        if not isinstance(kind, str):
            raise InvalidValue("PointsPolicy.activity_rule.kind", kind, "must be a string")
        return self._by_kind.get(kind)

    def moral_rule(self, category: str) -> MoralRule | None:
        """The rule for a moral category (its wire value), or ``None``."""
        if not isinstance(category, str):
            raise InvalidValue("PointsPolicy.moral_rule.category", category, "must be a string")
        return self._by_category.get(category)

    @classmethod
    def practice(cls) -> PointsPolicy:
        """The practice numbers: 1 hour = 1 point, 30-minute units rounded down, at most
        2 hours per activity and 8 hours per day; the nine moral categories at 3 points an
        award and 5 a deduction; no expiry; a serious violation bars redemption this year
        and next; redemption always open.

        >>> PointsPolicy.practice().service.max_minutes_per_day
        480
        """
        return cls(
            name="practice",
            activities=(
                ActivityRule(kind="meeting", label_zh="参加村务会议", points=2),
                ActivityRule(kind="public_welfare", label_zh="公益活动", points=5),
                ActivityRule(kind="referral", label_zh="推荐新志愿者", points=2),
            ),
            moral=tuple(
                MoralRule(category=c.value, label_zh=c.label_zh, points=3, deduction=5)
                for c in MoralCategory
            ),
        )


_STARS = (6000, 18000, 36000, 60000, 90000)  # 100, 300, 600, 1,000, 1,500 hours in minutes


def star_level(minutes: int) -> int:
    """The volunteer star level (星级志愿者) for certified minutes: 0 to 5.

    100 hours make one star, 300 two, 600 three, 1,000 four, 1,500 five; "以上", so the
    number itself counts (民函〔2012〕340号).

    >>> star_level(100 * 60 - 1), star_level(100 * 60), star_level(1500 * 60)
    (0, 1, 5)
    """
    if type(minutes) is not int:
        _checks.arg_count(minutes, "star_level.minutes")
    return sum(1 for threshold in _STARS if minutes >= threshold)

"""The one table of labels: what the report, the command line and every HTML view call things.

Chinese is the default language and the domain's own; ``lang="en"`` gives English.
:func:`heading` is what a column or a figure is titled with: in Chinese, the Chinese word
with the English beside it (an analyst reads one, a foreign reviewer the other); in
English, the English alone. Views never spell a label themselves, so a word changes in
one place. :func:`masked_name` is how a person's name is shown in a report: surname and
last character, the rest starred, as published rankings in China show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, Protocol

from .errors import InvalidValue, _redact

__all__ = [
    "ARTICLE_SOURCE",
    "LABELS",
    "LANGS",
    "Lang",
    "check_lang",
    "heading",
    "label",
    "masked_name",
    "masked_text",
    "more_text",
    "term",
    "term_heading",
]

ARTICLE_SOURCE: Final = "《内蒙古：“五社联动”助力社会治理精细化》（报纸第10版）"
"""The article whose figures the demo district reproduces; the report and the demo cite it."""

Lang = Literal["zh", "en"]
LANGS: Final = ("zh", "en")

LABELS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        # The page and its provenance
        "report_title": ("五社联动季度报告", "Quarterly report"),
        "district": ("区县", "district"),
        "simulated": ("模拟数据", "simulated"),
        "simulated_note": (
            "本页案件、积分与活动均为模拟数据，由随机种子生成，不是真实统计",
            "the cases, points and activities on this page are simulated from a random seed,"
            " not real statistics",
        ),
        "article": ("文章数据", "from the article"),
        "article_note": (
            "标注“文章数据”的数字取自来源文章",
            "figures marked “from the article” are the article's own",
        ),
        "source": ("来源", "source"),
        "as_of": ("截至", "as of"),
        "period": ("模拟期间", "simulated period"),
        "seed": ("随机种子", "seed"),
        "policy": ("政策", "policy"),
        "article_mark": ("文章", "article"),
        "simulated_mark": ("模拟", "simulated"),
        # The demo's summary, line by line
        "demo_article_time": ("文章所述时间", "the article's time"),
        "demo_source": ("来源", "source"),
        "demo_everything_else_simulated": ("其余为模拟数据", "everything else is simulated"),
        "demo_simulated_data": ("模拟数据", "simulated data"),
        "demo_streets": ("街道", "streets"),
        "demo_communities": ("社区", "communities"),
        "demo_registered_organizations": ("登记注册社会组织", "registered social organizations"),
        "demo_filed": ("备案", "filed"),
        "demo_community_workers": ("社区工作者", "community workers"),
        "demo_stations": ("社工站", "social-work stations"),
        "demo_grid_team": ("网格员", "grid team"),
        "demo_liaisons": ("睦邻党群联络员", "neighbourhood liaisons"),
        "demo_residents_on_record": ("居民", "residents on record"),
        "demo_floating_population": ("流动人口", "floating population"),
        "demo_activities": ("活动", "activities"),
        "demo_joint": ("社工+志愿者", "joint"),
        "demo_simulated_quarter": ("模拟一个季度", "simulated quarter"),
        "demo_cases": ("诉求", "cases opened"),
        "demo_resolved": ("办结", "resolved"),
        "demo_self_escalations": ("逾期自动上报", "escalations on a missed deadline"),
        "demo_events": ("次", "events"),
        "demo_over": ("涉及", "over"),
        "demo_cases_counted": ("件", "cases"),
        "demo_on_time": ("按期办结率", "on-time rate"),
        "demo_satisfaction": ("满意率", "satisfaction"),
        "demo_points_issued": ("积分", "points issued"),
        "demo_redeemed": ("兑换", "redeemed"),
        "demo_moral_points": ("品德积分", "moral points"),
        "demo_targets": ("目标", "targets"),
        "demo_last_day": ("季度最后一天", "the quarter's last day"),
        "purchased_services": ("政府购买服务", "purchased services"),
        "budget": ("预算", "budget"),
        "labour": ("人力成本", "labour"),
        "by_category": ("按类别", "by category"),
        "rollout": ("全面推行", "rollout"),
        "demo_settlement": ("结算", "settlement"),
        "demo_handed_over": ("已领取", "handed over"),
        "demo_cancelled_orders": ("取消", "cancelled orders"),
        "demo_owed": ("应付", "owed"),
        "yuan": ("元", "yuan"),
        "yuan_per_point_short": ("元/分", "yuan/point"),
        "points_supermarket": ("积分超市", "points supermarket"),
        # wulian calendar's answers: templates, filled with str.format
        "cal_workday": ("{day}（{weekday}）是工作日", "{day} ({weekday}) is a working day"),
        "cal_rest_day": ("{day}（{weekday}）是休息日", "{day} ({weekday}) is a rest day"),
        "cal_makeup": ("：调休上班，依据{source}", ": a make-up workday (调休) by {source}"),
        "cal_holiday": ("：{name}，依据{source}", ": {name} by {source}"),
        "cal_provisional": (
            "（暂定：按法定节假日推算，待国务院办公厅公布当年安排）",
            " (provisional: counted by law until the State Council's notice for the year is added)",
        ),
        "cal_due": (
            "自{start}起{count}个工作日：{due}到期（须在{last}（{weekday}，北京时间）结束前办结{note}）",
            "{count} working days from {start}: due {due} (work must be done by the end of"
            " {last}, {weekday}, Asia/Shanghai{note})",
        ),
        "cal_due_provisional": (
            "；暂定：自{since}起按法定节假日推算，待国务院办公厅公布当年安排",
            "; provisional: counted by law from {since}, until the State Council's notice for"
            " the year is added",
        ),
        "monday": ("星期一", "Monday"),
        "tuesday": ("星期二", "Tuesday"),
        "wednesday": ("星期三", "Wednesday"),
        "thursday": ("星期四", "Thursday"),
        "friday": ("星期五", "Friday"),
        "saturday": ("星期六", "Saturday"),
        "sunday": ("星期日", "Sunday"),
        "html_report": ("报告", "HTML report"),
        "event_store": ("事件库", "event store"),
        # Figures
        "cases_opened": ("受理诉求（件）", "cases opened"),
        "cases_resolved": ("办结（件）", "cases resolved"),
        "on_time": ("按期办结率", "on-time rate"),
        "satisfaction": ("满意率", "satisfaction"),
        "ratings": ("评价（次）", "ratings"),
        "self_escalations": ("逾期自动上报（次）", "escalations on a missed deadline"),
        "self_escalated_cases": ("涉及案件（件）", "cases they concern"),
        "points_issued": ("发放积分", "points issued"),
        "points_redeemed": ("兑换积分", "points redeemed"),
        "moral_awards": ("品德积分奖励（次）", "moral-points awards"),
        # Sections
        "compliance": ("目标达成率", "Compliance per target"),
        "compliance_note": ("达标对象占比", "share of subjects meeting it"),
        "all_targets": ("全部目标", "Every target"),
        "per_township": ("各街道达成情况", "Compliance per township"),
        "shortfalls": ("最大差距", "Largest shortfalls"),
        "funnel": ("逐级上报漏斗", "Escalation funnel"),
        "funnel_note": (
            "到达各层级的案件数。平台上报的案件直接进入网格，不经过联络员，"
            "所以网格一级可以多于联络员一级",
            "cases that reached each level. Cases reported on the platform enter at the grid"
            " without passing the liaison, so the grid can count more than the liaison",
        ),
        "weekly_points": ("每周积分发放与兑换", "Material points issued and redeemed per week"),
        "moral_leaders": ("品德积分榜", "Moral-points leaders"),
        "moral_leaders_note": (
            "姓名已脱敏；品德积分只作评价，不能兑换",
            "names masked; moral points only evaluate and can never be spent",
        ),
        "volunteering": ("志愿服务与供需匹配", "Volunteering and needs matched"),
        "volunteering_note": (
            "每个社区每月一场活动：居民报名、签到签退，组织方认证时长；居民需求按类别、区域、"
            "时间与剩余服务能力匹配社会组织的服务",
            "one activity a month in every community: residents sign up and check in and out,"
            " the organiser certifies the minutes; residents' needs are matched to what"
            " organizations offer by category, area, time window and remaining capacity",
        ),
        "activities_by_area": ("每月活动（按服务领域）", "Activities per month by service area"),
        "signup_attendance": ("报名与签到", "Sign-ups against attendance"),
        "needs_by_community": ("各社区需求满足情况", "Needs met and open per community"),
        # Columns
        "target": ("目标", "target"),
        "figure": ("指标", "figure"),
        "target_id": ("编号", "id"),
        "subjects": ("对象（个）", "subjects"),
        "subject": ("地区", "subject"),
        "subject_code": ("代码", "code"),
        "subject_kind": ("对象", "applies to"),
        "requirement": ("要求", "requirement"),
        "met": ("达标", "met"),
        "not_met": ("未达标", "not met"),
        "undefined": ("无法评价", "undefined"),
        "no_subjects": ("本区无对象", "no subjects here"),
        "not_applicable": ("尚未适用", "not yet applicable"),
        "status": ("状态", "status"),
        "share": ("达标率", "share met"),
        "township": ("街道", "street"),
        "short": ("差额", "short by"),
        "detail": ("说明", "detail"),
        "escalation_level": ("办理层级", "escalation level"),
        "region_level": ("行政层级", "region level"),
        "resolved_at": ("办结层级", "resolved at"),
        "cases": ("案件（件）", "cases"),
        "week": ("周（起始日）", "week starting"),
        "points": ("积分", "points"),
        "rank": ("名次", "rank"),
        "holder": ("持有人", "holder"),
        "community": ("社区", "community"),
        "issued": ("发放", "issued"),
        "redeemed": ("兑换", "redeemed"),
        "time": ("时间", "time"),
        "what": ("事项", "what"),
        "by": ("办理人", "by"),
        "amount": ("数量", "amount"),
        "balance": ("余额", "balance"),
        "counterparty": ("对方账户", "counterparty"),
        "reason": ("事由", "reason"),
        "ledger": ("账户", "ledger"),
        "opening": ("期初", "opening"),
        "closing": ("期末", "closing"),
        "more": ("另有", "more"),
        "full_view": (
            "完整列表：to_html(full=True)、gaps() 或 to_frame()",
            "the full list: to_html(full=True), gaps() or to_frame()",
        ),
        "gaps": ("差距", "gaps"),
        # A case (its HTML view): the header, the clocks, and the units of a transfer
        "version": ("版本", "version"),
        "deadline": ("时限", "deadline"),
        "missed": ("已超期", "missed"),
        "warned": ("已预警", "warned"),
        "provisional": ("暂定", "provisional"),
        "units": ("转办单位", "units of the transfer"),
        "unit": ("单位", "unit"),
        "unit_role": ("角色", "role"),
        "lead_unit": ("牵头单位", "lead unit"),
        "co_unit": ("协办单位", "co-unit"),
        "accepted_at": ("签收时间", "accepted at"),
        "due": ("时限", "due"),
        "due_accept": ("签收", "to accept"),
        "due_report": ("回单", "to report"),
        "due_resolve": ("办结", "to resolve"),
        "reported_at": ("回单时间", "reported at"),
        "timeliness": ("是否按期", "on time"),
        "part_on_time": ("按期", "on time"),
        "part_overdue": ("超期", "overdue"),
        "part_excused": ("不待回单", "excused"),
        "part_open": ("办理中", "in progress"),
        "month": ("月份", "month"),
        "service_area": ("服务领域", "service area"),
        "activities": ("活动（场）", "activities"),
        "held": ("已举办", "held"),
        "cancelled": ("已取消", "cancelled"),
        "not_held": ("无人认证", "nobody certified"),
        "signed_up": ("报名（人次）", "sign-ups"),
        "waitlisted": ("候补", "waitlisted"),
        "attended": ("签到（人次）", "attended"),
        "attendance_rate": ("签到率", "attended per sign-up"),
        "certified_hours": ("认证时长（小时）", "certified hours"),
        "needs": ("需求（件）", "needs"),
        "needs_met": ("已满足", "met"),
        "needs_open": ("未满足", "open"),
        "total": ("合计", "total"),
        "met_of_needs": ("已满足/需求", "met/needs"),
        "full_list": ("完整列表：to_html(full=True)", "the full list: to_html(full=True)"),
        "shown": ("显示", "shown"),
        # Notebook views: a passbook, a catalogue, a statement, a directory, a progress run
        "passbook": ("电子存折", "Passbook"),
        "latest_entries": ("最近记录", "Latest entries"),
        "change": ("变动", "change"),
        "star_level": ("星级", "star level"),
        "catalogue": ("兑换点", "Redemption point"),
        "item": ("物品", "item"),
        "name": ("名称", "name"),
        "price": ("所需积分", "price in points"),
        "stock": ("库存", "stock"),
        "statement": ("对账单", "Statement"),
        "shop_registry": ("兑换点名录", "Redemption points"),
        "point": ("兑换点", "point"),
        "kind": ("类型", "kind"),
        "yuan_per_point": ("每分折合（元）", "yuan per point"),
        "active": ("在用", "active"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        "appointments": ("预约", "appointments"),
        "notice_board": ("品德积分公示栏", "Moral-points notice board"),
        "posting": ("公示编号", "posting"),
        "category": ("类别", "category"),
        "until": ("公示截止", "posted until"),
        "objections": ("异议（件）", "objections"),
        "settlement": ("月度结算", "Monthly settlement"),
        "orders": ("订单（笔）", "orders"),
        "points_cancelled": ("取消积分", "points cancelled"),
        "handed_over": ("已交付积分", "handed over"),
        "owed": ("应付（元）", "owed (yuan)"),
        "total_owed": ("合计应付（元）", "total owed (yuan)"),
        "unregistered": ("名录外兑换点积分", "points at unlisted points"),
        "volunteer_registration": ("志愿者注册", "Volunteer registration"),
        "registered_on": ("注册日期", "registered on"),
        "service_areas": ("服务领域", "service areas"),
        "activity": ("活动", "Activity"),
        "places": ("名额", "places"),
        "waitlist": ("候补", "waitlist"),
        "confirmed": ("已确认", "confirmed"),
        "place": ("名额状态", "place"),
        "checked_in": ("已签到", "checked in"),
        "certified_minutes": ("认证时长（分钟）", "certified minutes"),
        "participants": ("参与人", "Participants"),
        "person": ("人员", "person"),
        "directory": ("目录", "Directory"),
        "records": ("记录", "records"),
        "count": ("数量", "count"),
        "progress": ("达标进度", "Progress"),
        "directory_regions": ("地区", "regions"),
        "directory_persons": ("人员", "persons"),
        "directory_residents": ("居民", "residents"),
        "directory_grids": ("网格", "grids"),
        "directory_posts": ("岗位", "posts"),
        "directory_organizations": ("社会组织", "social organizations"),
        "directory_stations": ("社工站", "social-work stations"),
        "directory_social_workers": ("社会工作者", "social workers"),
        "directory_volunteers": ("志愿者", "volunteers"),
        "directory_agencies": ("专门机构", "agencies"),
        "directory_activities": ("活动", "activities"),
        "directory_station_work": ("社工站工作记录", "station work records"),
        "directory_charity_funds": ("慈善基金", "charity funds"),
        "directory_charity_projects": ("慈善项目", "charity projects"),
        "units_percent": ("百分比", "per cent"),
        "units_points": ("积分（分）", "points"),
    }
)
"""Every label, by key: (Chinese, English)."""


def check_lang(lang: object, field: str = "lang") -> Lang:
    """``lang`` if it is ``"zh"`` or ``"en"``; otherwise an error naming ``field``.

    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: lang: must be "zh" or "en" (got 'fr')
    """
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    raise InvalidValue(field, lang, 'must be "zh" or "en"')


def label(key: str, lang: Lang = "zh") -> str:
    """The label for ``key`` in one language.

    >>> label("met"), label("met", "en")
    ('达标', 'met')
    """
    zh, en = LABELS[key]
    return en if lang == "en" else zh


def heading(key: str, lang: Lang = "zh") -> str:
    """A title: Chinese with the English beside it, or the English alone with ``lang="en"``.

    >>> heading("cases_opened"), heading("cases_opened", "en")
    ('受理诉求（件） cases opened', 'cases opened')
    """
    zh, en = LABELS[key]
    return en if lang == "en" else f"{zh} {en}"


def masked_name(name: str) -> str:
    """A person's name as a published list shows it: the first and last characters kept.

    >>> masked_name("王芳"), masked_name("王小芳"), masked_name("欧阳晓芳")
    ('王*', '王*芳', '欧**芳')
    """
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


class _Labelled(Protocol):
    @property
    def value(self) -> str: ...
    @property
    def label_zh(self) -> str: ...


def term(member: _Labelled, lang: Lang = "zh") -> str:
    """An enum member in a cell: its Chinese label, or with ``lang="en"`` its wire value in words.

    >>> from wulian_core.points import AccountRole
    >>> term(AccountRole.REDEMPTION_POINT), term(AccountRole.REDEMPTION_POINT, "en")
    ('兑换点', 'redemption point')
    """
    return member.value.replace("_", " ") if lang == "en" else member.label_zh


def term_heading(member: _Labelled, lang: Lang = "zh") -> str:
    """An enum member as a row's title: Chinese with the English beside, as :func:`heading`.

    >>> from wulian_core.points import Ledger
    >>> term_heading(Ledger.MATERIAL), term_heading(Ledger.MATERIAL, "en")
    ('物质积分 material', 'material')
    """
    english = term(member, "en")
    return english if lang == "en" else f"{member.label_zh} {english}"


def masked_text(text: str) -> str:
    """Free text (a reason, a note) as a view shows it: phone and ID-card numbers masked.

    The patterns live with the errors, whose messages mask them too.

    >>> masked_text("回访 13800138000")
    '回访 138****8000'
    """
    return _redact(text)


def more_text(left_out: int, lang: Lang = "zh") -> str:
    """The line under a short view: how many it leaves out, and the call that shows them.

    >>> more_text(4), more_text(4, "en")
    ('另有 4 · 完整列表：to_html(full=True)', '4 more · the full list: to_html(full=True)')
    """
    count = f"{left_out} {label('more', 'en')}" if lang == "en" else f"{label('more')} {left_out}"
    return f"{count} · {label('full_list', lang)}"

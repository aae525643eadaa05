"""The quarter's HTML report: standalone, well-formed, escaped, with its charts."""

from __future__ import annotations

from functools import cache
from html import escape
from html.parser import HTMLParser

import attrs
import pytest

from wulian_core import InvalidValue, policies, synth
from wulian_core.html_report import render
from wulian_core.simulation import Quarter, simulate_quarter


@cache
def quarter() -> Quarter:
    return simulate_quarter(synth.kangbashi(seed=2), targets=policies.load("shaanxi-2022"), seed=2)


class _Tags(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "line", "input", "img", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with {self.stack[-3:]}")
        else:
            self.stack.pop()


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_the_page_is_well_formed_with_every_tag_closed() -> None:
    tags = parse(render(quarter()))
    assert tags.errors == []
    assert tags.stack == []


def test_the_page_has_its_three_charts_as_inline_svg() -> None:
    tags = parse(render(quarter()))
    classes = [a.get("class") or "" for tag, a in tags.seen if tag == "svg"]
    assert len(classes) == 3
    assert any("funnel" in c for c in classes) and any("weekly" in c for c in classes)
    assert sum(tag == "rect" for tag, _ in tags.seen) > 20


def test_the_page_loads_nothing_from_anywhere() -> None:
    page = render(quarter())
    tags = parse(page)
    assert "http" not in page
    assert not [t for t, a in tags.seen if t in {"script", "link", "img", "iframe"}]
    assert not [a for _, a in tags.seen if "src" in a or "href" in a]


def test_the_page_is_in_chinese_with_english_beside() -> None:
    page = render(quarter())
    for words in (
        '逐级上报漏斗 <span class="en">Escalation funnel</span>',
        '最大差距 <span class="en">Largest shortfalls</span>',
        '满意率 <span class="en">satisfaction</span>',
    ):
        assert words in page


def test_names_from_the_data_are_escaped() -> None:
    q = quarter()
    hostile = "<script>alert('x')</script>"
    report = q.report
    # A township: the page names every township in its compliance table.
    at = next(i for i, place in enumerate(report.places) if len(place.code) == 9)
    places = list(report.places)
    places[at] = attrs.evolve(places[at], name=hostile)
    page = render(attrs.evolve(q, report=attrs.evolve(report, places=tuple(places))))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>" not in render(q, title=hostile)


def test_the_same_quarter_renders_the_same_page() -> None:
    assert render(quarter()) == render(quarter())


def test_the_largest_shortfalls_span_several_targets() -> None:
    page = render(quarter())
    shortfalls = page.split('最大差距 <span class="en">Largest shortfalls</span>')[1].split(
        "逐级上报漏斗"
    )[0]
    targets = {
        t.id
        for t in quarter().report.targets.targets
        if f"<td>{escape(t.title_zh)}</td>" in shortfalls
    }
    assert len(targets) >= 2


def test_render_names_a_wrong_argument() -> None:
    with pytest.raises(InvalidValue, match="render.quarter"):
        render(None)  # type: ignore[arg-type]


def test_the_page_says_what_it_is_district_simulated_article_and_one_date() -> None:
    page = render(quarter())

    assert "<b>康巴什区</b> <code>150603</code>" in page
    assert page.count("模拟数据") >= 2
    assert "文章数据" in page and "内蒙古" in page
    assert '截至 <span class="en">as of</span>: <b>2024-10-31</b>' in page


def test_every_target_of_the_policy_is_listed() -> None:
    q = quarter()
    page = render(q)
    listed = page.split("全部目标")[1].split("目标达成率")[0]

    assert all(f"<code>{t.id}</code>" in listed for t in q.report.targets.targets)
    assert "本区无对象" in listed


def test_moral_leaders_are_shown_by_masked_name_with_their_community() -> None:
    q = quarter()
    page = render(q)
    people = {p.id: p.name for p in q.directory.persons}
    first = q.moral_leaders[0]

    assert first.holder not in page.split("品德积分榜")[1]
    assert people[first.holder] not in page
    assert q.directory.region(first.community).name in page.split("品德积分榜")[1]


def test_the_weekly_chart_has_round_ticks_and_a_unit() -> None:
    chart = render(quarter()).split('class="chart weekly"')[1].split("</svg>")[0]

    assert 'text-anchor="end">50</text>' in chart
    assert "积分（分）" in chart


def test_the_page_in_english_has_no_chinese_labels() -> None:
    page = render(quarter(), lang="en")

    assert "Escalation funnel" in page and "逐级上报漏斗" not in page
    assert '<html lang="en">' in page


def test_the_page_shows_activities_by_area_attendance_and_needs_per_community() -> None:
    q = quarter()
    page = render(q)
    section = page[page.index("志愿服务与供需匹配") : page.index("品德积分榜")]
    months = q.volunteering.months()
    needs = q.volunteering.needs_by_community()
    names = {r.code: r.name for r in q.directory.regions}

    for words in (
        "每月活动（按服务领域）",
        "Activities per month by service area",
        "报名与签到",
        "Sign-ups against attendance",
        "各社区需求满足情况",
        "Needs met and open per community",
        "模拟数据 simulated",
        "养老服务 elderly care",
    ):
        assert words in section
    assert section.count("<table>") == 3
    signed = sum(m.signed_up for m in months)
    assert f'<td class="num">{signed}</td>' in section
    assert all(names[n.community] in section for n in needs)
    assert "Volunteering and needs matched" in render(q, lang="en")

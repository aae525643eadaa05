"""collector_paused() and the directory's own pause: the collector comes back as it was."""

from __future__ import annotations

import gc

import pytest

from wulian_core import Directory, IntegrityError, Region, RegionCode, collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> object:
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


def test_paused_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("loading failed")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_freeze_moves_what_was_loaded_out_of_collections() -> None:
    before = gc.get_freeze_count()
    with collector_paused(freeze=True):
        loaded = [[n] for n in range(1_000)]
    assert gc.get_freeze_count() >= before + len(loaded)
    assert gc.isenabled()


def test_without_freeze_nothing_is_frozen() -> None:
    before = gc.get_freeze_count()
    with collector_paused():
        _ = [[n] for n in range(1_000)]
    assert gc.get_freeze_count() == before


def test_a_directory_builds_with_the_collector_paused_and_restores_it() -> None:
    seen: list[bool] = []

    def regions() -> object:
        seen.append(gc.isenabled())
        yield Region(code=RegionCode("15"), name="内蒙古自治区")

    Directory(regions=regions())
    assert seen == [False]
    assert gc.isenabled()


def test_a_refused_directory_restores_the_collector() -> None:
    with pytest.raises(IntegrityError):
        Directory(regions=[Region(code=RegionCode("1506"), name="鄂尔多斯市")])
    assert gc.isenabled()


@pytest.mark.parametrize("first_out", ["first in", "second in"])
def test_blocks_overlapping_across_threads_leave_the_collector_on(first_out: str) -> None:
    # Two requests each building a directory: whichever block ends first, the collector
    # stays paused until the other ends, and is on again after both.
    import threading

    entered, release_first = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            entered.set()
            release_first.wait(10)
        seen["after first"] = gc.isenabled()

    thread = threading.Thread(target=first)
    thread.start()
    entered.wait(10)
    with collector_paused():
        if first_out == "first in":
            release_first.set()
            thread.join(10)
            assert seen["after first"] is False  # this block still holds it paused
    assert gc.isenabled() is (first_out == "first in")
    release_first.set()
    thread.join(10)
    assert gc.isenabled()


def test_nested_blocks_resume_at_the_outermost() -> None:
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()

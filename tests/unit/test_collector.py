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

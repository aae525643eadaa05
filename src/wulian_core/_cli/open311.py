"""``wulian open311``: the service list of a policy, and cases as GeoReport v2 requests.

``requests`` reads the cases of an event store (``--store PATH``, the store an app or
``wulian demo --store`` keeps) or simulates a demo quarter (``--seed``); ``services``
writes the service list of an escalation policy's catalogue.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from wulian_core._progress import _progress, _Working

from .common import InputError, read_text, stored

__all__ = ["add_open311_parser", "run_open311"]


def add_open311_parser(commands: Any) -> None:
    """The ``open311`` command and its two record kinds."""
    open311 = commands.add_parser("open311", help="Open311 GeoReport v2 records as JSON")
    records = open311.add_subparsers(dest="open311_command", metavar="RECORDS")
    requests = records.add_parser(
        "requests",
        help="cases as GeoReport service requests: from an event store, or a demo quarter",
    )
    requests.add_argument(
        "--store", type=Path, default=None, help="the SQLite event store to read the cases from"
    )
    requests.add_argument(
        "--seed",
        type=int,
        default=None,
        help="without --store: the demo quarter's seed (default 0)",
    )
    requests.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    services = records.add_parser("services", help="the service list of an escalation policy")
    services.add_argument(
        "--policy",
        default="kangbashi",
        help="a bundled escalation policy or a TOML file (default: kangbashi)",
    )
    services.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")


def _stored_cases(path: Path) -> list[Any]:
    """Every case the store holds, as stored, in the order its streams began."""
    with stored(path) as store, store.unit_of_work() as uow:
        return list(uow.cases.get_many(store.stream_ids("case")))


def _demo_cases(seed: int) -> tuple[list[Any], dict[str, str]]:
    from wulian_core import policies
    from wulian_core.simulation import simulate_quarter
    from wulian_core.synth import kangbashi

    directory = kangbashi(seed=seed)
    with _Working("simulating a quarter"):
        quarter = simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=seed)
    return list(quarter.cases), {agency.id: agency.name for agency in directory.agencies}


def _policy(name_or_path: str) -> Any:
    from wulian_core import policies

    path = Path(name_or_path)
    if name_or_path.endswith(".toml") or path.is_file():
        return policies.load_escalation(read_text(path))
    if name_or_path not in policies.bundled_escalation():
        bundled = ", ".join(policies.bundled_escalation())
        raise InputError(
            f"--policy {name_or_path!r}: no bundled escalation policy by this name "
            f"(bundled: {bundled}), nor a TOML file"
        )
    return policies.load_escalation(name_or_path)


def _write(text: str, output: Path | None, out: TextIO, what: str) -> None:
    if output is None:
        print(text, file=out)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror}") from None
    _progress(f"wrote {output} ({what})")


def run_open311(args: argparse.Namespace, out: TextIO) -> None:
    """``wulian open311 requests|services``."""
    from wulian_core.open311 import requests_to_json, services_to_json

    if args.open311_command == "services":
        policy = _policy(args.policy)
        _write(
            services_to_json(policy), args.output, out, f"{len(policy.services.services)} services"
        )
        return
    if args.open311_command != "requests":
        raise InputError("say which records: wulian open311 requests or wulian open311 services")
    names: dict[str, str] = {}  # a store holds no directory: agencies go by their ids
    if args.store is not None:
        if args.seed is not None:  # a stored quarter has its seed already
            raise InputError("--seed applies only without --store")
        cases = _stored_cases(args.store)
    else:
        cases, names = _demo_cases(args.seed or 0)
    _write(
        requests_to_json(cases, agency_names=names), args.output, out, f"{len(cases):,} requests"
    )

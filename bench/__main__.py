"""``python -m bench``: generate each size into a fresh instance, drive the real server, and
print and save the table (README "Benchmark").

    python -m bench --size 10000 --size 100000 --seconds 5
    python -m bench --size 10000 --postgres postgresql://station:station@127.0.0.1:5432/
    python -m bench --size 1000000 --instance /tmp/bench-1m --keep   # then, after a change:
    python -m bench --reuse /tmp/bench-1m
"""

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import func, select

from . import generate, instance, load, words

RESULTS = Path(__file__).resolve().parent / "results"
HEAD = "zhaojun"  # the first station's head (station/demo/world.py)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sizes = "cases: 10000, 100000 or 1000000 (repeat for several; default 10000)"
    parser.add_argument("--size", type=int, action="append", help=sizes)
    parser.add_argument("--seconds", type=float, default=5.0, help="per page (default 5)")
    scratch = f"a PostgreSQL server; the database {instance.SCRATCH_DATABASE} is made on it"
    parser.add_argument("--postgres", metavar="URL", help=scratch + " and dropped after")
    where = "where to write the results (default bench/results/<date>-<database>.json)"
    parser.add_argument("--json", type=Path, help=where)
    folder = "an empty folder to generate into (default: a temporary one); removed at the end"
    parser.add_argument("--instance", type=Path, help=folder)
    keep = "keep the generated instance (and scratch database) for --reuse; one size only"
    parser.add_argument("--keep", action="store_true", help=keep)
    reuse = "drive an instance that a --keep run left in DIR (its schema upgraded first)"
    parser.add_argument("--reuse", type=Path, metavar="DIR", help=reuse)
    args = parser.parse_args(argv)
    if args.reuse is not None:
        if args.size or args.postgres or args.instance or args.keep:
            parser.error("--reuse takes its size and database from the kept instance alone.")
        try:
            args.kept = instance.kept_facts(args.reuse)
        except generate.Refused as exc:
            parser.error(str(exc))
        args.size = [args.kept["size"]]
        args.postgres = args.kept.get("postgres_admin_url")
        return args
    args.size = args.size or [10_000]
    if args.keep and len(args.size) > 1:
        parser.error("--keep keeps one instance: give one --size.")
    if not 0.2 <= args.seconds <= 600:
        parser.error("--seconds must be between 0.2 and 600.")
    try:
        for size in args.size:
            generate.check_size(size)
        if args.instance is not None:
            instance.check_folder(args.instance)
    except generate.Refused as exc:
        parser.error(str(exc))
    return args


def pages(ref: str, month: str, xlsx: bool) -> list[tuple[str, str]]:
    out = [
        ("board", "/board"),
        ("home (head)", "/"),
        ("cases, first page", "/cases/"),
        ("cases, filtered", "/cases/?status=accepted&kind=complaint"),
        ("cases, overdue", "/cases/?overdue=y"),
        ("cases, mine", "/cases/mine"),
        ("a case page", f"/cases/{ref}"),
        (f"search, common 2 ({words.COMMON})", "/search?q=" + quote(words.COMMON)),
        (f"search, rare 2 ({words.RARE})", "/search?q=" + quote(words.RARE)),
        (f"search, 4 ({words.FOUR})", "/search?q=" + quote(words.FOUR)),
        ("monthly summary", f"/summary/{month}"),
    ]
    if xlsx:
        out.append(("monthly summary, XLSX", f"/summary/{month}.xlsx"))
    return out


def _facts(app) -> dict:
    """What the load needs from the data: a case to open, last month, whether the XLSX exists."""
    from station.cases.models import Case
    from station.extensions import db
    from station.models import User
    from station.rules.vocab import CONFIDENTIAL_KINDS
    from station.timeutil import local_today, station_tz

    with app.app_context():
        station_id = db.session.scalar(select(User.station_id).where(User.username == HEAD))
        ref = db.session.scalar(
            select(Case.ref)
            .where(Case.station_id == station_id, Case.kind.not_in(CONFIDENTIAL_KINDS))
            .order_by(Case.id.desc())
            .limit(1)
        )
        month = load.last_month(local_today(station_tz()))
        xlsx = any(".xlsx" in rule.rule for rule in app.url_map.iter_rules())
        return {"ref": ref, "month": month, "xlsx": xlsx, "station_id": station_id}


def duplicate_refs(app) -> int:
    from station.cases.models import Case
    from station.extensions import db

    with app.app_context():
        groups = (
            select(Case.station_id, Case.ref)
            .group_by(Case.station_id, Case.ref)
            .having(func.count() > 1)
            .subquery()
        )
        return db.session.scalar(select(func.count()).select_from(groups))


@contextmanager
def _instance(args: argparse.Namespace) -> Iterator[instance.Instance]:
    if args.reuse is not None:
        yield instance.reused(args.reuse, args.kept)
    else:
        with instance.fresh(args.instance, args.postgres, keep=args.keep) as inst:
            yield inst


def _generated(inst: instance.Instance, app, size: int, args: argparse.Namespace) -> float:
    """Generate the data (or, reusing a kept instance, say how long it once took)."""
    if args.reuse is not None:
        print(f"  reusing the {size:,} cases kept in {inst.folder}")
        return args.kept["generate_seconds"]
    began = time.perf_counter()
    with app.app_context():
        lines = generate.generate(size)
    generated = round(time.perf_counter() - began, 1)
    print("\n".join(f"  {line}" for line in lines if "receipt code" not in line))
    if args.keep:
        instance.mark_kept(inst, size, generated)
        print(f"  kept in {inst.folder}: rerun with --reuse {inst.folder}")
    return generated


def run_size(size: int, args: argparse.Namespace) -> dict:
    seconds = args.seconds
    with _instance(args) as inst:
        app = instance.app_for(inst)
        generated = _generated(inst, app, size, args)
        instance.settle(app)
        facts = _facts(app)
        instance.dispose(app)
        server = load.station_server(inst.environment).start()
        try:
            cookie = load.log_in(server.port, HEAD, generate.PASSWORD)
            results = []
            for name, path in pages(facts["ref"], facts["month"], facts["xlsx"]):
                results.append(load.drive(server.port, name, path, load.get(path), seconds, cookie))
                print(f"  {name}: {results[-1].rps:.1f} req/s")
            register, cookie = load.registering(server.port, cookie)
            path = "/cases/new?channel=phone"
            name = "register a case (POST)"
            results.append(load.drive(server.port, name, path, register, seconds, cookie))
            memory = server.peak_memory_mb()
            cold = server.cold_start
        finally:
            server.stop()
        app = instance.app_for(inst)
        duplicates = duplicate_refs(app)
        instance.dispose(app)
    return {
        "size": size,
        "generate_seconds": generated,
        "reused": args.reuse is not None,
        "cold_start_s": round(cold or 0, 2),
        "peak_rss_mb": None if memory is None else round(memory, 1),
        "duplicate_refs": duplicates,
        "results": results,
    }


def ceiling(seconds: float) -> load.Result:
    server = load.ceiling_server().start()
    try:
        return load.drive(server.port, "minimal Flask view", "/", load.get("/"), seconds)
    finally:
        server.stop()


def table(run: dict, ceiling_rps: float) -> list[str]:
    lines = [
        f"{run['size']:,} cases ({run['database']}): generated in {run['generate_seconds']} s; "
        f"cold start {run['cold_start_s']} s; peak RSS {run['peak_rss_mb']} MB; "
        f"duplicate references {run['duplicate_refs']}",
        "| page | req/s | p50 ms | p95 ms | errors | SQL/request | ratio to minimal |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in run["pages"]:
        ratio = f"{row['ratio']:.1%}" if row["ratio"] is not None else "-"
        lines.append(
            f"| {row['page']} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['errors']} | {row['queries'] if row['queries'] is not None else '-'} | {ratio} |"
        )
    lines.append(f"| minimal Flask view | {ceiling_rps:.0f} | | | | | 100% |")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    database = "postgresql" if args.postgres else "sqlite"
    print(f"Ceiling: a minimal Flask view, {args.seconds:g} s …")
    top = ceiling(args.seconds)
    print(f"  {top.rps:.0f} req/s, p95 {top.percentile(0.95):.1f} ms")
    report = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": database,
        "seconds_per_page": args.seconds,
        "clients": load.CLIENTS,
        "threads": load.THREADS,
        "ceiling": top.as_dict(top.rps),
        "runs": [],
    }
    target = args.json or RESULTS / f"{datetime.now():%Y-%m-%d-%H%M}-{database}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    for size in args.size:
        print(f"{size:,} cases on {database}: generating …")
        run = run_size(size, args)
        run["database"] = database
        run["pages"] = [r.as_dict(top.rps) for r in run.pop("results")]
        report["runs"].append(run)
        print("\n".join(table(run, top.rps)))
        # After each size, so that a later size that fails keeps the earlier figures.
        target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Written: {target}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the server and the instance are gone by now (finally blocks)
        print("Interrupted; the server was stopped and the temporary instance removed.")
        sys.exit(130)

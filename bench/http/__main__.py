"""`python -m bench.http [options]`: the HTTP benchmark. Prints a table and writes JSON (bench/http/results/).

It sets up a fresh database with the app's own `flask setup`, serves the app and `baseline.py` (a bare Flask
app doing the floor of the same work) through quiz/gunicorn_conf.py with the same worker count, replays
pre-generated distinct requests with wrk (throughput per route, app and baseline alternating), fires a
class-sized burst (burst.py) and a stress run, and reads the workers' memory. What each figure means:
bench/README.md, "HTTP (bench/http)". Targets: budgets.py.

There is deliberately no __init__.py: a folder named `http` that is a regular package would hide the standard
library's `http` whenever bench/ is on sys.path (pytest puts it there for bench/bench_*.py, and so does
`python bench/score_extractor.py`); a namespace package never wins over a regular one. Nothing here is
collected by the test run (no test_*.py); tests/test_bench_http.py runs it for a second.

Exit status: 0 when the run completed (whatever the figures: targets are reported, not enforced), 2 when
gunicorn or wrk is missing, 1 when the run itself failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import ROUTES, Options, run
from .servers import gunicorn_missing, wrk_missing

DEFAULT_OUTPUT = Path(__file__).with_name("results") / "latest.json"


def parse(argv: list[str] | None = None) -> tuple[Options, Path | None]:
    defaults = Options()
    parser = argparse.ArgumentParser(prog="python -m bench.http", description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=defaults.workers, help="gunicorn workers, app and baseline")
    parser.add_argument("--connections", type=int, default=None,
                        help="connections in the throughput runs (default: 2 per worker)")
    parser.add_argument("--seconds", type=float, default=defaults.seconds, help="length of one throughput run")
    parser.add_argument("--alternations", type=int, default=defaults.alternations,
                        help="app/baseline turns per route (medians are taken over them)")
    parser.add_argument("--warmup", type=float, default=defaults.warmup_seconds, help="warm-up seconds per route")
    parser.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, of {', '.join(ROUTES)}")
    parser.add_argument("--students", type=int, default=defaults.students, help="size of the class (and burst)")
    parser.add_argument("--no-burst", dest="burst", action="store_false", help="leave out the class burst")
    parser.add_argument("--no-stress", dest="stress", action="store_false", help="leave out the stress run")
    parser.add_argument("--stress-connections", type=int, default=defaults.stress_connections)
    parser.add_argument("--stress-seconds", type=float, default=defaults.stress_seconds)
    parser.add_argument("--database-url", default=None,
                        help="a database to use and fill (e.g. an empty PostgreSQL one); default: SQLite in a "
                             "temporary folder")
    parser.add_argument("--journal-mode", choices=("wal", "app"), default=defaults.journal_mode,
                        help="SQLite: switch the file to WAL (default), or keep what `flask setup` leaves")
    parser.add_argument("--baseline", choices=("bare", "floor"), default=defaults.baseline,
                        help="bare: the floor of each route's work (the targets' baseline); floor: that plus the "
                             "stack's own cost for a signed-in request (session, user, CSRF), to see what is ours")
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="flask setup --no-demo (quicker)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs, pools)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"JSON file (default {DEFAULT_OUTPUT})")
    parser.add_argument("--no-output", dest="output", action="store_const", const=None, help="write no JSON")
    args = parser.parse_args(argv)
    routes = tuple(r for r in args.routes.split(",") if r)
    unknown = set(routes) - set(ROUTES)
    if unknown:
        parser.error(f"unknown route(s): {', '.join(sorted(unknown))}")
    options = Options(workers=args.workers, connections=args.connections, seconds=args.seconds,
                      alternations=args.alternations, warmup_seconds=args.warmup, routes=routes,
                      students=args.students, burst=args.burst, stress=args.stress,
                      stress_connections=args.stress_connections, stress_seconds=args.stress_seconds,
                      database_url=args.database_url, journal_mode=args.journal_mode, demo=args.demo, keep=args.keep,
                      baseline=args.baseline)
    return options, args.output


def main(argv: list[str] | None = None) -> int:
    from .report import summary, table, write_json

    options, output = parse(argv)
    missing = gunicorn_missing() or wrk_missing()
    if missing:
        print(f"bench/http: {missing}", file=sys.stderr)
        return 2
    data = summary(run(options))
    print(table(data))
    if output is not None:
        write_json(data, output)
        print(f"\nJSON: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: TwitchCare under real use, next to the fastest a Django view can be here.

For each database (SQLite, then PostgreSQL) it builds a scratch database, seeds 40 people
with 90 days of history each and two people for the data-growth part (bench/seed.py), and:

1. Mixed load. gunicorn (2 workers x 4 threads, production settings: DEBUG off, whitenoise
   manifest, no Redis) serves wrk at 8 connections running bench/mixed.lua: of every 100
   requests, 16 log an episode (POST /api/episodes/) and 12 each read the dashboard, the
   journal, triage and insights pages, the episode list and triage API (each as a random
   one of the 40 people) and a guidance page (signed out). The floor (/healthz/, a bare
   view) is loaded by the same server in the same run, in rounds that alternate with the
   mix. Prints requests/s and its ratio to the floor, p50/p99 per endpoint and errors.
2. Data growth. gunicorn with 1 worker serves one client that, for each endpoint, logs an
   episode and then reads the endpoint, as a person with five years of entries and as one
   with 60 days. Prints each endpoint's median for both and the ratio, and the worker's
   peak memory (VmHWM) before and after the year's report, its PDF and the exports.
3. Durability. 16 clients create episodes through the API for a fixed time; every request
   must succeed and every 201 must be in the database afterwards.

Each figure is printed beside its target (SPEC, "Quality bars"; issue 23). The exit status
is 1 when a target is missed or the durability check fails. Only loopback is contacted.
Results also go to bench-results/<database>.json.
"""

import argparse
import datetime as dt
import http.client
import json
import math
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
HOST = "127.0.0.1"
#: The scratch PostgreSQL database (dropped and made again): BENCH_POSTGRES_URL, else this.
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/twitchcare_bench"
)
GUIDANCE_PAGE = "/guidance/causes/stress-anxiety/"
FLOOR = "floor (bare view)"
LOG_EPISODE = "log an episode (POST)"

# (name, share of every 100 requests, method, path, signed in)
MIX = [
    (LOG_EPISODE, 16, "POST", "/api/episodes/", True),
    ("dashboard", 12, "GET", "/", True),
    ("journal page", 12, "GET", "/journal/", True),
    ("triage page", 12, "GET", "/triage/", True),
    ("insights page", 12, "GET", "/insights/", True),
    ("episode list API", 12, "GET", "/api/episodes/", True),
    ("triage API", 12, "GET", "/api/triage/", True),
    ("guidance page", 12, "GET", GUIDANCE_PAGE, False),
]
FLOOR_MIX = [(FLOOR, 1, "GET", "/healthz/", False)]

# Data growth: (name, path or URL name to reverse, group). Each group has its target ratio.
WINDOWED, REPORT, PDF, EXPORT = "windowed page", "year's report page", "year's PDF", "export"
GROWTH_TARGETS = {WINDOWED: 1.5, REPORT: 3.0, PDF: 2.5, EXPORT: 20.0}
GROWTH_ENDPOINTS = [
    ("dashboard", "/", WINDOWED),
    ("journal page", "/journal/", WINDOWED),
    ("triage page", "/triage/", WINDOWED),
    ("insights page", "/insights/", WINDOWED),
    ("episode list API", "/api/episodes/", WINDOWED),
    ("triage API", "/api/triage/", WINDOWED),
    ("report page, a year", "journal:report", REPORT),
    ("report PDF, a year", "journal:report_pdf", PDF),
    ("export API, all", "api-export", EXPORT),
    ("CSV export, all", "journal:export_csv", EXPORT),
]
MEMORY_TARGET_MB = 64
MIX_TARGETS = {"ratio": 0.10, "p99_ms": 100.0}

COUNT = """
import json, sys, django
django.setup()
from journal.models import Episode
ids = json.load(open(sys.argv[1]))
print(Episode.objects.filter(pk__in=ids).count())
"""


def say(text: str) -> None:
    """A progress line, with the time of day (UTC)."""
    print(f"{time.strftime('%H:%M:%S', time.gmtime())} {text}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def django_env(database_url: str, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="twitchcare.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        # Throttles stay on (they are part of a request's cost) at rates no client reaches,
        # with a one-second window, as a real rate's window holds about as many entries.
        DJANGO_THROTTLE_USER="1000000/s",
        DJANGO_THROTTLE_ANON="1000000/s",
        DJANGO_THROTTLE_AUTH="1000000/s",
        DATABASE_URL=database_url,
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run_python(env, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def reset_postgres(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"not a plain database name: {name!r}")
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", "-h", HOST, "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True
        )


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of ``values`` (not empty)."""
    ranked = sorted(values)
    return ranked[max(0, math.ceil(pct / 100 * len(ranked)) - 1)]


class Server:
    """gunicorn on a free loopback port; ``workers`` x ``threads``."""

    def __init__(self, env, workers: int, threads: int = 4):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "twitchcare.wsgi", "--workers", str(workers),
             "--threads", str(threads), "--timeout", "300",
             "--bind", f"{HOST}:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        while len(self.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.2)

    def worker_pids(self) -> list[int]:
        """The worker processes: the children of gunicorn's master."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the master and its workers."""
        total = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def memory_mb(pid: int) -> dict[str, float]:
    """A process's peak (VmHWM) and current (VmRSS) resident memory, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M))
    return {key: round(int(value) / 1024, 1) for key, value in values.items()}


# -- 1. mixed load ---------------------------------------------------------------------------


def connections_per_worker(port: int) -> list[int]:
    """How many established connections to ``port`` each server process holds (via ss)."""
    if not shutil.which("ss"):
        return []
    listing = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    counts: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", listing):
        counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts.values())


def write_config(path: Path, kinds: list, people: list[str], csrf: str) -> None:
    lines = [f"csrf\t{csrf}"] + [f"person\t{session}" for session in people]
    for name, weight, method, target, personal in kinds:
        lines.append(f"kind\t{name}\t{weight}\t{method}\t{target}\t{int(personal)}")
    path.write_text("\n".join(lines) + "\n")


def wrk(server: Server, kinds: list, config: Path, seconds: int, connections: int) -> dict:
    """One wrk run of bench/mixed.lua with ``kinds`` (as written to ``config``); run again
    (up to 3 times) if one worker got every connection.

    gunicorn's workers take keep-alive connections as they come, and now and then one of
    the two takes all of them: the other CPU then idles and everything, the floor included,
    measures at half speed. That is luck of the draw, not the code under test.
    """
    out = config.with_suffix(".out")
    env = {**os.environ, "BENCH_CONFIG": str(config), "BENCH_OUT": str(out)}
    command = [
        "wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
        "-s", str(BENCH / "mixed.lua"), f"http://{HOST}:{server.port}/",
    ]  # fmt: skip
    for _attempt in range(3):
        for old in config.parent.glob(f"{out.name}.*"):
            old.unlink()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        server_before = server.cpu_seconds()
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
            time.sleep(min(0.5, seconds / 4))
            placement = connections_per_worker(server.port)
            output, _ = process.communicate()
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, command, output)
        if len(placement) != 1:  # spread over the workers, or not known
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    amount, unit = re.search(r"requests in ([\d.]+)(ms|s|m)", output).groups()
    wall = float(amount) * {"ms": 0.001, "s": 1.0, "m": 60.0}[unit]
    generator_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    found = {name: {"requests": 0, "errors": 0, "latencies_ms": []} for name, *_ in kinds}
    names = [name for name, *_ in kinds]
    for thread_file in config.parent.glob(f"{out.name}.*"):
        for line in thread_file.read_text().splitlines():
            number, micros, status = line.split()
            row = found[names[int(number) - 1]]
            row["requests"] += 1
            row["errors"] += not 200 <= int(status) < 400
            row["latencies_ms"].append(int(micros) / 1000)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "seconds": round(wall, 2),
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "generator_cores": round(generator_cpu / wall, 2),
        "server_cores": round((server.cpu_seconds() - server_before) / wall, 2),
        "connections_per_worker": placement,
        "kinds": found,
    }


def check_mix(server: Server, seed: dict, csrf: str) -> None:
    """Every request of the mix answers as it should before any load is timed."""
    person = Client(server.port, seed["people"][0], csrf)
    visitor = Client(server.port, None, csrf)
    for name, _weight, method, path, personal in MIX:
        client = person if personal else visitor
        status = client.post_episode() if method == "POST" else client.get(path)[0]
        if status != (201 if method == "POST" else 200):
            raise RuntimeError(f"{name} ({method} {path}) answered {status} before the load")
    visitor.get("/healthz/")


def mixed_load(server: Server, seed: dict, csrf: str, workdir: Path, args) -> dict:
    mix_config, floor_config = workdir / "mix.tsv", workdir / "floor.tsv"
    write_config(mix_config, MIX, seed["people"], csrf)
    write_config(floor_config, FLOOR_MIX, [], csrf)
    check_mix(server, seed, csrf)
    wrk(server, FLOOR_MIX, floor_config, 2, args.connections)  # warm-up
    wrk(server, MIX, mix_config, 3, args.connections)
    per_round = max(2, round(args.seconds / args.rounds))
    floors, mixes = [], []
    for number in range(1, args.rounds + 1):
        say(f"   round {number} of {args.rounds}: floor, then the mix, {per_round} s each")
        floors.append(wrk(server, FLOOR_MIX, floor_config, per_round, args.connections))
        mixes.append(wrk(server, MIX, mix_config, per_round, args.connections))
    endpoints = {}
    everything: list[float] = []
    for name, *_ in FLOOR_MIX + MIX:
        runs = floors if name == FLOOR else mixes
        times = [t for run in runs for t in run["kinds"][name]["latencies_ms"]]
        if name != FLOOR:
            everything += times
        endpoints[name] = {
            "requests": sum(run["kinds"][name]["requests"] for run in runs),
            "errors": sum(run["kinds"][name]["errors"] for run in runs),
            "p50_ms": round(percentile(times, 50), 1) if times else None,
            "p99_ms": round(percentile(times, 99), 1) if times else None,
        }
    floor_rps = statistics.median(run["rps"] for run in floors)
    mix_rps = statistics.median(run["rps"] for run in mixes)
    return {
        "people": len(seed["people"]),
        "connections": args.connections,
        "seconds_per_round": per_round,
        "floor_rps": floor_rps,
        "mix_rps": mix_rps,
        "ratio": round(mix_rps / floor_rps, 3),
        "rounds": [
            {
                "floor_rps": floor["rps"],
                "mix_rps": mix["rps"],
                "generator_cores": [floor["generator_cores"], mix["generator_cores"]],
                "server_cores": [floor["server_cores"], mix["server_cores"]],
                "connections_per_worker": [
                    floor["connections_per_worker"],
                    mix["connections_per_worker"],
                ],
            }
            for floor, mix in zip(floors, mixes, strict=True)
        ],
        "socket_errors": "; ".join(
            r["socket_errors"] for r in floors + mixes if r["socket_errors"]
        ),
        "overall": {
            "requests": len(everything),
            "p50_ms": round(percentile(everything, 50), 1),
            "p99_ms": round(percentile(everything, 99), 1),
        },
        "endpoints": endpoints,
    }


# -- 2. data growth --------------------------------------------------------------------------


class Client:
    """One person's (or a visitor's) connection, signed in by session cookie.

    With ``keep_alive`` off, each request opens a new connection: gunicorn closes one that
    sits idle for 2 s, as the data-growth client's do while the other person's PDF is drawn.
    """

    BODY = json.dumps({"locations": ["eyelid"], "side": "left", "intensity": 3, "triggers": []})

    def __init__(self, port: int, session: str | None, csrf: str, *, keep_alive: bool = True):
        self.port = port
        self.keep_alive = keep_alive
        self.conn = http.client.HTTPConnection(HOST, port, timeout=300)
        self.headers = {"Cookie": f"csrftoken={csrf}"}
        if session:
            self.headers["Cookie"] += f"; sessionid={session}"
        self.csrf = csrf

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if not self.keep_alive:
            self.conn.close()
        if method == "POST":
            headers.update({"X-CSRFToken": self.csrf, "Content-Type": "application/json"})
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=300)
            raise

    def post_episode(self, notes: str = "") -> int:
        body = json.dumps({**json.loads(self.BODY), "notes": notes}) if notes else self.BODY
        return self.request("POST", "/api/episodes/", body)[0]

    def get(self, path: str) -> tuple[int, float, int]:
        """Status, milliseconds to the last byte, and bytes of a GET."""
        began = time.perf_counter()
        status, body = self.request("GET", path)
        return status, (time.perf_counter() - began) * 1000, len(body)


def growth(env, seed: dict, csrf: str, args) -> dict:
    """Each endpoint read right after a write, by the five-year and the 60-day person."""
    today = seed["today"]
    year_start = str(dt.date.fromisoformat(today) - dt.timedelta(days=364))
    server = Server(env, workers=1)
    try:
        (worker,) = server.worker_pids()
        people = {
            "long": Client(server.port, seed["growth"]["growth-long"], csrf, keep_alive=False),
            "short": Client(server.port, seed["growth"]["growth-short"], csrf, keep_alive=False),
        }
        rows, memory = {}, {}
        for name, target, group in GROWTH_ENDPOINTS:
            if group != WINDOWED and "before" not in memory:
                memory["before"] = memory_mb(worker)
            path = target if target.startswith("/") else seed["urls"].get(target)
            if path is None:
                say(f"   {name}: no URL named {target}, skipped")
                continue
            if group in (REPORT, PDF):
                path += f"?start={year_start}&end={today}"
            times: dict[str, list[float]] = {"long": [], "short": []}
            sizes = {}
            for _ in range(args.growth_repeats):
                for who, client in people.items():
                    written = client.post_episode()
                    status, ms, size = client.get(path)
                    if written != 201 or status != 200:
                        raise RuntimeError(f"{name}: write {written}, then GET {path} {status}")
                    times[who].append(ms)
                    sizes[who] = size
            long_ms, short_ms = statistics.median(times["long"]), statistics.median(times["short"])
            rows[name] = {
                "path": path,
                "group": group,
                "long_ms": round(long_ms, 1),
                "short_ms": round(short_ms, 1),
                "ratio": round(long_ms / short_ms, 2),
                "target": GROWTH_TARGETS[group],
                "long_bytes": sizes["long"],
                "short_bytes": sizes["short"],
                "long_runs_ms": [round(t, 1) for t in times["long"]],
                "short_runs_ms": [round(t, 1) for t in times["short"]],
            }
            if group != WINDOWED:
                memory[f"after {name}"] = memory_mb(worker)
            say(f"   {name}: {long_ms:.0f} ms against {short_ms:.0f} ms")
    finally:
        server.stop()
    peaks = [value["VmHWM"] for value in memory.values()]
    return {
        "year": [year_start, today],
        "episodes": seed["growth_episodes"],
        "repeats": args.growth_repeats,
        "endpoints": rows,
        "memory_mb": memory,
        "memory_growth_mb": round(max(peaks) - memory["before"]["VmHWM"], 1) if peaks else None,
    }


# -- 3. durability ---------------------------------------------------------------------------


def durability(port: int, people: list[str], csrf: str, seconds: int, clients: int) -> dict:
    """``clients`` threads create episodes for ``seconds``; returns what the server said."""
    created: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        person = Client(port, people[n % len(people)], csrf)
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            body = json.dumps({**json.loads(Client.BODY), "notes": f"client {n} request {i}"})
            try:
                status, payload = person.request("POST", "/api/episodes/", body)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    failures.append(repr(error))
                continue
            with lock:
                if status == 201:
                    created.append(json.loads(payload)["id"])
                else:
                    failures.append(f"HTTP {status}: {payload[:200]!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "created_201": len(created),
        "failed": len(failures),
        "failure_samples": failures[:5],
        "ids": created,
        "writes_per_second": round(len(created) / elapsed, 1),
    }


# -- one database ----------------------------------------------------------------------------


def bench_database(name: str, database_url: str, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"twitchcare-bench-{name}-"))
    if name == "postgresql":
        reset_postgres(database_url)
    env = django_env(database_url, workdir)
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    say(f"== {name}: migrate, collectstatic, seed {args.people} people")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    began = time.monotonic()
    seed = json.loads(run_python(env, "bench/seed.py", str(args.people), str(args.days)))
    say(
        f"   seeded {seed['episodes']} episodes and {seed['daily_logs']} daily logs "
        f"in {time.monotonic() - began:.0f} s"
    )
    results: dict = {"database": name, "seed": {k: seed[k] for k in ("episodes", "daily_logs")}}
    parts = args.parts.split(",")
    if "mixed" in parts or "durability" in parts:
        server = Server(env, workers=2)
        try:
            if "mixed" in parts:
                say(f"== {name}: mixed load, {args.seconds} s of mix")
                results["mixed"] = mixed_load(server, seed, csrf, workdir, args)
            if "durability" in parts:
                say(f"== {name}: durability, {args.clients} clients, {args.write_seconds} s")
                results["durability"] = durability(
                    server.port, seed["people"], csrf, args.write_seconds, args.clients
                )
        finally:
            server.stop()
    if "durability" in parts:
        ids_file = workdir / "ids.json"
        ids_file.write_text(json.dumps(results["durability"].pop("ids")))
        found = run_python(env, "-c", COUNT, str(ids_file))
        results["durability"]["found_in_database"] = int(found)
    if "growth" in parts:
        say(f"== {name}: data growth, {args.growth_repeats} reads each, 1 worker")
        results["growth"] = growth(env, seed, csrf, args)
    shutil.rmtree(workdir, ignore_errors=True)
    return results


# -- report ----------------------------------------------------------------------------------


def verdict(ok: bool, missed: list[str], what: str) -> str:
    if not ok:
        missed.append(what)
    return "met" if ok else "MISSED"


def report(results: dict) -> list[str]:
    """Print one database's results; return the targets it missed."""
    missed: list[str] = []
    name = results["database"]
    mixed = results.get("mixed")
    if mixed:
        print(
            f"\n{name}: mixed load, {mixed['people']} people, {mixed['connections']} connections, "
            f"gunicorn 2 workers x 4 threads, {len(mixed['rounds'])} rounds of "
            f"{mixed['seconds_per_round']} s"
        )
        ok = mixed["ratio"] >= MIX_TARGETS["ratio"]
        print(
            f"requests/s: mix {mixed['mix_rps']:.0f}, floor {mixed['floor_rps']:.0f} "
            f"(median round); ratio {mixed['ratio']:.3f} "
            f"(target >= {MIX_TARGETS['ratio']}: {verdict(ok, missed, f'{name} ratio')})"
        )
        for number, one in enumerate(mixed["rounds"], 1):
            print(
                f"  round {number}: mix {one['mix_rps']:.0f}/s, floor {one['floor_rps']:.0f}/s; "
                f"CPU cores used by wrk {one['generator_cores'][1]:.2f} (floor "
                f"{one['generator_cores'][0]:.2f}), by gunicorn {one['server_cores'][1]:.2f} "
                f"(floor {one['server_cores'][0]:.2f}); connections per worker "
                f"{one['connections_per_worker'][1]}"
            )
        print(f"{'endpoint':<24}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  p99 < 100")
        rows = [(label, row) for label, row in mixed["endpoints"].items() if label != FLOOR] + [
            ("all of the mix", {**mixed["overall"], "errors": None}),
            (FLOOR, mixed["endpoints"][FLOOR]),
        ]
        for label, row in rows:
            p99_ok = row["p99_ms"] is not None and row["p99_ms"] < MIX_TARGETS["p99_ms"]
            mark = verdict(p99_ok, missed, f"{name} p99 {label}") if label != FLOOR else ""
            errors = "" if row["errors"] is None else row["errors"]
            if row["errors"]:
                missed.append(f"{name} errors {label}")
            print(
                f"{label:<24}{row['requests']:>9}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
                f"{errors:>8}  {mark}"
            )
        if mixed["socket_errors"]:
            missed.append(f"{name} socket errors")
            print(f"socket errors: {mixed['socket_errors']}")
        total_errors = sum(row["errors"] for row in mixed["endpoints"].values())
        print(f"errors (any status outside 2xx/3xx): {total_errors} (target 0)")
    grown = results.get("growth")
    if grown:
        counts = grown["episodes"]
        print(
            f"\n{name}: data growth, five years ({counts['growth-long']} episodes) against 60 days "
            f"({counts['growth-short']}), each read right after that person's write; median of "
            f"{grown['repeats']}; year {grown['year'][0]} to {grown['year'][1]}; 1 worker"
        )
        print(f"{'endpoint':<24}{'5 years ms':>11}{'60 days ms':>11}{'ratio':>8}  target")
        for label, row in grown["endpoints"].items():
            ok = row["ratio"] <= row["target"]
            mark = verdict(ok, missed, f"{name} growth {label}")
            print(
                f"{label:<24}{row['long_ms']:>11.1f}{row['short_ms']:>11.1f}{row['ratio']:>8.2f}"
                f"  <= {row['target']}: {mark}"
            )
        print("worker peak memory (VmHWM, MB):")
        for when, value in grown["memory_mb"].items():
            print(f"  {when:<32}{value['VmHWM']:>8.1f}  (now {value['VmRSS']:.1f})")
        if grown["memory_growth_mb"] is not None:
            ok = grown["memory_growth_mb"] <= MEMORY_TARGET_MB
            print(
                f"  growth {grown['memory_growth_mb']:.1f} MB (target <= {MEMORY_TARGET_MB}: "
                f"{verdict(ok, missed, f'{name} memory')})"
            )
    d = results.get("durability")
    if d:
        ok = d["failed"] == 0 and d["found_in_database"] == d["created_201"]
        print(
            f"\n{name}: durability, {d['clients']} clients, {d['seconds']} s: {d['created_201']} "
            f"created ({d['writes_per_second']}/s), {d['failed']} failed, "
            f"{d['found_in_database']} of {d['created_201']} found in the database: "
            f"{'OK' if ok else 'FAIL'}"
        )
        if not ok:
            missed.append(f"{name} durability")
        for sample in d["failure_samples"]:
            print(f"  failure: {sample}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--parts", default="mixed,growth,durability")
    parser.add_argument("--seconds", type=int, default=60, help="mixed load time (and floor)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds the load is split into")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--days", type=int, default=90, help="each person's history")
    parser.add_argument("--growth-repeats", type=int, default=5, help="reads per endpoint")
    parser.add_argument("--clients", type=int, default=16, help="durability writers")
    parser.add_argument("--write-seconds", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    missed: list[str] = []
    for name in args.databases.split(","):
        url = POSTGRES_URL if name == "postgresql" else None
        if url is None:
            url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='twitchcare-sqlite-')) / 'bench.db'}"
        results = bench_database(name, url, args)
        (out / f"{name}.json").write_text(json.dumps(results, indent=2))
        missed += report(results)
    print("\ntargets:", "all met" if not missed else "missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: how fast TwitchCare is next to the fastest a Django view can be here.

For each database (SQLite, then PostgreSQL) it:
1. builds a scratch database and seeds one person with 1,000 episodes over 60 days;
2. serves the app with gunicorn (2 workers x 4 threads) on loopback, production settings;
3. loads each page with wrk at 8 connections and prints requests/s, p50 and p99, and each
   endpoint's requests/s as a ratio to the floor (/healthz/, a bare view measured in the
   same run, same server). The load is split into rounds that visit every endpoint in turn
   (floor included); the median round counts, and the worst p99 of any round;
4. runs the durability check: 16 concurrent clients create episodes through the API for a
   fixed time; every request must succeed and every 201 must be in the database afterwards.

Only loopback is ever contacted. Results also go to bench-results/<database>.json.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/twitchcare_bench"

ENDPOINTS = [
    ("floor (bare view)", "/healthz/", False),
    ("dashboard", "/", True),
    ("episode list page", "/journal/", True),
    ("episode list API", "/api/episodes/", True),
    ("triage page", "/triage/", True),
    ("triage API", "/api/triage/", True),
    ("insights page", "/insights/", True),
    ("guidance page", "/guidance/causes/stress-anxiety/", False),
]

SEED = """
import datetime as dt, json, random, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from knox.models import AuthToken
from journal.models import DailyLog, Episode

rng = random.Random(7)
user = User.objects.create_user("bench", password="bench-password-123")
user.profile.time_zone = "Europe/London"
user.profile.save()
now = timezone.now()
locations = [["eyelid"], ["eyelid"], ["eyelid", "eyebrow"], ["cheek"]]
episodes = [
    Episode(
        user=user,
        started_at=now - dt.timedelta(minutes=rng.randint(1, 60 * 24 * 60)),
        duration_seconds=rng.choice([None, 5, 20, 60, 300]),
        locations=rng.choice(locations),
        side="left",
        intensity=rng.randint(1, 6),
        triggers=sorted(rng.sample(["stress", "caffeine", "poor_sleep", "screen_time"], 2)),
        symptoms=[],
    )
    for _ in range(1000)
]
Episode.objects.bulk_create(episodes)
today = timezone.localdate()
DailyLog.objects.bulk_create(
    DailyLog(user=user, date=today - dt.timedelta(days=d), sleep_hours=rng.randint(4, 9),
             caffeine_servings=rng.randint(0, 6), stress_level=rng.randint(0, 10),
             screen_hours=rng.randint(2, 12), water_glasses=rng.randint(2, 10))
    for d in range(60)
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "twitchcare.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"session": session.session_key, "token": AuthToken.objects.create(user=user)[1]}))
"""

COUNT = """
import json, sys, django
django.setup()
from journal.models import Episode
ids = json.load(open(sys.argv[1]))
print(Episode.objects.filter(pk__in=ids).count())
"""


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
        # Throttles stay on (they are part of a request's cost) with a one-second window,
        # as a real rate's window holds about as many entries as this one's.
        DJANGO_THROTTLE_USER="1000000/s",
        DJANGO_THROTTLE_ANON="1000000/s",
        DATABASE_URL=database_url,
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run_python(env, code: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", code, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def reset_postgres() -> None:
    for sql in ("DROP DATABASE IF EXISTS twitchcare_bench", "CREATE DATABASE twitchcare_bench"):
        subprocess.run(
            ["psql", "-h", HOST, "-U", "postgres", "-q", "-c", sql], check=True, capture_output=True
        )


class Server:
    """gunicorn, 2 workers x 4 threads, on a free loopback port."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "twitchcare.wsgi", "--workers", "2", "--threads", "4",
             "--bind", f"{HOST}:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    def latency(pct: str) -> float:
        match = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return round(float(match.group(1)) * UNIT[match.group(2)], 2)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def combine(runs: list[dict]) -> dict:
    """One endpoint's rounds as one row: the median round's requests/s and p50, the worst
    p99, and every error."""
    ranked = sorted(runs, key=lambda run: run["rps"])
    middle = ranked[len(ranked) // 2]
    return {
        "rps": middle["rps"],
        "p50_ms": middle["p50_ms"],
        "p99_ms": max(run["p99_ms"] for run in runs),
        "requests": sum(run["requests"] for run in runs),
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
        "rounds_rps": [run["rps"] for run in runs],
        "rounds_p99_ms": [run["p99_ms"] for run in runs],
    }


def check_status(port: int, path: str, headers: dict) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


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


def load(port: int, path: str, headers: dict, seconds: int, connections: int) -> dict:
    """wrk against ``path``; run again (up to 3 times) if one worker got every connection.

    gunicorn's workers take keep-alive connections as they come, and now and then one of
    the two takes all 8: the other CPU then idles and any endpoint, the floor included,
    measures at half speed. That is luck of the draw, not the code under test.
    """
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    for _attempt in range(3):
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as wrk:
            time.sleep(min(0.5, seconds / 4))
            placement = connections_per_worker(port)
            output, _ = wrk.communicate()
        if wrk.returncode:
            raise subprocess.CalledProcessError(wrk.returncode, command, output)
        if len(placement) != 1:  # spread over both workers, or not known
            break
    return {**parse_wrk(output), "connections_per_worker": placement}


def durability(port: int, token: str, seconds: int, clients: int) -> dict:
    """``clients`` threads create episodes for ``seconds``; returns what the server said."""
    created: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    body_template = {"locations": ["eyelid"], "side": "left", "intensity": 3, "triggers": []}

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            body = json.dumps({**body_template, "notes": f"client {n} request {i}"})
            try:
                conn.request("POST", "/api/episodes/", body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                if response.status == 201:
                    with lock:
                        created.append(json.loads(payload)["id"])
                else:
                    with lock:
                        failures.append(f"HTTP {response.status}: {payload[:200]!r}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    failures.append(repr(error))
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.close()

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


def bench_database(name: str, database_url: str, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"twitchcare-bench-{name}-"))
    if name == "postgresql":
        reset_postgres()
    env = django_env(database_url, workdir)
    print(f"\n== {name}: preparing (migrate, collectstatic, seed 1,000 episodes)", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    secrets = json.loads(run_python(env, SEED))
    server = Server(env)
    results: dict = {"database": name, "endpoints": {}}
    try:
        cookie = {"Cookie": f"sessionid={secrets['session']}"}
        requests = {}
        for label, path, personal in ENDPOINTS:
            headers = dict(cookie) if personal else {}
            if path.startswith("/api/"):
                headers = {"Authorization": f"Token {secrets['token']}"}
            status = check_status(server.port, path, headers)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} before the load started")
            load(server.port, path, headers, 2, args.connections)  # warm-up
            requests[label] = (path, headers)
        # Every endpoint, the floor included, is loaded in each of several rounds, so a
        # passing disturbance on the machine does not land on one endpoint only.
        rounds: dict[str, list[dict]] = {label: [] for label in requests}
        per_round = max(1, round(args.seconds / args.rounds))
        for _ in range(args.rounds):
            for label, (path, headers) in requests.items():
                rounds[label].append(load(server.port, path, headers, per_round, args.connections))
        for label, runs in rounds.items():
            results["endpoints"][label] = {"path": requests[label][0], **combine(runs)}
        print(f"== {name}: durability, {args.clients} clients for {args.write_seconds} s")
        durable = durability(server.port, secrets["token"], args.write_seconds, args.clients)
    finally:
        server.stop()
    ids_file = workdir / "ids.json"
    ids_file.write_text(json.dumps(durable.pop("ids")))
    durable["found_in_database"] = int(run_python(env, COUNT, str(ids_file)))
    results["durability"] = durable
    shutil.rmtree(workdir, ignore_errors=True)
    return results


def report(results: dict) -> None:
    endpoints = results["endpoints"]
    floor = endpoints["floor (bare view)"]["rps"]
    print(f"\n{results['database']}: 8 connections, gunicorn 2 workers x 4 threads")
    print(
        "(median round's req/s and p50, worst round's p99; each round's req/s and p99 at the right)"
    )
    print(
        f"{'endpoint':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x floor':>9}{'errors':>8}  rounds"
    )
    for label, row in endpoints.items():
        errors = row["non_2xx"] + (1 if row["socket_errors"] else 0)
        spread = " ".join(
            f"{rps:.0f}/{p99:.0f}"
            for rps, p99 in zip(row["rounds_rps"], row["rounds_p99_ms"], strict=True)
        )
        print(
            f"{label:<22}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['rps'] / floor:>9.2f}{errors:>8}  {spread}"
        )
    d = results["durability"]
    verdict = "OK" if d["failed"] == 0 and d["found_in_database"] == d["created_201"] else "FAIL"
    print(
        f"durability: {d['clients']} clients, {d['seconds']} s: {d['created_201']} created "
        f"({d['writes_per_second']}/s), {d['failed']} failed, {d['found_in_database']} of "
        f"{d['created_201']} found in the database: {verdict}"
    )
    for sample in d["failure_samples"]:
        print(f"  failure: {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=12, help="load time per endpoint")
    parser.add_argument("--rounds", type=int, default=3, help="rounds the load is split into")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--clients", type=int, default=16, help="durability writers")
    parser.add_argument("--write-seconds", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    ok = True
    for name in args.databases.split(","):
        url = POSTGRES_URL if name == "postgresql" else None
        if url is None:
            url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='twitchcare-sqlite-')) / 'bench.db'}"
        results = bench_database(name, url, args)
        (out / f"{name}.json").write_text(json.dumps(results, indent=2))
        report(results)
        d = results["durability"]
        ok &= d["failed"] == 0 and d["found_in_database"] == d["created_201"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

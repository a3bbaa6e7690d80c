"""``hicoop bench load``: a bounded load test of a running hicoop on this machine (issue 11).

N virtual users (threads, each with its own keep-alive connection) run for a fixed time against a
server on a loopback address only: mixed reads of pages and the API, Chinese searches, and a share
of writes (draft demands created through the API). Each user signs in with a demo account's
token. Prints requests, errors (5xx and broken connections), 4xx, and p50/p95/p99 latencies.

    hicoop serve --port 9120 &          # on a demo database, HICOOP_THROTTLE=false
    hicoop bench load --url http://127.0.0.1:9120 --users 20 50 --duration 60
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

ACCOUNTS = ["office", "unit-haikou", "unit-shanghai", "haikou-park", "shanghai", "hunan"]
SEARCHES = ["智能投喂", "深远海养殖", "水质在线监测", "创新药", "海洋装备", "南繁育种", "数字经济"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    client_errors: int = 0
    writes: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            if status >= 500 or status == 0:
                self.errors += 1
            elif status >= 400:
                self.client_errors += 1


class User:
    def __init__(self, host: str, port: int, token: str, writer: str, rng: random.Random) -> None:
        self.host, self.port, self.token, self.rng = host, port, token, rng
        self.writer = writer  # the joint office's token: every write is in scope
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def request(self, method: str, path: str, body: Any = None) -> int:
        token = self.writer if method != "GET" else self.token
        headers = {"Authorization": f"Token {token}", "Accept-Language": "zh-hans"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                response.read()
                return int(response.status)
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 1:
                    return 0
        return 0

    def one(self, write_share: float) -> tuple[str, str, str, Any]:
        roll = self.rng.random()
        if roll < write_share:
            n = self.rng.randrange(10**9)
            body = {
                "title": f"压测需求 {n}",
                "owner": "demo-unit-haikou-bio",
                "description": "负载测试写入的草稿需求（演示数据）。",
                "measure": 1,
                "mode": "one_to_one",
                "fields": ["deep-sea"],
            }
            return "write", "POST", "/api/v1/demands/", body
        q = urllib.parse.quote(self.rng.choice(SEARCHES))
        choices = [
            ("search", f"/api/v1/demands/?q={q}"),
            ("search", f"/api/v1/capabilities/?q={q}"),
            ("search", f"/demands/?q={q}"),
            ("read", "/api/v1/demands/"),
            ("read", "/api/v1/parties/?kind=park"),
            ("read", "/parties/?kind=park"),
            ("read", "/"),
            ("read", "/api/v1/achievements/"),
        ]
        kind, path = self.rng.choice(choices)
        return kind, "GET", path, None


def _token(host: str, port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    body = json.dumps({"username": username, "password": password})
    conn.request(
        "POST", "/api/v1/auth/token/", body=body, headers={"Content-Type": "application/json"}
    )
    response = conn.getresponse()
    payload = json.loads(response.read() or b"{}")
    conn.close()
    if response.status != 200 or "token" not in payload:
        raise SystemExit(f"cannot sign in as {username}: {response.status} {payload}")
    return str(payload["token"])


def run(
    host: str, port: int, users: int, duration: float, write_share: float, tokens: list[str]
) -> dict[str, Any]:
    tally = Tally()
    stop_at = time.monotonic() + duration
    start = threading.Barrier(users)

    def loop(n: int) -> None:
        user = User(host, port, tokens[n % len(tokens)], tokens[0], random.Random(n))
        start.wait()
        while time.monotonic() < stop_at:
            kind, method, path, body = user.one(write_share)
            began = time.perf_counter()
            status = user.request(method, path, body)
            tally.add(kind, time.perf_counter() - began, status)

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    elapsed = time.monotonic() - began
    ordered = sorted(tally.latencies)

    def pct(p: float) -> float:
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    return {
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": len(ordered),
        "per_second": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "errors": tally.errors,
        "client_errors": tally.client_errors,
        "mix": tally.kinds,
        "p50_ms": round(pct(50)),
        "p95_ms": round(pct(95)),
        "p99_ms": round(pct(99)),
        "mean_ms": round(statistics.fmean(ordered) * 1000) if ordered else 0,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench load", description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:9120")
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per step (≤ 600)")
    parser.add_argument("--writes", type=float, default=0.10, help="share of writes (0-0.5)")
    parser.add_argument("--password", default="hicoop-demo-2026", help="the demo accounts'")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    target = urllib.parse.urlsplit(args.url)
    host, port = target.hostname or "", target.port or 80
    if host not in LOOPBACK or target.scheme != "http":
        print("hicoop bench load runs against this machine only (http://127.0.0.1:PORT)")
        return 2
    if not (0 < args.duration <= 600) or not (0 <= args.writes <= 0.5):
        print("--duration must be 1-600 s and --writes 0-0.5")
        return 2
    if any(not 1 <= u <= 200 for u in args.users):
        print("--users must be 1-200")
        return 2
    tokens = [_token(host, port, name, args.password) for name in ACCOUNTS]
    results = []
    for users in args.users:
        result = run(host, port, users, args.duration, args.writes, tokens)
        results.append(result)
        print(
            f"{users:>3} users  {result['requests']:>6} requests  {result['per_second']:>6}/s  "
            f"errors {result['errors']}  4xx {result['client_errors']}  "
            f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms",
            flush=True,
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, ensure_ascii=False, indent=2)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

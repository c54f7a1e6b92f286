"""A small closed-loop HTTP load generator, run as its own process against 127.0.0.1.

    python -m bench.loadgen --port 8123 --path /api/v1/public/messages --payload public \
        --concurrency 8 --seconds 15 --max 20000

Each of `concurrency` threads opens a connection, POSTs one JSON body, reads the answer, and starts
again, until `seconds` have passed or `max` requests were sent. Each request carries its own
X-Forwarded-For address (as behind the office's reverse proxy), so per-citizen rate limits apply to
many citizens, not to the load generator. Prints one JSON object: requests/s of successful (2xx)
answers, latency percentiles, and the count of every other status.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import sys
import threading
import time

PROBLEMS = ["小区楼道照明损坏", "道路井盖缺失", "夜间施工噪音扰民", "公交站台雨棚破损", "餐馆油烟直排", "物业乱收费",
            "小区垃圾清运不及时", "学校周边占道经营", "自来水水质浑浊", "电动车充电设施不足"]
PLACES = ["人民路", "解放路", "建设大道", "中山路", "滨江路", "长青街", "文化路", "光明街"]


def payload(kind: str, rng: random.Random, extra: dict) -> dict:
    if kind == "public":
        place, problem = rng.choice(PLACES), rng.choice(PROBLEMS)
        return {
            "channel": "web", "type": rng.choice(["complaint", "help", "consult", "suggest", "report"]),
            "title": f"{place}{rng.randint(1, 300)}号附近{problem}",
            "content": f"我家住在{place}{rng.randint(1, 300)}号，{problem}已经{rng.randint(2, 30)}天了，"
                       f"多次向社区反映没有解决，希望有关部门尽快处理并回复。",
            "name": rng.choice("王李张刘陈杨黄赵") + rng.choice(["先生", "女士"]),
            "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            "wants_public": rng.random() < 0.5,
        }
    return {**extra, "n": rng.randint(1, 10**6)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--payload", default="bare", help="public | bare | json:<object merged into the body>")
    parser.add_argument("--token", default="")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max", type=int, default=50_000)
    args = parser.parse_args(argv)

    kind, extra = args.payload, {}
    if kind.startswith("json:"):
        kind, extra = "json", json.loads(args.payload[5:])
    lock = threading.Lock()
    sent = 0
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}
    deadline = time.monotonic() + args.seconds

    def worker(seed: int) -> None:
        nonlocal sent
        rng = random.Random(seed)
        headers = {"Content-Type": "application/json"}
        if args.token:
            headers["Authorization"] = f"Bearer {args.token}"
        while True:
            with lock:
                if sent >= args.max or time.monotonic() >= deadline:
                    return
                sent += 1
            body = json.dumps(payload(kind, rng, extra), ensure_ascii=False).encode()
            headers["X-Forwarded-For"] = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(args.host, args.port, timeout=60)
                conn.request("POST", args.path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    if 200 <= response.status < 300:
                        latencies.append(elapsed)
            except OSError as error:
                with lock:
                    errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float | None:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2) if latencies else None

    print(json.dumps({
        "ok": len(latencies), "sent": sent, "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50), "p95_ms": pct(0.95), "statuses": statuses, "errors": errors,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

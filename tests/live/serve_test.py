#!/usr/bin/env python3
"""seg serve over real HTTP on 127.0.0.1: the token on every call (401 without or wrong),
bounded bodies (413), rejected batches (400, nothing applied), queries, numbered deltas that
a consumer resumes from, concurrent clients, and crash safety: SIGKILL at random points during
ingest, then every acknowledged batch is there and no partial one; a flipped byte in the log
is refused and the snapshot is never changed.

Usage: serve_test.py SEG SOURCE_DIR"""
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SEG, SOURCE = sys.argv[1], sys.argv[2]
CRM = [os.path.join(SOURCE, "examples/crm", f) for f in
       ("crm.schema.seg", "segments.seg", "scores.seg", "metrics.seg")]
TOKEN = "test-token-0123456789abcdef"
BATCH = 50  # events per ingest batch in the crash test
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)


class Server:
    def __init__(self, work, extra=()):
        self.log = open(os.path.join(work, "serve.log"), "a+")
        self.log.seek(0, os.SEEK_END)
        start = self.log.tell()
        self.process = subprocess.Popen(
            [SEG, "serve", *CRM, "--data", os.path.join(work, "x.segdb"), "--listen",
             "127.0.0.1:0", "--token-file", os.path.join(work, "token"), "--now",
             "2026-11-02T00:00:00Z", "--evaluate-after", "0.05", *extra],
            stderr=self.log, env=dict(os.environ, SEG_CACHE_DIR=os.path.join(work, "cache")))
        deadline = time.time() + 60
        self.port = None
        while time.time() < deadline and self.port is None:
            self.log.seek(start)
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.log.read())
            if found:
                self.port = int(found.group(1))
            elif self.process.poll() is not None:
                break
            else:
                time.sleep(0.05)
        self.log.seek(start)
        self.startup = self.log.read()

    def call(self, method, path, body=None, token=TOKEN, timeout=60):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body,
                                         method=method)
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            text = error.read()
            return error.code, json.loads(text) if text.startswith(b"{") else text

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        self.process.wait(timeout=60)


def events_body(first_key, count, marker_type="form_submit", day=1):
    lines = []
    for i in range(count):
        event = {"contact_id": first_key + i % 200, "type": marker_type,
                 "at": f"2026-11-0{day}T{i % 24:02d}:{i % 60:02d}:00Z"}
        if marker_type == "purchase":
            event["amount"] = 120.5
        lines.append(json.dumps(event))
    return ("\n".join(lines) + "\n").encode()


def make_dataset(work):
    data = os.path.join(work, "data")
    subprocess.run([SEG, "gen", "--contacts", "2000", "--seed", "5", "--out", data], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([SEG, "import", "--schema", CRM[0], "--data", data, "-o",
                    os.path.join(work, "x.segdb")], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(work, "token"), "w") as f:
        f.write(TOKEN + "\n")


def api_checks(work):
    server = Server(work)
    check(server.port is not None, f"the server did not start: {server.startup}")
    if server.port is None:
        return
    status, body = server.call("GET", "/segments", token=None)
    check(status == 401 and "Authorization" in body["error"], f"no token: {status} {body}")
    status, body = server.call("GET", "/segments", token="wrong-token-wrong-token!")
    check(status == 401 and body["error"] == "wrong token", f"wrong token: {status} {body}")
    status, before = server.call("GET", "/segments")
    check(status == 200 and before["contacts"] == 2000, f"segments: {status} {before}")

    status, body = server.call("POST", "/events",
                               b'{"contact_id": 1, "type": "purchase", "at": "2026-11-01T10:00:00Z", "amount": 5}\n'
                               b'{"contact_id": 999999, "type": "purchase", "at": "2026-11-01T10:00:00Z", "amount": 5}\n')
    check(status == 400 and "999999" in body["error"] and "nothing of it was applied" in body["error"],
          f"bad batch: {status} {body}")
    status, stats = server.call("GET", "/stats")
    base_purchases = stats["events"]["purchase"]
    status, body = server.call("POST", "/events", b"")
    check(status == 400, f"empty body: {status}")

    # A contact created over HTTP, then an event of it, then its segments.
    row = {"id": 777777, "email": "new@example.com", "age": 29, "gender": "female", "country": "DE",
           "city": "Berlin", "company_size": 12, "industry": "software", "plan": "pro",
           "signup_at": "2026-11-01T08:00:00Z", "last_seen_at": "2026-11-01T09:00:00Z",
           "lifetime_value": 1500.0, "device": "mobile", "email_opt_in": True}
    status, body = server.call("POST", "/contacts", (json.dumps(row) + "\n").encode())
    check(status == 200 and body["contacts_created"] == 1, f"contacts: {status} {body}")
    status, body = server.call("POST", "/events", events_body(777777, 1, "purchase"))
    check(status == 200 and body["events"] == 1 and body["durable"], f"events: {status} {body}")
    status, body = server.call("GET", "/contacts/777777/segments")
    check(status == 200 and "dach" in body["segments"], f"contact segments: {status} {body}")
    status, body = server.call("GET", "/contacts/123456789/segments")
    check(status == 404, f"unknown contact: {status} {body}")
    status, body = server.call("GET", "/segments/dach/members?limit=100000")
    check(status == 200 and 777777 in body["keys"] and body["members"] == len(body["keys"]),
          f"members: {status}")
    status, body = server.call("GET", "/segments/nope/members")
    check(status == 404 and "nope" in body["error"], f"unknown segment: {status} {body}")

    # Deltas: the contact entered dach in some evaluation after the first.
    status, body = server.call("GET", "/deltas?since=0&limit=1000")
    entered = [e for e in body["evaluations"] if 777777 in e["segments"].get("dach", {}).get("entered", [])]
    check(status == 200 and len(entered) == 1, f"deltas: {status} {body}")
    last = body["next"]
    status, body = server.call("GET", f"/deltas?since={last}")
    check(status == 200 and body["evaluations"] == [] and body["next"] == last, f"caught up: {body}")
    status, body = server.call("POST", "/advance?now=2026-12-15T00:00:00Z")
    check(status == 200 and body["evaluation"] == last + 1, f"advance: {status} {body}")
    status, body = server.call("GET", f"/deltas?since={last}")
    left = sum(len(s["left"]) for s in body["evaluations"][0]["segments"].values())
    check(status == 200 and left > 0, f"time alone moves members: {body}")
    status, body = server.call("GET", "/deltas?since=abc")
    check(status == 400, f"bad since: {status}")

    # Concurrent clients: 4 threads × 10 batches, all acknowledged, all counted.
    results = []

    def client(n):
        for b in range(10):
            results.append(server.call("POST", "/events", events_body(1 + n * 300, 20, "support_ticket", 3))[0])

    status, stats = server.call("GET", "/stats")
    tickets = stats["events"]["support_ticket"]
    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    status, stats = server.call("GET", "/stats")
    check(results == [200] * 40 and stats["events"]["support_ticket"] == tickets + 800,
          f"concurrent: {results.count(200)} ok, {stats['events']['support_ticket'] - tickets} events")
    server.stop()
    check(server.process.returncode == 0, f"SIGTERM exit {server.process.returncode}")

    # A consumer that reconnects after a restart resumes where it was.
    server = Server(work, ("--max-body", "100000"))
    status, body = server.call("POST", "/events", events_body(1, 5000))
    check(status == 413 and "max-body" in str(body), f"large body: {status} {body}")
    status, body = server.call("GET", f"/deltas?since={last}&limit=1000")
    check(status == 200 and body["evaluations"][0]["evaluation"] == last + 1,
          f"resume after restart: {status} {str(body)[:300]}")
    status, stats = server.call("GET", "/stats")
    check(stats["events"]["support_ticket"] == tickets + 800, "restart keeps the events")
    server.stop()


def crash_checks(work, rounds):
    random.seed(11)
    server = Server(work)
    status, stats = server.call("GET", "/stats")
    base = stats["events"]["form_submit"]
    server.stop()
    acknowledged = 0
    for round_ in range(rounds):
        server = Server(work)
        check(server.port is not None, f"restart {round_}: {server.startup}")
        if server.port is None:
            return
        sent = [0, 0]  # acknowledged, in flight when killed
        stop = threading.Event()

        def ingest():
            while not stop.is_set():
                sent[1] += 1
                try:
                    status, _ = server.call("POST", "/events", events_body(1, BATCH), timeout=10)
                except Exception:
                    return
                if status == 200:
                    sent[0] += 1
                    sent[1] -= 1

        threads = [threading.Thread(target=ingest) for _ in range(2)]
        [t.start() for t in threads]
        time.sleep(random.uniform(0.05, 0.6))
        server.process.kill()  # SIGKILL: no chance to clean up
        server.process.wait()
        stop.set()
        [t.join() for t in threads]
        acknowledged += sent[0]
        server = Server(work)
        status, stats = server.call("GET", "/stats")
        have = stats["events"]["form_submit"] - base
        check(have % BATCH == 0, f"round {round_}: a partial batch is there ({have} events)")
        check(acknowledged * BATCH <= have <= (acknowledged + sent[1] + 2) * BATCH,
              f"round {round_}: {have} events for {acknowledged} acknowledged batches")
        acknowledged = have // BATCH  # unacknowledged but durable batches count from now on
        server.stop()
    print(f"crash rounds: {rounds}, {acknowledged} batches of {BATCH} events kept", flush=True)
    check(acknowledged > rounds, "the crash test ingested almost nothing")

    # A flipped byte inside the log: refused with a clear message, the snapshot untouched.
    snapshot = os.path.join(work, "x.segdb")
    digest = hashlib.sha256(open(snapshot, "rb").read()).hexdigest()
    log = snapshot + ".log"
    with open(log, "r+b") as f:
        f.seek(64 + 32 + 10)
        byte = f.read(1)
        f.seek(64 + 32 + 10)
        f.write(bytes([byte[0] ^ 0x40]))
    server = Server(work)
    server.process.wait(timeout=60)
    check(server.process.returncode == 1 and "damaged" in server.startup,
          f"damaged log: exit {server.process.returncode}: {server.startup}")
    check(hashlib.sha256(open(snapshot, "rb").read()).hexdigest() == digest,
          "the snapshot changed")


def main():
    work = tempfile.mkdtemp(prefix="seg-serve-")
    try:
        make_dataset(work)
        api_checks(work)
        crash_checks(work, int(os.environ.get("SEG_SERVE_CRASH_ROUNDS", "8")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("serve: all checks passed")
    return 0


sys.exit(main())

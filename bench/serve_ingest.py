#!/usr/bin/env python3
"""Sustained ingest through `seg serve`: C client threads post NDJSON batches of events for a
while and count what was acknowledged (durable) per second. Not a test; figures go to
bench/README.md.

Usage: serve_ingest.py SEG SNAPSHOT SECONDS THREADS BATCH FILE..."""
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

seg, snapshot, seconds, threads, batch = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
files = sys.argv[6:]
work = tempfile.mkdtemp(prefix="seg-ingest-")
copy = os.path.join(work, "x.segdb")
shutil.copy(snapshot, copy)
token = "ingest-bench-token-0123456789"
with open(os.path.join(work, "token"), "w") as f:
    f.write(token)
log = open(os.path.join(work, "serve.log"), "w+")
server = subprocess.Popen([seg, "serve", *files, "--data", copy, "--listen", "127.0.0.1:0",
                           "--token-file", os.path.join(work, "token"), "--now",
                           "2026-11-01T00:00:00Z", "--evaluate-after", "1"], stderr=log)
port = None
while port is None:
    time.sleep(0.1)
    log.seek(0)
    found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", log.read())
    port = found and int(found.group(1))
contacts = 1000000 if "1000000" in snapshot else 100000

def body(rng):
    lines = []
    for i in range(batch):
        lines.append(json.dumps({"contact_id": rng.randint(1, contacts), "type": "page_view",
                                 "at": f"2026-10-31T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
                                 "url": "/pricing"}))
    return ("\n".join(lines) + "\n").encode()

acked = [0] * threads
latencies = []
deadline = time.time() + seconds

def client(n):
    rng = random.Random(n)
    bodies = [body(rng) for _ in range(8)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = 0
    while time.time() < deadline:
        start = time.time()
        connection.request("POST", "/events", bodies[i % 8], {"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            acked[n] += batch
            latencies.append(time.time() - start)
        i += 1

start = time.time()
workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
[w.start() for w in workers]
[w.join() for w in workers]
elapsed = time.time() - start
server.terminate()
server.wait()
latencies.sort()
total = sum(acked)
print(f"{total} events acknowledged in {elapsed:.1f} s: {total / elapsed:,.0f} events/s "
      f"({threads} clients, batches of {batch}; median ack {1000 * latencies[len(latencies) // 2]:.1f} ms, "
      f"p99 {1000 * latencies[int(len(latencies) * 0.99)]:.1f} ms)")
shutil.rmtree(work, ignore_errors=True)

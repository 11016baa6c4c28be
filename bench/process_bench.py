#!/usr/bin/python3
"""process_bench.py - times whole `seg` processes: wall time (min and median of N runs) and,
for `seg run --format json`, the run's own timings_ms (min and median of each field).

Usage: bench/process_bench.py [--runs N] [--warmup N] -- SEG ARGS...
The machine is shared: report the minimum next to the median (bench/README.md)."""
import json
import statistics
import subprocess
import sys
import time


def main(argv):
    runs, warmup = 20, 2
    while argv and argv[0] != "--":
        flag, value = argv[0], argv[1]
        argv = argv[2:]
        if flag == "--runs":
            runs = int(value)
        elif flag == "--warmup":
            warmup = int(value)
        else:
            sys.exit(f"unknown option {flag}")
    command = argv[1:]
    walls, timings = [], {}
    for i in range(warmup + runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
        if i < warmup:
            continue
        walls.append(wall)
        try:
            reported = json.loads(done.stdout).get("timings_ms", {})
        except ValueError:
            reported = {}
        for key, value in reported.items():
            if isinstance(value, (int, float)):
                timings.setdefault(key, []).append(value)
    line = lambda name, v: f"{name:>10}: min {min(v):8.2f}  median {statistics.median(v):8.2f} ms"
    print(line("wall", walls))
    for key, values in timings.items():
        print(line(key, values))


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""The Python module's overhead over Seg's own evaluation: runs a program N times from Python
on a snapshot and compares each call's wall time with the run time the same Result reports
(timings["run"], the evaluation measured inside libseg), and with `seg run`'s reported run
time. bench/README.md records the figures. Not a test.

Usage (from the repository root, the module built in BUILD/python):
  PYTHONPATH=BUILD/python /usr/bin/python3 bench/python_overhead.py BUILD/bench-data/1000000.segdb \
      [--program bench/dozen.seg] [--runs 100] [--seg BUILD/cli/seg]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import time

import seg

NOW = "2026-11-01T00:00:00Z"


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def measure(program, db, runs, read):
    """Per run: (Python wall ms, libseg run ms). read: also read every segment's count and
    member keys, as a caller would (views, no copies)."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        res = program.run(db, NOW)
        if read:
            for name in res.segments:
                res.count(name)
                res.members(name)
        wall = (time.perf_counter() - start) * 1000
        out.append((wall, res.timings["run"]))  # timings: outside the timed part
    return out


def summary(label, pairs, baseline):
    walls = [w for w, _ in pairs]
    cpp = [c for _, c in pairs]
    over = [w - c for w, c in pairs]
    w, c, o = statistics.median(walls), statistics.median(cpp), statistics.median(over)
    print(f"{label}: Python call median {w:.2f} ms (mean {statistics.mean(walls):.2f}), "
          f"libseg run median {c:.2f} ms; overhead per run median {o:.2f} ms = "
          f"{100 * o / c:.1f} % of the run; {100 * (w - baseline) / baseline:+.1f} % over the "
          f"run time seg run reports")


def fixed_cost(runs):
    """ms per call of a one-segment program on one contact: what a call costs besides the
    evaluation (argument conversion, the GIL, the helper thread, libseg's run and result)."""
    schema = seg.Schema.from_source("schema { contact { id: int key } }")
    program = seg.compile("segment all = id > 0", schema=schema)
    db = seg.Dataset.from_arrays(schema, {"id": [1]})
    program.run(db, NOW)
    start = time.perf_counter()
    for _ in range(runs):
        program.run(db, NOW)
    return (time.perf_counter() - start) * 1000 / runs


def seg_run_time(binary, program, snapshot, runs):
    times = []
    for _ in range(runs):
        done = subprocess.run([binary, "run", program, "--data", snapshot, "--now", NOW,
                               "--format", "json"], check=True, capture_output=True, text=True)
        times.append(json.loads(done.stdout)["timings_ms"]["run"])
    return statistics.median(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot")
    parser.add_argument("--program", default=os.path.join(here, "dozen.seg"))
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seg", help="the seg binary, to compare with `seg run` (10 runs)")
    args = parser.parse_args()

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
          f"seg {seg.__version__}")
    db = seg.open(args.snapshot)
    program = seg.compile_files([args.program])
    print(f"{db!r}; {program!r}; {args.runs} runs, {NOW}")
    for _ in range(3):  # JIT code made (or linked from the cache), pages touched
        program.run(db, NOW)

    baseline = None
    if args.seg:
        baseline = seg_run_time(args.seg, args.program, args.snapshot, 10)
        print(f"seg run: reported run time median {baseline:.2f} ms (10 processes)")
    plain = measure(program, db, args.runs, read=False)
    baseline = baseline or statistics.median(c for _, c in plain)
    summary("run()", plain, baseline)
    summary("run() + count() and members() of every segment", measure(program, db, args.runs, True),
            baseline)
    print(f"fixed cost of a call (one segment, one contact, 1000 calls): {fixed_cost(1000):.3f} ms")


if __name__ == "__main__":
    main()

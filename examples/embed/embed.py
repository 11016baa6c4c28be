#!/usr/bin/env python3
"""embed.py: the Seg Python module in one page. Opens data, compiles the CRM example, runs it
and prints three segment counts and one metric; any error is printed and exits with 1.
Usage: embed.py CRM_DIR DATA   (DATA: a snapshot from `seg import`, or a folder of CSV files)"""

import os
import sys

import seg


def main(crm, data_path):
    schema = os.path.join(crm, "crm.schema.seg")
    # A folder is loaded (and checked) against the schema; anything else is opened as a snapshot.
    db = seg.load(schema, data_path) if os.path.isdir(data_path) else seg.open(data_path)
    program = seg.compile_files(
        [schema] + [os.path.join(crm, f) for f in ("segments.seg", "scores.seg", "metrics.seg")])
    res = program.run(db, now="2026-11-01T00:00:00Z")  # a fixed time: reproducible counts

    for name in ("vip", "hot_leads", "lifecycle.churned"):  # the last: a partition's branch
        print(f"{name}: {res.count(name)}")
    print("nps_by_plan:")
    for row in res.metric("nps_by_plan", frame=False):  # one dict per plan
        value = "null" if row["value"] is None else f"{row['value']:.2f}"
        print(f"  {row['plan']}: {value}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} CRM_DIR DATA")
    try:
        main(sys.argv[1], sys.argv[2])
    except seg.Error as error:  # compile errors print every diagnostic with its caret
        sys.exit(f"embed: {error}")

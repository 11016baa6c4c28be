#!/usr/bin/env bash
# Data benchmark: generate N contacts (default 1 M, ~20 M events), import the CSV into a
# snapshot, reopen it. Prints load MB/s and rows/s, snapshot write/open times and memory.
# Usage: bench/load_bench.sh [CONTACTS] ; needs a build in build/ (scripts/build).
set -euo pipefail
cd "$(dirname "$0")/.."
contacts="${1:-1000000}"
seg=build/cli/seg
data="build/bench-data/$contacts"
if [ ! -f "$data/events.csv" ]; then
  "$seg" gen --contacts "$contacts" --seed 42 --out "$data"
fi
bytes=$(( $(stat -c %s "$data/contacts.csv") + $(stat -c %s "$data/events.csv") ))
snapshot="build/bench-data/$contacts.segdb"
# Warm the page cache so the figure measures parsing, not the disk.
cat "$data/contacts.csv" "$data/events.csv" > /dev/null
log=$(mktemp)
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$seg" import --schema examples/crm/crm.schema.seg \
  --data "$data" -o "$snapshot" >"$log" 2>&1 || { cat "$log"; exit 1; }
cat "$log"
load=$(sed -n 's/.*(load \([0-9.]*\) s.*/\1/p' "$log")
rows=$(grep -o '[0-9,]* rows read' "$log" | tr -d ', rowsead' | paste -sd+ | bc)
echo "input: $(echo "scale=1; $bytes / 1000000" | bc) MB, $rows rows"
echo "load: $(echo "scale=0; $bytes / 1000000 / $load" | bc) MB/s, $(echo "scale=0; $rows / $load" | bc) rows/s"
for i in 1 2 3; do "$seg" info "$snapshot" | head -1; done
rm -f "$log"

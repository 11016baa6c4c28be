#!/usr/bin/env bash
# `seg report` in a real browser: headless Chromium opens the page from disk (no network),
# the page's script must have run without an error (its marker in the DOM), its embedded
# document must be the one `seg run --format json` prints, and a screenshot must show
# every chart's colour in that chart's section. Skipped (77) without Chromium.
# Usage: report_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
browser="${SEG_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$browser" ]; then
  echo "SKIP: no Chromium at $browser (scripts/bootstrap installs the chromium package)"
  exit 77
fi
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
now=2026-11-01T00:00:00Z
program=(examples/clusters/personas.seg examples/crm/segments.seg examples/crm/scores.seg
  examples/crm/metrics.seg)
expect_status 0 "seg gen" "$seg" gen --contacts 4000 --seed 9 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
expect_status 0 "seg report" "$seg" report "${program[@]}" --data "$work/crm.segdb" --now $now -o "$work/report.html"
expect_contains "$work/err" "wrote $work/report.html" "the report says where it went"
expect_absent "$work/report.html" "(src|href)=\"?(https?:)?//" "nothing is fetched from a network"

# The embedded document is seg run's, plus overlap and histograms.
python3 - "$work/report.html" >"$work/embedded.json" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
m = re.search(r'<script type="application/json" id="seg-document">(.*?)</script>', page, re.S)
print(m.group(1).replace("<\\/", "</"))
PY
expect_status 0 "seg run json" "$seg" run "${program[@]}" --data "$work/crm.segdb" --now $now --format json
jq -S 'del(.timings_ms)' "$work/out" >"$work/run.json"
jq -S 'del(.timings_ms, .overlap) | .scores |= map_values(del(.histogram))' "$work/embedded.json" >"$work/page.json"
expect_same "$work/run.json" "$work/page.json" "the page's document differs from seg run --format json"
pairs=$(jq '.overlap.segments | length' "$work/embedded.json")
if [ "$pairs" = 47 ]; then pass; else fail "the overlap has $pairs segments, not 47"; fi

# Rendered by Chromium: the script ran to its end.
chrome=("$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars
  --force-device-scale-factor=1 --user-data-dir="$work/profile" --window-size=1280,4200)
timeout 120 "${chrome[@]}" --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/chrome.err"
expect_contains "$work/dom.html" 'data-rendered="ok"' "the page's script ran without an error"
expect_contains "$work/dom.html" "<title>seg report: ok</title>" "the title marker"
expect_contains "$work/dom.html" "<div id=\"error\"></div>" "no script error shown"
sections=$(python3 -c 'import re,sys,html; m=re.search(r"data-sections=\"([^\"]*)\"", open(sys.argv[1]).read()); print(html.unescape(m.group(1)) if m else "{}")' "$work/dom.html")
timeout 120 "${chrome[@]}" --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>>"$work/chrome.err"
if [ -s "$work/report.png" ]; then pass; else fail "no screenshot"; fi
if python3 tests/cli/report_pixels.py "$work/report.png" "$sections"; then pass; else
  fail "the screenshot lacks a chart (sections: $sections)"
fi
if [ -n "${SEG_REPORT_SCREENSHOT:-}" ]; then cp "$work/report.png" "$SEG_REPORT_SCREENSHOT"; fi
finish report

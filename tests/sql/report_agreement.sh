# Sourced by the agreement tests (after tests/cli/lib.sh): a whole program's report on the
# server — every segment, partition, score (its statistics over every contact's value) and
# metric (every group's value and size) — must equal the JIT's `seg run --format json`,
# number for number. Definitions `seg sql` refuses (named on stderr) are dropped from a copy
# of the program first, with the definitions that read them (refused too), since a run on the
# server runs nothing when one does not translate.

# refused_names REFUSED-STDERR: the definitions `seg sql` named as not translated, one a line.
refused_names() {
  sed -n "s/^seg sql: \(segment\|partition\|score\|metric\) '\([^']*\)'.*/\2/p" "$1"
}

# drop_definitions NAMES FILE: FILE without the definitions named in the file NAMES (a
# definition's indented continuation lines and a block's lines up to its closing brace too).
drop_definitions() {
  awk 'FILENAME == ARGV[1] { drop[$0] = 1; next }
    block { if ($0 ~ /^}/) block = 0; next }
    cont && /^[ \t]+[^ \t]/ { next }
    { cont = 0 }
    /^(segment|partition|score|metric|cluster)[ \t]/ {
      name = $2; sub(/[^A-Za-z0-9_].*$/, "", name)
      if (name in drop) { if ($0 ~ /\{[ \t]*$/) block = 1; else cont = 1; next }
    }
    { print }' "$1" "$2"
}

# trim_program OUT NAMES FILES...: copies FILES (paths relative to the source tree) into OUT
# with the same layout (and examples/crm, which they import) without the definitions named
# in NAMES; prints the copies' paths.
trim_program() {
  local out="$1" names="$2" file
  shift 2
  rm -rf "$out"
  mkdir -p "$out/examples"
  cp -r "$src/examples/crm" "$out/examples/"
  for file in "$@"; do
    mkdir -p "$out/$(dirname "$file")"
    drop_definitions "$names" "$file" >"$out/$file"
    echo "$out/$file"
  done
}

# report_agree LABEL DIALECT JIT-DATA MIN-SCORES MIN-METRICS ENGINE-ARGS... -- FILES...
report_agree() {
  local label="$1" dialect="$2" jit_data="$3" min_scores="$4" min_metrics="$5"
  shift 5
  local engine=()
  while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
    engine+=("$1")
    shift
  done
  shift
  local out="$work/report_$label"
  rm -rf "$out"
  mkdir -p "$out"
  "$seg" sql "$@" --dialect "$dialect" --now "$now" --table-prefix "$prefix" >"$out/queries.sql" \
    2>"$out/refused.txt"
  refused_names "$out/refused.txt" >"$out/refused.names"
  local files
  mapfile -t files < <(trim_program "$out/program" "$out/refused.names" "$@")
  if ! "$seg" run "${files[@]}" --data "$jit_data" --now "$now" --engine jit --format json \
    --no-timings >"$out/jit.json" 2>"$out/jit.err"; then
    fail "$label: report: the JIT run failed: $(head -3 "$out/jit.err")"
    return
  fi
  if ! "$seg" run "${files[@]}" "${engine[@]}" --table-prefix "$prefix" --now "$now" \
    --format json --no-timings >"$out/server.json" 2>"$out/server.err"; then
    fail "$label: report: the run on the server failed: $(head -3 "$out/server.err")"
    return
  fi
  local filter='{contacts, only, segments, partitions, scores, metrics, warnings}' verdict="equal"
  if diff <(jq -S "$filter" "$out/jit.json") <(jq -S "$filter" "$out/server.json") >"$out/diff"; then
    pass
  else
    verdict="DIFFER FROM"
    fail "$label: report: the server's report differs from the JIT's"
    head -30 "$out/diff" | sed 's/^/  | /'
  fi
  local scores metrics groups
  scores=$(jq '.scores | length' "$out/server.json")
  metrics=$(jq '.metrics | length' "$out/server.json")
  groups=$(jq '[.metrics[] | if has("rows") then (.rows | length) else 1 end] | add // 0' "$out/server.json")
  [ "$(jq -r '.only // empty' "$out/server.json")" = "" ] && pass || fail "$label: report: not every definition reported"
  [ "$scores" -ge "$min_scores" ] && pass || fail "$label: report: $scores scores (expected at least $min_scores)"
  [ "$metrics" -ge "$min_metrics" ] && pass || fail "$label: report: $metrics metrics (expected at least $min_metrics)"
  echo "$label: report: $(jq '.segments | length' "$out/server.json") segments, $scores scores," \
    "$metrics metrics ($groups groups) on the server $verdict the JIT's;" \
    "$(wc -l <"$out/refused.names") refused and left out: $(paste -sd' ' "$out/refused.names")"
}

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

# same_report JIT SERVER TOLERANT DIFF: whether two `seg run --format json` documents agree:
# contacts, only, segments, partitions and warnings exactly; scores and metrics exactly, or
# with TOLERANT=1 every number within a relative 1e-12 (decayed scores on PostgreSQL, whose
# power() differs from the engines' exp2 in the last bit for about 1 weight in 1,000:
# docs/warehouse.md). Differences go to DIFF; prints "exactly" or "within 1e-12".
same_report() {
  local jit="$1" server="$2" tolerant="$3" diff_out="$4"
  diff <(jq -S '{contacts, only, segments, partitions, warnings}' "$jit") \
    <(jq -S '{contacts, only, segments, partitions, warnings}' "$server") >"$diff_out" || return 1
  if diff <(jq -S '{scores, metrics}' "$jit") <(jq -S '{scores, metrics}' "$server") >"$diff_out"; then
    echo exactly
    return 0
  fi
  [ "$tolerant" = 1 ] || return 1
  local leaves='[paths(scalars) as $p | [($p | map(tostring) | join(".")), getpath($p)]] | .[] | @json'
  paste -d'\t' <(jq -S '{scores, metrics}' "$jit" | jq -r "$leaves") \
    <(jq -S '{scores, metrics}' "$server" | jq -r "$leaves") |
    awk -F'\t' 'function num(s) { return s ~ /^\[".*",-?[0-9]/ }
      function value(s) { sub(/^\[".*",/, "", s); sub(/\]$/, "", s); return s + 0 }
      $1 == $2 { next }
      num($1) && num($2) { a = value($1); b = value($2); d = a - b; if (d < 0) d = -d
        m = (a < 0 ? -a : a) > (b < 0 ? -b : b) ? (a < 0 ? -a : a) : (b < 0 ? -b : b)
        if (d <= 1e-12 * m) next }
      { print "JIT " $1 " server " $2; bad = 1 }
      END { exit bad }' >"$diff_out" || return 1
  echo "within 1e-12"
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
  local verdict="equal" tolerant=0 how
  [ "$dialect" = postgres ] && cat "${files[@]}" | grep -q 'decay half_life' && tolerant=1
  if how=$(same_report "$out/jit.json" "$out/server.json" "$tolerant" "$out/diff"); then
    pass
    verdict="equal ($how)"
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

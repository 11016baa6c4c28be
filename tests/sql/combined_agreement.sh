# Sourced by the agreement tests (after tests/cli/lib.sh, which makes `$work`): the result
# of a `seg sql --combined` query, as CSV with a header (segments t/f, partitions by branch),
# against the JIT's member files.

# --combined: a column per segment (t/f) and per partition (the branch), each equal to the
# JIT's members, as many columns as separate queries, one row per contact.
compare_combined() { # suite label combined.csv separate-queries.sql members-dir contacts.csv
  local suite="$1" label="$2" csv="$3" queries="$4" members="$5" contacts="$6"
  local columns=0 agreeing=0 column=0 name member branch same
  for name in $(head -1 "$csv" | tr ',' ' '); do
    column=$((column + 1))
    [ "$name" = contact_key ] && continue
    columns=$((columns + 1))
    if [ -f "$members/$name.csv" ]; then
      awk -F, -v i="$column" 'NR > 1 && $i == "t" {print $1}' "$csv" | sort -n >"$work/server.sorted"
      tail -n +2 "$members/$name.csv" | cut -d, -f1 | sort -n >"$work/jit.sorted"
      cmp -s "$work/server.sorted" "$work/jit.sorted" && agreeing=$((agreeing + 1)) ||
        fail "$label: combined: segment $name: $(wc -l <"$work/server.sorted") members, the JIT $(wc -l <"$work/jit.sorted")"
      continue
    fi
    same=1
    for member in "$members/$name".*.csv; do
      branch="${member##*/$name.}"
      branch="${branch%.csv}"
      awk -F, -v i="$column" -v b="$branch" 'NR > 1 && $i == b {print $1}' "$csv" |
        sort -n >"$work/server.sorted"
      tail -n +2 "$member" | cut -d, -f1 | sort -n >"$work/jit.sorted"
      cmp -s "$work/server.sorted" "$work/jit.sorted" || {
        same=0
        fail "$label: combined: partition $name, branch $branch differs from the JIT"
      }
    done
    [ "$same" = 1 ] && agreeing=$((agreeing + 1))
  done
  local separate
  separate=$(grep -c '^-- \(segment\|partition\) ' "$queries")
  [ "$columns" -eq "$separate" ] && [ "$agreeing" -eq "$columns" ] && pass ||
    fail "$label: combined: $agreeing of $columns columns agree; the separate queries are $separate"
  [ "$(($(wc -l <"$csv") - 1))" -eq "$(($(wc -l <"$contacts") - 1))" ] && pass ||
    fail "$label: combined: not one row per contact"
  echo "$suite: $label: combined: $agreeing of $columns columns agree with the JIT"
}

#!/usr/bin/env bash
# The installed tree serves an outside project: installs the build into a temporary prefix,
# builds examples/embed with find_package(Seg) and embed.c with pkg-config, runs them on
# generated data and checks their numbers against `seg run --format json`. Each installed
# piece is used or checked, so a missing install rule fails here.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build="$1"
src="$2"
. "$src/tests/cli/lib.sh"
prefix="$work/prefix"
now=2026-11-01T00:00:00Z
crm=("$src"/examples/crm/{crm.schema,segments,scores,metrics}.seg)

command -v jq >/dev/null || fail "jq is missing (scripts/bootstrap installs it)"
expect_status 0 "cmake --install" cmake --install "$build" --prefix "$prefix"
libdir="$prefix/$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")"
for file in include/seg/seg.h include/seg/seg.hpp include/seg/Version.h include/seg/Error.h \
  include/seg/Schema.h include/seg/Dataset.h include/seg/Program.h include/seg/Result.h \
  share/seg/stdlib/std/metrics.seg bin/seg; do
  if [ -e "$prefix/$file" ]; then pass; else fail "not installed: $file"; fi
done
if readelf -d "$libdir/libseg.so" 2>/dev/null | grep -q 'SONAME.*\[libseg\.so\.0\]'; then pass
else fail "libseg.so is not installed with the SONAME libseg.so.0"; fi

# Data made and imported by the installed `seg`; the expected numbers from its JSON.
seg="$prefix/bin/seg"
expect_status 0 "seg gen" "$seg" gen --contacts 3000 --seed 9 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema "${crm[0]}" --data "$work/data" -o "$work/crm.segdb"
expect_status 0 "seg run --format json" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --format json --no-timings
# Metric rows as "row PLAN VALUE", formatted as the examples print them (%.2f).
jq -r '"vip: \(.segments.vip.members)",
       "hot_leads: \(.segments.hot_leads.members)",
       "lifecycle.churned: \(.partitions.lifecycle.branches.churned.members)",
       "nps_by_plan:",
       (.metrics.nps_by_plan.rows[] | "row \(.group.plan) \(.value // "null")")' "$work/out" |
  awk '$1 != "row" { print; next }
       $3 == "null" { print "  " $2 ": null"; next }
       { printf "  %s: %.2f\n", $2, $3 }' >"$work/expected"
if grep -q '^vip: [0-9]' "$work/expected"; then pass; else fail "no counts in seg run's JSON"; fi

# The examples, built as an outside project with find_package(Seg).
export LD_LIBRARY_PATH="$libdir"
expect_status 0 "configure examples/embed" cmake -S "$src/examples/embed" -B "$work/embed" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
expect_status 0 "build examples/embed" cmake --build "$work/embed"
for data in "$work/crm.segdb" "$work/data"; do
  for program in embed_c embed_cpp; do
    expect_status 0 "$program on $(basename "$data")" "$work/embed/$program" "$src/examples/crm" "$data"
    expect_same "$work/expected" "$work/out" "$program on $(basename "$data") disagrees with seg run"
  done
done

# embed.c built with pkg-config alone.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
expect_status 0 "pkg-config seg" pkg-config --cflags --libs seg
read -r -a flags <"$work/out"
expect_status 0 "cc embed.c with pkg-config" cc "$src/examples/embed/embed.c" "${flags[@]}" \
  -o "$work/embed_pc"
expect_status 0 "embed_pc" "$work/embed_pc" "$src/examples/crm" "$work/crm.segdb"
expect_same "$work/expected" "$work/out" "embed.c built with pkg-config disagrees with seg run"
expect_status 0 "pkg-config --modversion" pkg-config --modversion seg
expect_contains "$work/out" "$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$build/CMakeCache.txt")" \
  "seg.pc's version is the project's"

# Errors reach the user: exit status 1, the message, and each compile diagnostic rendered.
mkdir -p "$work/badcrm"
cp "${crm[@]}" "$work/badcrm/"
echo 'segment broken = last_seen < now' >>"$work/badcrm/segments.seg"
for program in embed_c embed_cpp; do
  expect_status 1 "$program on missing data" "$work/embed/$program" "$src/examples/crm" "$work/none.segdb"
  expect_contains "$work/err" "none.segdb" "$program: the error names the file"
  expect_status 1 "$program on a compile error" "$work/embed/$program" "$work/badcrm" "$work/crm.segdb"
  expect_contains "$work/err" "segments.seg:" "$program: the diagnostic's location"
  expect_contains "$work/err" "error: unknown name 'last_seen'" "$program: the diagnostic"
  expect_contains "$work/err" "^~~~~~~~~" "$program: the caret"
done

finish install_test

#!/usr/bin/env bash
# Clusters end to end on generated CRM data (examples/clusters/personas.seg): the cluster
# table of `seg run` and the table of `seg suggest` are golden; the run document is the
# same to the bit on 1, 2 and 8 threads and with either engine; bad requests fail.
# Usage: cluster_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
now=2026-11-01T00:00:00Z
golden=tests/cli/clusters
expect_status 0 "seg gen" "$seg" gen --contacts 4000 --seed 9 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
run=(examples/clusters/personas.seg --data "$work/crm.segdb" --now $now)

update() { if [ "${SEG_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/out" "$golden/$1"; fi; }
expect_status 0 "run table" "$seg" run "${run[@]}" --no-timings --threads 2
update run.out
expect_same "$golden/run.out" "$work/out" "the run table differs from $golden/run.out"
expect_contains "$work/out" "cluster personas: k-means, k 4, seed 42" "the cluster header"

# Thread counts and engines change nothing but the header.
for threads in 1 2 8; do
  for engine in jit interp; do
    expect_status 0 "json, $threads threads, $engine" "$seg" run "${run[@]}" --no-timings \
      --format json --threads $threads --engine $engine
    jq -S 'del(.threads, .engine)' "$work/out" >"$work/run-$threads-$engine.json"
    expect_same "$work/run-1-jit.json" "$work/run-$threads-$engine.json" \
      "the document on $threads threads with $engine differs from 1 thread with jit"
  done
done
members=$(jq '[.clusters.personas.clusters[].members] | add' "$work/run-1-jit.json")
clustered=$(jq '.clusters.personas.clustered' "$work/run-1-jit.json")
if [ "$members" = "$clustered" ] && [ "$clustered" = 4000 ]; then pass; else
  fail "cluster sizes add up to $members, $clustered clustered, 4000 contacts"
fi
branch=$(jq '.partitions.personas.branches.c2.members' "$work/run-1-jit.json")
size=$(jq '.clusters.personas.clusters.c2.members' "$work/run-1-jit.json")
if [ "$branch" = "$size" ]; then pass; else fail "branch c2 has $branch members, cluster c2 $size"; fi
expect_status 0 "csv" "$seg" run "${run[@]}" --no-timings --format csv
expect_contains "$work/out" "cluster,personas,c1,centroid:spend," "centroids in csv"

# seg suggest: table golden, json and csv agree on the k.
expect_status 0 "suggest" "$seg" suggest "${run[@]}" --k 2..6 --sample 500
update suggest.out
expect_same "$golden/suggest.out" "$work/out" "the suggest table differs from $golden/suggest.out"
expect_status 0 "suggest json" "$seg" suggest "${run[@]}" --k 2..6 --sample 500 --format json --threads 1
jq -S . "$work/out" >"$work/suggest-1.json"
expect_status 0 "suggest json, 2 threads" "$seg" suggest "${run[@]}" --k 2..6 --sample 500 --format json --threads 2
jq -S . "$work/out" >"$work/suggest-2.json"
expect_same "$work/suggest-1.json" "$work/suggest-2.json" "seg suggest differs on 2 threads"
choices=$(jq '.choices | length' "$work/suggest-1.json")
if [ "$choices" = 5 ]; then pass; else fail "--k 2..6 gave $choices choices"; fi
expect_status 0 "suggest csv" "$seg" suggest "${run[@]}" --k 3 --format csv
expect_contains "$work/out" "cluster,k,silhouette,inertia,iterations,converged,sample,smallest" "csv header"

# Mistakes.
expect_status 2 "a bad --k" "$seg" suggest "${run[@]}" --k 1..3
expect_contains "$work/err" "from 2 to 64" "the --k range is explained"
expect_status 2 "an unknown --cluster" "$seg" suggest "${run[@]}" --cluster persona
expect_contains "$work/err" "did you mean 'personas'" "the cluster gets a suggestion"
expect_status 1 "no cluster" "$seg" suggest examples/crm/crm.schema.seg --data "$work/crm.segdb"
expect_contains "$work/err" "no cluster definition" "a program without clusters"
expect_status 0 "fmt" "$seg" fmt --check examples/clusters/personas.seg
expect_status 1 "sql refuses clusters" "$seg" sql examples/clusters/personas.seg --dialect postgres
expect_contains "$work/err" "K-means" "the SQL back end names clusters"
finish cluster

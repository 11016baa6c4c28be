// postgres_bench.mjs - runs every query of a queries file on a running PostgreSQL through
// psql (warm-up runs, then timed runs; psql's \timing, i.e. the client's round trip) and
// writes the answers and times as JSON. The server and the data are set up by run.sh.
// Usage: PGHOST=... PGPORT=... PGUSER=... PGDATABASE=... node postgres_bench.mjs
//          --queries FILE --out FILE [--warmup 1] [--runs 5] [--timeout-s 300]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { readQueries, median, parseArgs } from './lib.mjs';

const args = parseArgs(process.argv.slice(2), {
  queries: undefined, out: undefined,
  warmup: '1', runs: '5', 'timeout-s': '300',
});
const queries = readQueries(args.queries);
const warmup = Number(args.warmup);
const total = warmup + Number(args.runs);
const timeoutS = Number(args['timeout-s']);

let script = `\\set ON_ERROR_STOP on
\\pset format unaligned
\\pset tuples_only on
\\pset fieldsep ' '
SET statement_timeout = '${timeoutS}s';
\\timing on
`;
for (const q of queries) {
  for (let i = 0; i < total; i++) script += `\\echo @@@ ${q.name} ${i}\n${q.sql};\n`;
}
const cmd = 'psql';
const cmdArgs = ['-X', '-v', 'ON_ERROR_STOP=1'];
const version = spawnSync(cmd, [...cmdArgs, '-qAtc', 'SHOW server_version'], { encoding: 'utf8' });
if (version.status !== 0) throw new Error(`psql failed: ${version.stderr}`);
const res = spawnSync(cmd, [...cmdArgs, '-q', '-f', '-'], {
  input: script, encoding: 'utf8', maxBuffer: 64 << 20,
  timeout: (queries.length * total * timeoutS + 60) * 1000,
});
if (res.status !== 0) throw new Error(`psql failed (status ${res.status}): ${res.stderr}`);

// Output per run: "@@@ name i", the answer row "members id_sum", "Time: X ms [(...)]".
const runs = new Map();
let current = null;
for (const line of res.stdout.split('\n')) {
  let m;
  if ((m = /^@@@ (\S+) (\d+)$/.exec(line))) {
    current = { name: m[1], i: Number(m[2]), rows: [] };
    if (!runs.has(m[1])) runs.set(m[1], []);
    runs.get(m[1]).push(current);
  } else if ((m = /^Time: ([0-9.]+) ms/.exec(line))) {
    if (current && current.ms === undefined) current.ms = Number(m[1]);
  } else if (line.trim() && current) {
    current.rows.push(line.trim());
  }
}
const results = [];
for (const q of queries) {
  const rs = runs.get(q.name) || [];
  if (rs.length !== total || rs.some((r) => r.ms === undefined || r.rows.length !== 1)) {
    throw new Error(`${q.name}: unexpected psql output:\n${res.stdout.slice(0, 2000)}`);
  }
  const answers = new Set(rs.map((r) => r.rows[0]));
  if (answers.size !== 1) throw new Error(`${q.name}: answers differ between runs`);
  const [members, idSum] = rs[0].rows[0].split(' ');
  const times = rs.slice(warmup).map((r) => r.ms);
  results.push({ name: q.name, members, id_sum: idSum || '0', runs_ms: times, median_ms: median(times) });
  console.error(`postgres ${q.name}: ${members} members, median ${median(times).toFixed(1)} ms`);
}
fs.writeFileSync(args.out, JSON.stringify({
  engine: 'postgres', version: version.stdout.trim(), warmup: warmup, segments: results }, null, 2) + '\n');

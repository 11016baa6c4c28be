// metrics_bench.mjs - the bench metrics (metrics.seg) with `seg run` and in DuckDB
// (metrics.duckdb.sql) on the same data: checks that every group's value is the same and
// prints the median warm times side by side.
//
// Seg runs each metric as a one-metric program (the schema import, the metric and the
// definitions it reads), as seg_bench.mjs does for segments; Seg ms = compile + run from the
// run's timings_ms (source text to answer, data open), Seg wall ms = the whole process.
// DuckDB: in-memory tables read from the CSVs as in duckdb_bench.mjs, the time of
// runAndReadAll. Values must agree to 1e-9 (relative): float sums add in another order.
//
// Usage: node metrics_bench.mjs --seg PATH --snapshot FILE --data DIR --now TS
//          [--program metrics.seg] [--queries metrics.duckdb.sql] [--warmup 1] [--runs 5]
import { DuckDBInstance, version } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, parseArgs } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2), {
  seg: undefined, snapshot: undefined, data: undefined, now: undefined,
  program: path.join(here, 'metrics.seg'), queries: path.join(here, 'metrics.duckdb.sql'),
  warmup: '1', runs: '5',
});
const total = Number(args.warmup) + Number(args.runs);

// ---------------------------------------------------------------- one-metric programs
const programPath = path.resolve(args.program);
const source = fs.readFileSync(programPath, 'utf8');
const imports = [];
const items = new Map(); // name -> text
const metrics = [];
let current = null;
for (const line of source.split('\n')) {
  let m;
  if ((m = /^import\s+"([^"]+)"/.exec(line))) {
    imports.push(`import ${JSON.stringify(path.resolve(path.dirname(programPath), m[1]))}`);
    current = null;
  } else if ((m = /^(segment|score|partition|metric)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line))) {
    current = m[2];
    items.set(current, line + '\n');
    if (m[1] === 'metric') metrics.push(current);
  } else if (current && /^(\s|\})/.test(line)) {
    items.set(current, items.get(current) + line + '\n');
  } else {
    current = null;
  }
}
function withDependencies(name) {
  const needed = new Set();
  const visit = (n) => {
    if (needed.has(n) || !items.has(n)) return;
    needed.add(n);
    const body = items.get(n).replace(/\/\/.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const other of items.keys())
      if (other !== n && !metrics.includes(other) && new RegExp(`\\b${other}\\b`).test(body)) visit(other);
  };
  visit(name);
  return [...items.keys()].filter((n) => needed.has(n));
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-metrics-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// A metric's answer as {group key: value}; the key joins the `by` values with '|'.
const keyOf = (values) => values.map((v) => (v === null || v === undefined ? 'null' : String(v))).join('|');
function segAnswer(json, name) {
  const m = json.metrics[name];
  if (!m) throw new Error(`seg run reported no metric ${name}`);
  if (!m.by) return { '': m.value };
  return Object.fromEntries(m.rows.map((r) => [keyOf(m.by.map((b) => r.group[b])), r.value]));
}

const seg = {};
for (const name of metrics) {
  const file = path.join(tmp, `${name}.seg`);
  fs.writeFileSync(file, `${imports.join('\n')}\n\n` + withDependencies(name).map((n) => items.get(n)).join('\n'));
  const cmd = ['run', file, '--data', args.snapshot, '--now', args.now, '--format', 'json'];
  const times = [], runs = [], walls = [];
  let answer;
  for (let i = 0; i < total; i++) {
    const start = performance.now();
    const res = spawnSync(args.seg, cmd, { encoding: 'utf8', maxBuffer: 64 << 20 });
    const wall = performance.now() - start;
    if (res.status !== 0) throw new Error(`seg ${cmd.join(' ')} failed:\n${res.stderr}`);
    const json = JSON.parse(res.stdout);
    if (json.engine !== 'jit') throw new Error(`${name}: ran with ${json.engine}: ${res.stderr}`);
    answer = segAnswer(json, name);
    if (i >= Number(args.warmup)) {
      times.push(json.timings_ms.compile + json.timings_ms.run);
      runs.push(json.timings_ms.run);
      walls.push(wall);
    }
  }
  seg[name] = { answer, ms: median(times), run: median(runs), wall: median(walls), min: Math.min(...times) };
  console.error(`seg ${name}: ${seg[name].ms.toFixed(2)} ms (run ${seg[name].run.toFixed(2)}, wall ${seg[name].wall.toFixed(1)})`);
}

// ---------------------------------------------------------------- DuckDB
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const run = async (sql) => (await con.runAndReadAll(sql)).getRowsJson();
const csv = (name) => `'${path.resolve(args.data, name).replaceAll("'", "''")}'`;
await run(`CREATE TABLE contacts AS SELECT * FROM read_csv(${csv('contacts.csv')},
  header = true, auto_detect = false, columns = {
    'id': 'BIGINT', 'email': 'VARCHAR', 'age': 'BIGINT', 'gender': 'VARCHAR',
    'country': 'VARCHAR', 'city': 'VARCHAR', 'company_size': 'BIGINT', 'industry': 'VARCHAR',
    'plan': 'VARCHAR', 'trial_days_left': 'BIGINT', 'signup_at': 'TIMESTAMP',
    'last_seen_at': 'TIMESTAMP', 'lifetime_value': 'DOUBLE', 'nps': 'BIGINT',
    'device': 'VARCHAR', 'email_opt_in': 'BOOLEAN'})`);
await run(`CREATE TABLE events AS SELECT * FROM read_csv(${csv('events.csv')},
  header = true, auto_detect = false, columns = {
    'contact_id': 'BIGINT', 'type': 'VARCHAR', 'at': 'TIMESTAMP', 'amount': 'DOUBLE',
    'campaign': 'VARCHAR', 'url': 'VARCHAR'})`);
const text = fs.readFileSync(args.queries, 'utf8');
const parts = text.split(/^-- metric:[ \t]*(\S+)[ \t]*$/m);
const duck = {};
for (let i = 1; i + 1 < parts.length; i += 2) {
  const name = parts[i];
  const sql = parts[i + 1].replace(/^--.*$/gm, '').trim().replace(/;\s*$/, '');
  const times = [];
  let rows;
  for (let r = 0; r < total; r++) {
    const start = performance.now();
    rows = await run(sql);
    if (r >= Number(args.warmup)) times.push(performance.now() - start);
  }
  duck[name] = { answer: Object.fromEntries(rows.map((row) => [keyOf(row.slice(0, -1)), row[row.length - 1]])), ms: median(times) };
  console.error(`duckdb ${name}: ${duck[name].ms.toFixed(2)} ms`);
}

// ---------------------------------------------------------------- compare, report
let mismatches = 0;
const same = (a, b) => {
  if (a === null || b === null) return a === b;
  const x = Number(a), y = Number(b);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
console.log('| metric | groups | Seg ms | Seg run ms | Seg wall ms | DuckDB ms | DuckDB / Seg |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const name of metrics) {
  const s = seg[name], d = duck[name];
  if (!d) { console.error(`no query for metric ${name}`); mismatches++; continue; }
  const keys = new Set([...Object.keys(s.answer), ...Object.keys(d.answer)]);
  for (const k of keys) {
    if (!(k in s.answer) || !(k in d.answer) || !same(s.answer[k], d.answer[k])) {
      console.error(`MISMATCH in ${name}, group '${k}': Seg ${s.answer[k]}, DuckDB ${d.answer[k]}`);
      mismatches++;
    }
  }
  console.log(`| ${name} | ${keys.size} | ${fmt(s.ms)} | ${fmt(s.run)} | ${fmt(s.wall)} | ${fmt(d.ms)} | ${(d.ms / s.ms).toFixed(1)}× |`);
}
console.log(`\nMedian of ${args.runs} timed runs after ${args.warmup} warm-up; DuckDB ${version()}.`);
if (mismatches) {
  console.error(`${mismatches} difference(s): see above.`);
  process.exit(1);
}
console.log(`All ${metrics.length} metrics: both engines gave the same values.`);

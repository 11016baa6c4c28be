// duckdb_bench.mjs - loads the generated CSVs into an in-memory DuckDB, runs every query
// of a queries file (warm-up runs, then timed runs) and writes the answers and times as JSON.
// Usage: node duckdb_bench.mjs --data DIR --queries FILE --out FILE
//          [--warmup 1] [--runs 5] [--timeout-s 300] [--threads 0]
import { DuckDBInstance, version } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { readQueries, median, parseArgs } from './lib.mjs';

const args = parseArgs(process.argv.slice(2), {
  data: undefined, queries: undefined, out: undefined,
  warmup: '1', runs: '5', 'timeout-s': '300', threads: '0',
});
const queries = readQueries(args.queries);
const options = {};
if (Number(args.threads) > 0) options.threads = String(args.threads);
const instance = await DuckDBInstance.create(':memory:', options);
const con = await instance.connect();

// Runs one statement, interrupting it past the timeout; returns rows as JSON values.
async function run(sql) {
  const timer = setTimeout(() => con.interrupt(), Number(args['timeout-s']) * 1000);
  try {
    const reader = await con.runAndReadAll(sql);
    return reader.getRowsJson();
  } finally {
    clearTimeout(timer);
  }
}

const csv = (name) => `'${path.resolve(args.data, name).replaceAll("'", "''")}'`;
const t0 = performance.now();
// Explicit types, the schema's: timestamps are UTC ('...Z') into TIMESTAMP, floats DOUBLE.
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
const loadMs = performance.now() - t0;
const [[contacts]] = await run('SELECT count(*) FROM contacts');
const [[events]] = await run('SELECT count(*) FROM events');
// The SQL answers some segments from the events table alone: that needs every event's
// contact to exist, as seg import guarantees. Check it here rather than assume it.
const [[orphans]] = await run(
  'SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = e.contact_id)');
if (Number(orphans) !== 0) throw new Error(`${orphans} events name no contact`);
console.error(`duckdb ${version()}: loaded ${contacts} contacts, ${events} events in ${(loadMs / 1000).toFixed(1)} s`);

const results = [];
const warmup = Number(args.warmup);
for (const q of queries) {
  const times = [];
  let answer;
  const total = Number(args.warmup) + Number(args.runs);
  for (let i = 0; i < total; i++) {
    const start = performance.now();
    const rows = await run(q.sql);
    const ms = performance.now() - start;
    if (rows.length !== 1 || rows[0].length < 1) throw new Error(`${q.name}: expected one row`);
    const got = { members: String(rows[0][0]), id_sum: String(rows[0][1] ?? 0) };
    if (answer && (answer.members !== got.members || answer.id_sum !== got.id_sum)) {
      throw new Error(`${q.name}: answers differ between runs`);
    }
    answer = got;
    if (i >= Number(args.warmup)) times.push(ms);
  }
  results.push({ name: q.name, ...answer, runs_ms: times, median_ms: median(times) });
  console.error(`duckdb ${q.name}: ${answer.members} members, median ${median(times).toFixed(1)} ms`);
}
fs.writeFileSync(args.out, JSON.stringify({
  engine: 'duckdb', version: version(), contacts: Number(contacts), events: Number(events),
  load_ms: loadMs, warmup: warmup, segments: results }, null, 2) + '\n');

// seg_bench.mjs - times `seg run` per bench segment and writes the answers and times as
// JSON in the shape of duckdb_bench.mjs's.
//
// `seg run` evaluates the whole program whatever it reports, so a segment is timed alone by
// running a one-segment program: the schema import, the segment and the definitions it
// uses (e.g. hot_leads with lead_score), cut out of the bench program into a temporary
// directory. Each is run warm-up times, then timed; the median is reported. Per run:
//   - seg_ms: compile + run from the run's JSON `timings_ms` - source text to answer, the
//     counterpart of a SQL query's parse, plan and execute (the data is already open);
//   - run_ms: `timings_ms.run` alone (evaluation: bind, stages, ranks);
//   - wall_ms: the whole `seg run` process (start-up, opening the snapshot, the above,
//     printing JSON).
// The whole program is also run once the same way (name "(all 7 in one run)") and its
// answers are checked against the one-segment runs; a last, untimed run writes the members
// (--members) for the id checksums.
//
// Usage: node seg_bench.mjs --seg PATH --program FILE --snapshot FILE --now TS
//          --segments a,b,c --out FILE [--engine jit] [--warmup 1] [--runs 5] [--timeout-s 300]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, parseArgs } from './lib.mjs';

const args = parseArgs(process.argv.slice(2), {
  seg: undefined, program: undefined, snapshot: undefined, now: undefined,
  segments: undefined, out: undefined, engine: 'jit',
  warmup: '1', runs: '5', 'timeout-s': '300',
});
const warmup = Number(args.warmup);
const total = warmup + Number(args.runs);
const names = args.segments.split(',').filter(Boolean);

// ---------------------------------------------------------------- one-segment programs
// The bench program is imports, then `segment NAME = ...` and `score NAME { ... }` items,
// each starting at the beginning of a line (comments and blank lines between them). An
// item runs over its indented lines (and a closing '}' at column 0) until a blank line,
// a comment at column 0 or the next item.
const programPath = path.resolve(args.program);
const source = fs.readFileSync(programPath, 'utf8');
const imports = [];
const items = new Map(); // name -> text
let current = null;
for (const line of source.split('\n')) {
  let m;
  if ((m = /^import\s+"([^"]+)"/.exec(line))) {
    const target = m[1].startsWith('std/') ? m[1] : path.resolve(path.dirname(programPath), m[1]);
    imports.push(`import ${JSON.stringify(target)}`);
    current = null;
  } else if ((m = /^(?:segment|score|partition)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line))) {
    current = m[1];
    items.set(current, line + '\n');
  } else if (current && /^(\s|\})/.test(line)) {
    items.set(current, items.get(current) + line + '\n'); // indented, or a block's '}'
  } else {
    current = null; // a blank line, a comment or anything else at column 0 ends an item
  }
}
function withDependencies(name) {
  const needed = new Set();
  const visit = (n) => {
    if (needed.has(n) || !items.has(n)) return;
    needed.add(n);
    const body = items.get(n).replace(/\/\/.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const other of items.keys()) {
      if (other !== n && new RegExp(`\\b${other}\\b`).test(body)) visit(other);
    }
  };
  visit(name);
  return [...items.keys()].filter((n) => needed.has(n)); // in the program's order
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-peers-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------- runs
function segRun(program, only, extra = []) {
  const cmd = ['run', program, '--data', args.snapshot, '--now', args.now, '--format', 'json',
    '--engine', args.engine, ...(only ? ['--segment', only] : []), ...extra];
  const start = performance.now();
  const res = spawnSync(args.seg, cmd, {
    encoding: 'utf8', maxBuffer: 256 << 20, timeout: Number(args['timeout-s']) * 1000,
  });
  const wall = performance.now() - start;
  const shown = `seg ${cmd.join(' ')}`;
  if (res.status !== 0) {
    throw new Error(`${shown} failed (status ${res.status}${res.signal ? ', ' + res.signal : ''}):\n${res.stderr}`);
  }
  let json;
  try {
    json = JSON.parse(res.stdout);
  } catch (e) {
    throw new Error(`${shown}: output is not JSON (${e.message}):\n${res.stdout.slice(0, 1000)}`);
  }
  const t = json.timings_ms;
  if (!t || typeof t.run !== 'number' || typeof t.compile !== 'number') {
    throw new Error(`${shown}: no timings_ms.run / timings_ms.compile in:\n${res.stdout.slice(0, 1000)}`);
  }
  if (json.engine !== args.engine) {
    throw new Error(`${shown}: ran with engine '${json.engine}', not '${args.engine}' ` +
      `(run.sh --engine ${json.engine} times that one)` +
      (res.stderr ? `:\n${res.stderr}` : ''));
  }
  return { json, wall, run: t.run, seg: t.compile + t.run, stderr: res.stderr };
}
function membersOf(json, name, shown) {
  const s = json.segments && json.segments[name];
  if (!s || typeof s.members !== 'number') {
    throw new Error(`${shown}: no segments.${name}.members in the output`);
  }
  return String(s.members);
}

function bench(label, program, reported) {
  const wall = [], run = [], seg = [];
  let answers;
  let last;
  for (let i = 0; i < total; i++) {
    const r = segRun(program, reported.length === 1 ? reported[0] : null);
    const got = reported.map((n) => membersOf(r.json, n, label)).join(',');
    if (answers !== undefined && got !== answers) throw new Error(`${label}: answers differ between runs`);
    answers = got;
    last = r.json;
    if (i >= warmup) { wall.push(r.wall); run.push(r.run); seg.push(r.seg); }
  }
  const out = { members: answers.split(','), median_ms: median(seg), run_median_ms: median(run),
    wall_median_ms: median(wall), runs_ms: seg, run_runs_ms: run, wall_runs_ms: wall,
    timings_ms: last.timings_ms, threads: last.threads };
  console.error(`seg ${label}: ${answers} members, median ${out.median_ms.toFixed(1)} ms ` +
    `(compile + run; run ${out.run_median_ms.toFixed(1)} ms, wall ${out.wall_median_ms.toFixed(1)} ms)`);
  return out;
}

const version = (spawnSync(args.seg, ['--version'], { encoding: 'utf8' }).stdout || '').trim();
const results = [];
for (const name of names) {
  if (!items.has(name)) throw new Error(`${args.program} defines no segment '${name}'`);
  const file = path.join(tmp, `${name}.seg`);
  const text = `// generated by seg_bench.mjs from ${programPath}\n${imports.join('\n')}\n\n` +
    withDependencies(name).map((n) => items.get(n)).join('\n');
  fs.writeFileSync(file, text);
  const r = bench(name, file, [name]);
  results.push({ name, ...r, members: r.members[0], program: text });
}
const all = bench('(all 7 in one run)', programPath, names);
names.forEach((name, i) => {
  const one = results.find((r) => r.name === name);
  if (one.members !== all.members[i]) {
    throw new Error(`${name}: ${one.members} members alone, ${all.members[i]} in the whole program`);
  }
});
// Checksums, untimed: the whole program once more, writing every segment's members
// (their ids, DIR/<segment>.csv), to compare the sum of ids with the SQL's id_sum.
const membersDir = path.join(tmp, 'members');
segRun(programPath, null, ['--members', membersDir]);
for (const r of results) {
  const file = path.join(membersDir, `${r.name}.csv`);
  if (!fs.existsSync(file)) throw new Error(`seg run --members wrote no ${file}`);
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean);
  if (String(lines.length) !== r.members) {
    throw new Error(`${r.name}: ${lines.length} rows in ${file}, ${r.members} members reported`);
  }
  r.id_sum = String(lines.reduce((sum, line) => sum + BigInt(line.split(',')[0]), 0n));
}
fs.writeFileSync(args.out, JSON.stringify({
  engine: 'seg', version, engine_kind: args.engine, warmup, segments: results,
  whole_program: { ...all, members: Object.fromEntries(names.map((n, i) => [n, all.members[i]])) },
}, null, 2) + '\n');

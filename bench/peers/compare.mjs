// compare.mjs - checks that every engine gave the same answer for every segment (member
// counts; id checksums where both engines report one) and prints the times side by side.
// Exits with status 1, naming the segment, its query and every engine's answer, on any
// difference. Usage: node compare.mjs RESULT.json...  (from the *_bench.mjs scripts)
import fs from 'node:fs';

const files = process.argv.slice(2);
const engines = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const label = { seg: 'Seg', duckdb: 'DuckDB', postgres: 'PostgreSQL' };
const names = [];
for (const e of engines) for (const s of e.segments) if (!names.includes(s.name)) names.push(s.name);

let mismatches = 0;
for (const name of names) {
  const answers = engines.map((e) => ({ e, s: e.segments.find((x) => x.name === name) }));
  const missing = answers.filter((a) => !a.s);
  const present = answers.filter((a) => a.s);
  const members = new Set(present.map((a) => a.s.members));
  const sums = new Set(present.filter((a) => a.s.id_sum !== undefined).map((a) => a.s.id_sum));
  if (missing.length || members.size > 1 || sums.size > 1) {
    mismatches++;
    console.error(`MISMATCH in segment ${name}:`);
    for (const a of answers) {
      console.error(`  ${label[a.e.engine] || a.e.engine}: ` + (a.s
        ? `${a.s.members} members` + (a.s.id_sum !== undefined ? `, id sum ${a.s.id_sum}` : '')
        : 'no answer'));
    }
    console.error(`  queries: bench/peers/queries.*.sql, '-- segment: ${name}'; program: bench/peers/segments.seg`);
  }
}

const fmt = (ms) => (ms === null || ms === undefined ? '-' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const ratio = (a, b) => (a && b ? (a / b).toFixed(1) + '×' : '-');
const seg = engines.find((e) => e.engine === 'seg');
const others = engines.filter((e) => e.engine !== 'seg');
const header = ['segment', 'members'];
if (seg) header.push('Seg ms', 'Seg run ms', 'Seg wall ms');
for (const e of others) header.push(`${label[e.engine]} ms`);
if (seg) for (const e of others) header.push(`${label[e.engine]} / Seg`);
if (!seg && others.length > 1) header.push(`${label[others[1].engine]} / ${label[others[0].engine]}`);
const rows = [header];
for (const name of names) {
  const get = (e) => e.segments.find((x) => x.name === name);
  const first = engines.map(get).find(Boolean);
  const row = [name, first ? Number(first.members).toLocaleString('en-US') : '-'];
  if (seg) row.push(fmt(get(seg)?.median_ms), fmt(get(seg)?.run_median_ms), fmt(get(seg)?.wall_median_ms));
  for (const e of others) row.push(fmt(get(e)?.median_ms));
  if (seg) for (const e of others) row.push(ratio(get(e)?.median_ms, get(seg)?.median_ms));
  if (!seg && others.length > 1) row.push(ratio(get(others[1])?.median_ms, get(others[0])?.median_ms));
  rows.push(row);
}
// Seg evaluates a whole program in one run; the peers answer one query per segment.
if (seg && seg.whole_program) {
  const w = seg.whole_program;
  const sumOf = (e) => e.segments.reduce((a, s) => a + s.median_ms, 0);
  const row = [`all ${names.length}: one Seg run, sum of queries`, '-',
    fmt(w.median_ms), fmt(w.run_median_ms), fmt(w.wall_median_ms)];
  for (const e of others) row.push(fmt(sumOf(e)));
  for (const e of others) row.push(ratio(sumOf(e), w.median_ms));
  rows.push(row);
}
const widths = header.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
const line = (r) => '| ' + r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
console.log(line(header));
console.log('| ' + widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ') + ' |');
for (const r of rows.slice(1)) console.log(line(r));
const e0 = engines[0];
console.log(`\nMedian of ${e0.segments[0]?.runs_ms.length ?? '?'} timed runs after ${e0.warmup ?? '?'} warm-up run(s) each; ` +
  engines.map((e) => `${label[e.engine] || e.engine} ${String(e.version).replace(/^seg /, '')}` +
  (e.engine === 'seg' ? ` (--engine ${e.engine_kind})` : '')).join(', ') + '.');
if (seg) {
  console.log('Seg ms = compile + run as the run reports them (source text to answer, data already open),');
  console.log('for a one-segment program; Seg run ms = evaluation alone; Seg wall ms = the whole seg run');
  console.log('process. Ratios = the peer\'s time / Seg ms (above 1×: Seg is faster).');
}
if (mismatches) {
  console.error(`\n${mismatches} segment(s) differ: see above.`);
  process.exit(1);
}
console.log(`All ${names.length} segments: every engine gave the same answer.`);

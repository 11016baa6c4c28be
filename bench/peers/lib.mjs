// Shared helpers of the peer benchmark scripts.
import fs from 'node:fs';

// Splits a queries file into [{name, sql}] on its `-- segment: NAME` lines.
export function readQueries(file) {
  const text = fs.readFileSync(file, 'utf8');
  const parts = text.split(/^-- segment:[ \t]*(\S+)[ \t]*$/m);
  const queries = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const sql = parts[i + 1].trim().replace(/;\s*$/, '');
    if (!sql) throw new Error(`${file}: segment ${parts[i]} has no query`);
    queries.push({ name: parts[i], sql });
  }
  if (queries.length === 0) throw new Error(`${file}: no '-- segment: NAME' lines`);
  return queries;
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// Parses `--name value` options into an object, with defaults.
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || !(m[1] in defaults) || i + 1 >= argv.length) {
      throw new Error(`bad argument '${argv[i]}' (options: ${Object.keys(defaults).join(', ')})`);
    }
    out[m[1]] = argv[++i];
  }
  for (const [k, v] of Object.entries(out)) {
    if (v === undefined) throw new Error(`missing --${k}`);
  }
  return out;
}

// Failures are reported as one message (the scripts' errors say what and where), not as
// a stack trace, with exit status 1.
process.on('uncaughtException', (e) => {
  console.error(`${process.argv[1].replace(/.*\//, '')}: ${e && e.message ? e.message : e}`);
  process.exit(1);
});

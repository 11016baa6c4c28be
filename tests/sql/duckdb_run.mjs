// duckdb_run.mjs - the DuckDB side of tests/sql/duckdb_agreement_test.sh: creates the tables of
// `seg sql --ddl --dialect duckdb` in an in-memory DuckDB, loads a folder of `seg gen` CSVs
// (contacts.csv, events.csv) into them in file order (rowid is then the load order, which
// first/last of a property read for equal times), runs every query of the given `seg sql`
// outputs and writes each one's rows as CSV.
// Usage: node duckdb_run.mjs MODULES_DIR DATA_DIR DDL_FILE PREFIX OUT_DIR QUERIES_FILE...
//   MODULES_DIR holds node_modules/@duckdb/node-api; for QUERIES_FILE q.sql, each
//   `-- segment NAME`, `-- partition NAME` or `-- combined` query writes
//   OUT_DIR/q/<segment|partition>.NAME.csv (no header) or OUT_DIR/q/combined.csv (a header),
//   or, when DuckDB refuses it, the same name ending in .err with DuckDB's message.
//   SEG_DUCKDB_SETTINGS (environment): SQL run before anything else.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modules, data, ddlFile, prefix, outDir, ...queryFiles] = process.argv.slice(2);
if (!queryFiles.length) {
  console.error('usage: duckdb_run.mjs MODULES_DIR DATA_DIR DDL_FILE PREFIX OUT_DIR QUERIES_FILE...');
  process.exit(2);
}
const { DuckDBInstance, version } =
  createRequire(path.join(path.resolve(modules), 'package.json'))('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowsJson();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
const ident = (name) => `"${name.replaceAll('"', '""')}"`;

// SEG_DUCKDB_SETTINGS: statements run first (`SET TimeZone = '…'`), which the queries must
// not depend on.
if (process.env.SEG_DUCKDB_SETTINGS) await con.run(process.env.SEG_DUCKDB_SETTINGS);
// The tables, exactly as `seg sql --ddl` writes them.
await con.run(fs.readFileSync(ddlFile, 'utf8'));
// Every cell as text first; an unquoted empty cell is no value, a quoted one ("") the empty
// string (docs/data.md), hence allow_quoted_nulls = false.
const readCsv = (file) =>
  `read_csv(${quote(path.resolve(data, file))}, header = true, all_varchar = true, ` +
  `allow_quoted_nulls = false, quote = '"', escape = '"', delim = ',')`;
// Rows keep the order of the file (preserve_insertion_order, DuckDB's default, said anyway).
await con.run('SET preserve_insertion_order = true');
await con.run(`CREATE TEMP TABLE staging AS SELECT * FROM ${readCsv('events.csv')}`);
const columns = async (table) =>
  rows(`SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = ${quote(table)} ORDER BY ordinal_position`);
// A text cell as the column's type; no value in a string that is not nullable is "" (as
// the CSV loader reads it).
const cast = (source, [, type, nullable]) =>
  type === 'VARCHAR' && nullable === 'NO'
    ? `COALESCE(${source}, '')`
    : `CAST(${source} AS ${type})`;

const contacts = `${prefix}contacts`;
const contactColumns = await columns(contacts);
const header = (await con.runAndReadAll(`SELECT * FROM ${readCsv('contacts.csv')} LIMIT 0`))
  .columnNames();
const present = contactColumns.filter(([name]) => header.includes(name));
await con.run(`INSERT INTO ${contacts} (${present.map(([n]) => ident(n)).join(', ')})
  SELECT ${present.map((c) => cast(ident(c[0]), c)).join(', ')} FROM ${readCsv('contacts.csv')}`);
let events = 0;
const eventTables = await rows(`SELECT table_name FROM information_schema.tables
  WHERE table_name LIKE ${quote(`${prefix}event\\_%`)} ESCAPE '\\' ORDER BY table_name`);
for (const [table] of eventTables) {
  const type = table.slice(`${prefix}event_`.length);
  const cols = await columns(table);
  const select = cols.map((c) => cast(c[0] === 'contact_key' ? 'contact_id' : ident(c[0]), c));
  await con.run(`INSERT INTO ${ident(table)} (${cols.map(([n]) => ident(n)).join(', ')})
    SELECT ${select.join(', ')} FROM staging WHERE type = ${quote(type)}`);
  events += Number((await rows(`SELECT count(*) FROM ${ident(table)}`))[0][0]);
}
const [[contactCount]] = await rows(`SELECT count(*) FROM ${contacts}`);
console.log(`duckdb ${version()}: loaded ${contactCount} contacts, ${events} events`);

// A value as the member files and psql's -A output write it.
const text = (v) => (v === null ? '' : v === true ? 't' : v === false ? 'f' : String(v));
let run = 0;
let refused = 0;
for (const file of queryFiles) {
  const dir = path.join(outDir, path.basename(file, '.sql'));
  fs.mkdirSync(dir, { recursive: true });
  const parts = fs.readFileSync(file, 'utf8').split(/^-- (segment|partition) (\S+)$|^-- (combined)$/m);
  for (let i = 1; i + 3 < parts.length; i += 4) {
    const [kind, name, combined, sql] = parts.slice(i, i + 4);
    const base = path.join(dir, combined ? 'combined' : `${kind}.${name}`);
    try {
      const reader = await con.runAndReadAll(sql);
      const lines = reader.getRowsJson().map((row) => row.map(text).join(','));
      if (combined) lines.unshift(reader.columnNames().join(','));
      fs.writeFileSync(`${base}.csv`, lines.map((l) => `${l}\n`).join(''));
      run++;
    } catch (e) {
      fs.writeFileSync(`${base}.err`, `${e.message}\n`);
      refused++;
    }
  }
}
console.log(`duckdb: ${run} queries run, ${refused} refused`);

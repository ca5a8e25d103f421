// run-duckdb.mjs DIR FILE.sql… — runs each file's statements in one
// in-memory DuckDB (@duckdb/node-api, from DIR/node_modules) and prints the
// last file's rows tab-separated: NULL empty, numbers in JavaScript's
// shortest round-trip form, booleans true/false.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(dir), 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
let reader = null;
for (const file of files)
  reader = await connection.runAndReadAll(readFileSync(file, 'utf8'));
const show = (v) => v === null ? '' : typeof v === 'bigint' ? v.toString() : String(v);
process.stdout.write(reader.getRows().map((row) => row.map(show).join('\t') + '\n').join(''));

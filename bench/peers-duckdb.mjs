// peers-duckdb.mjs MODULES DB THREADS COMMAND ARGS… — DuckDB, the analyst's
// engine, as bench-peers' peer (@duckdb/node-api from MODULES/node_modules;
// never a test dependency).  Prints the seconds the engine took, measured
// inside the process, so Node's start-up is not counted against DuckDB.
//   load FILE.sql          run the statements (the workspace's tables)
//   import FILE.csv        a typed load of the CSV into the table "raw"
//   score QUERY.sql OUT    COPY (the query) TO OUT as CSV with a header
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [modules, db, threads, command, ...args] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const instance = await DuckDBInstance.create(db);
const connection = await instance.connect();
const quote = (s) => "'" + s.replace(/'/g, "''") + "'";
await connection.run(`SET threads = ${Number(threads)}`);

let sql;
if (command === 'load')
  sql = readFileSync(args[0], 'utf8');
else if (command === 'import')
  sql = `CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv(${quote(args[0])}, header = true)`;
else if (command === 'score')
  sql = `COPY (${readFileSync(args[0], 'utf8').trim().replace(/;$/, '')}) TO ${quote(args[1])} (FORMAT csv, HEADER true)`;
else
  throw new Error(`unknown command ${command}`);

const start = process.hrtime.bigint();
await connection.run(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(seconds.toFixed(3) + '\n');

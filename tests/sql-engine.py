#!/usr/bin/env python3
# Helpers for the SQL engine tests (test-sql-sqlite.sh, -postgres.sh, -duckdb.sh):
#
#   sql-engine.py tables WORKSPACE DIALECT OUTDIR
#       the workspace's leads and events tables as they are: OUTDIR/leads.csv,
#       OUTDIR/events.csv and OUTDIR/tables.sql, which creates and loads them
#       (postgres: psql's \copy; duckdb: COPY … FROM)
#   sql-engine.py scores ENGINE.json OUT FORMAT
#       every lead of `tandem-cli score --format json` against the query's rows
#       (id, fit, interest, grade, mql): fit and interest within 1e-9, grade and
#       mql equal, no lead missing or extra
#   sql-engine.py matrix ENGINE.json OUT FORMAT
#       every cell of `tandem-cli matrix --json` against the --matrix query's
#       rows (cell, leads, mql[, won, conversion]): all equal
#
# FORMAT: quote (sqlite3 .mode quote), pipe (psql -At -F '|'), tab (run-duckdb.mjs)
import csv
import json
import math
import os
import sqlite3
import sys


def tables(workspace, dialect, outdir):
    db = sqlite3.connect("file:%s?mode=ro" % workspace, uri=True)
    kinds = {"text": "text", "number": "double precision", "date": "text", "boolean": "integer"}
    if dialect == "duckdb":
        kinds = {"text": "VARCHAR", "number": "DOUBLE", "date": "VARCHAR", "boolean": "INTEGER"}
    cols = [(sql, kinds[t]) for sql, t in db.execute("SELECT sql_name, type FROM columns ORDER BY position") if sql != "key"]
    text = "VARCHAR" if dialect == "duckdb" else "text"
    real = "DOUBLE" if dialect == "duckdb" else "double precision"
    out = open(os.path.join(outdir, "tables.sql"), "w")
    out.write('DROP TABLE IF EXISTS "leads";\nDROP TABLE IF EXISTS "events";\n')
    out.write('CREATE TABLE "leads" ("id" bigint PRIMARY KEY, "key" %s NOT NULL%s);\n'
              % (text, "".join(', "%s" %s' % c for c in cols)))
    out.write('CREATE TABLE "events" ("id" bigint PRIMARY KEY, "lead" bigint NOT NULL, "type" %s NOT NULL, '
              '"at" %s NOT NULL, "value" %s);\n' % (text, text, real))
    names = ["id", "key"] + [c[0] for c in cols]
    for table, select, columns in (("leads", "SELECT %s FROM leads" % ", ".join('"%s"' % n for n in names), names),
                                   ("events", "SELECT id, lead, type, at, value FROM events",
                                    ["id", "lead", "type", "at", "value"])):
        path = os.path.join(outdir, table + ".csv")
        with open(path, "w", newline="") as f:
            for row in db.execute(select):
                # NULL: an empty field; text always quoted, so '' stays ''
                f.write(",".join("" if v is None else repr(v) if isinstance(v, (int, float))
                                 else '"' + str(v).replace('"', '""') + '"' for v in row) + "\n")
        quoted = ", ".join('"%s"' % c for c in columns)
        if os.path.getsize(path) == 0:
            continue
        if dialect == "duckdb":
            out.write("COPY \"%s\" (%s) FROM '%s' (FORMAT csv, HEADER false, DELIM ',', NULL '', ALLOW_QUOTED_NULLS false);\n"
                      % (table, quoted, path.replace("'", "''")))
        else:
            out.write("\\copy \"%s\" (%s) FROM '%s' WITH (FORMAT csv)\n" % (table, quoted, path.replace("'", "''")))


def rows(path, fmt):
    with open(path, newline="") as f:
        if fmt == "quote":
            return [r for r in csv.reader(f, quotechar="'", skipinitialspace=False) if r]
        sep = "|" if fmt == "pipe" else "\t"
        return [line.rstrip("\n").split(sep) for line in f if line.strip()]


def scores(engine_json, out, fmt):
    engine = {r["id"]: r for r in json.load(open(engine_json))}
    got = rows(out, fmt)
    bad = 0
    for key, fit, interest, grade, mql in got:
        e = engine.pop(key, None)
        if e is None:
            print("# %s: not a lead of the engine's" % key)
            bad += 1
            continue
        if (abs(float(fit) - e["fit"]) > 1e-9 or abs(float(interest) - e["interest"]) > 1e-9
                or grade != e["grade"] or (mql in ("1", "true")) != e["mql"]):
            if bad < 20:
                print("# %s: engine %r, query %r" % (key, e, (fit, interest, grade, mql)))
            bad += 1
    if engine:
        print("# %d leads missing from the query, e.g. %s" % (len(engine), ", ".join(list(engine)[:5])))
        bad += 1
    print("# %d leads compared, %d differ" % (len(got), bad))
    return 1 if bad else 0


def matrix(engine_json, out, fmt):
    engine = json.load(open(engine_json))
    cells = engine["cells"]
    got = rows(out, fmt)
    bad = 0
    if len(got) != len(cells):
        print("# %d cells in the query, %d in the matrix" % (len(got), len(cells)))
        return 1
    for e, r in zip(cells, got):
        want = [e["cell"], e["leads"], e["mql"]]
        have = [r[0], int(r[1]), r[2] in ("1", "true")]
        if "won" in e:
            conversion = None if r[4] in ("", "NULL", "null") else float(r[4])
            want += [e["won"], e["conversion"]]
            have += [int(r[3]), conversion]
        elif len(r) != 3:
            have.append("unexpected won/conversion")
        if want != have:
            print("# cell %s: matrix %r, query %r" % (e["cell"], want, have))
            bad += 1
    print("# %d cells compared (%d leads), %d differ" % (len(got), sum(c["leads"] for c in cells), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "tables":
        tables(*sys.argv[2:5])
    elif command == "scores":
        sys.exit(scores(*sys.argv[2:5]))
    elif command == "matrix":
        sys.exit(matrix(*sys.argv[2:5]))
    else:
        sys.exit("unknown command %s" % command)

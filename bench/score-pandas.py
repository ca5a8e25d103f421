#!/usr/bin/python3
# score-pandas.py WORKSPACE MODEL.json AS_OF OUT.csv — a Tandem model scored
# by pandas (Debian's python3-pandas), the way an analyst would write it:
# the columns the model uses read from the workspace, one vectorised
# expression a rule.  Writes id,fit,interest (10 decimals) and prints the
# seconds it took, reading included, writing excluded.  The peer of
# bench-score and bench-peers; never a test dependency.
import json, sqlite3, sys, time
import numpy as np, pandas as pd

ws, model_path, as_of, out = sys.argv[1:5]
t0 = time.monotonic()
db = sqlite3.connect(ws)
cols = dict(db.execute('SELECT name, sql_name FROM columns'))
model = json.load(open(model_path))
rules = [r for d in ('fit', 'interest') for r in model[d]['rules']]
used = sorted({r['field'] for r in rules if 'field' in r})
leads = pd.read_sql_query('SELECT id, key, ' + ', '.join('%s AS "%s"' % (cols[c], c) for c in used) +
                          ' FROM leads ORDER BY id', db)
types = sorted({r['event'] for r in rules if 'event' in r})
if types:
    ev = pd.read_sql_query('SELECT lead, type, at FROM events WHERE type IN (%s)' % ','.join('?' * len(types)),
                           db, params=types)
else:
    ev = pd.DataFrame({'lead': [], 'type': [], 'at': []})
asof = (pd.Timestamp(as_of) + pd.Timedelta(days=1))
ev['age'] = (asof - pd.to_datetime(ev['at'])).dt.total_seconds() / 86400.0
ev = ev[ev['age'] > 0]


def norm(s):
    return s.str.strip().str.lower()


def cond(r, s):
    op, v = r['op'], r.get('value')
    vals = v if isinstance(v, list) else [v]
    if op == 'empty':
        return s.isna()
    if op == 'not-empty':
        return s.notna()
    if s.dtype == object and op not in ('within-days',) and not (
            isinstance(vals[0], str) and len(vals[0]) == 10 and vals[0][4:5] == '-'):
        n = norm(s)
        w = [str(x).strip().lower() for x in vals]
        if op in ('equals', 'in'):
            m = n.isin(w)
        elif op in ('not-equals', 'not-in'):
            m = ~n.isin(w)
        elif op == 'contains':
            m = pd.concat([n.str.contains(x, regex=False) for x in w], axis=1).any(axis=1)
        elif op == 'starts-with':
            m = pd.concat([n.str.startswith(x) for x in w], axis=1).any(axis=1)
        elif op == 'ends-with':
            m = pd.concat([n.str.endswith(x) for x in w], axis=1).any(axis=1)
        return m & s.notna()
    if op == 'within-days':
        age = (asof - pd.to_datetime(s)).dt.total_seconds() / 86400.0
        return (age >= 0) & (age <= v)
    if isinstance(vals[0], str):
        x = pd.to_datetime(s).dt.strftime('%Y-%m-%d')
    else:
        x = s
    lo, hi = vals[0], vals[-1]
    m = {'<': x < lo, '<=': x <= lo, '>': x > lo, '>=': x >= lo, 'equals': x == lo,
         'between': (x >= lo) & (x <= hi)}[op]
    return m & s.notna()


def dim(d):
    spec = model[d]
    total = np.zeros(len(leads))
    for r in spec['rules']:
        if not r.get('enabled', True):
            continue
        if 'event' in r:
            e = ev[ev['type'] == r['event']]
            if 'within_days' in r:
                e = e[e['age'] <= r['within_days']]
            f = np.power(0.5, e['age'] / r['half_life_days']) if 'half_life_days' in r else pd.Series(1.0, index=e.index)
            fac = f.groupby(e['lead']).sum().reindex(leads['id'], fill_value=0.0).to_numpy()
            p = r['points'] * fac
        elif r['op'] == 'times':
            p = r['points'] * leads[r['field']].fillna(0).to_numpy(dtype=float)
        else:
            p = np.where(cond(r, leads[r['field']]).to_numpy(), r['points'], 0.0)
        if 'max' in r:
            p = np.clip(p, -r['max'], r['max'])
        total += p
    if 'floor' in spec:
        total = np.maximum(total, spec['floor'])
    if 'cap' in spec:
        total = np.minimum(total, spec['cap'])
    return total


fit, interest = dim('fit'), dim('interest')
t1 = time.monotonic()
pd.DataFrame({'id': leads['key'], 'fit': fit, 'interest': interest}).to_csv(out, index=False, float_format='%.10f')
print('%.3f' % (t1 - t0))

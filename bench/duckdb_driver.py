"""DuckDB side of `kqlhunt bench hunts`.

One long-lived process, so interpreter start-up and imports are not timed. Reads one JSON
request per line on stdin and answers one JSON line on stdout:

  {"op": "open", "files": [...], "threads": 2}   -> {"duckdb": "<version>", "files": n}
  {"op": "run", "sql": "...", "rows": true}      -> {"seconds": s, "row_count": n, "rows": [...]}
  {"op": "reset_peak"}                           -> {"ok": true}   (Linux: resets VmHWM)
  {"op": "peak"}                                 -> {"peak_rss_bytes": n or null}

`seconds` is the wall time of execute + fetchall only. Cells come back as text: datetimes as
ISO 8601 UTC with six fraction digits, NULL as "" (what kqlhunt's table output prints).
"""

import datetime
import json
import sys
import time

import duckdb

con = None


def cell(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return v.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def peak_rss():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def handle(req):
    global con
    op = req["op"]
    if op == "open":
        con = duckdb.connect()
        con.execute(f"SET threads = {int(req['threads'])}")
        con.execute("SET TimeZone = 'UTC'")
        files = req["files"]
        listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        con.execute(f"CREATE VIEW CloudAuditEvents AS SELECT * FROM read_parquet([{listing}])")
        return {"duckdb": duckdb.__version__, "files": len(files)}
    if op == "run":
        started = time.perf_counter()
        rows = con.execute(req["sql"]).fetchall()
        seconds = time.perf_counter() - started
        out = {"seconds": seconds, "row_count": len(rows)}
        if req.get("rows"):
            out["rows"] = [[cell(v) for v in row] for row in rows]
        return out
    if op == "reset_peak":
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            return {"ok": True}
        except OSError:
            return {"ok": False}
    if op == "peak":
        return {"peak_rss_bytes": peak_rss()}
    raise ValueError(f"unknown op {op!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line))
        except Exception as e:  # reported to kqlhunt, which fails loudly
            answer = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

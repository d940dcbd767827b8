#!/usr/bin/env python3
"""same_calls.py CTISCOPE LOG CAPTURE [MODE...] - a MIVR log and the capture
of the same flow give the same call flows (--calls --json by default):
object for object, key for key, apart from
  - where a fact comes from: frame numbers and files (the log names lines:
    "source" in --json), the addresses (the log's are synthesized,
    decoder/mivr/mivr_synth.h; --json says "from" instead);
  - times: a log has milliseconds, a capture microseconds, so times are
    compared to the millisecond and durations within 2 ms.
Exit 0 when they agree, 1 with the first differences on stdout."""
import json
import re
import subprocess
import sys

FRAME_KEYS = {"frame", "file", "source", "src", "dst", "from", "server", "session", "sessions"}
TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\d{3}Z$")


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()
                if k not in FRAME_KEYS and not k.endswith("_frame") and not k.endswith("_file")}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str):
        m = TIME.match(v)
        return m.group(1) if m else v
    return v


def same(a, b, path, out):
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or abs(a - b) > 0.002:
            out.append("%s: %r vs %r" % (path, a, b))
        return
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            out.append("%s: keys %s vs %s" % (path, list(a), list(b)))
            return
        for k in a:
            same(a[k], b[k], path + "." + k, out)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append("%s: %d vs %d items" % (path, len(a), len(b)))
            return
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, "%s[%d]" % (path, i), out)
        return
    if a != b:
        out.append("%s: %r vs %r" % (path, a, b))


def run(exe, mode, f):
    p = subprocess.run([exe, "--year", "2026"] + mode + [f], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("%s %s: exit %d: %s" % (" ".join(mode), f, p.returncode, p.stderr))
    return [norm(json.loads(l)) for l in p.stdout.splitlines() if l.strip()]


def main():
    exe, log, cap = sys.argv[1:4]
    modes = sys.argv[4:] or ["--calls --json"]
    bad = 0
    for mode in modes:
        m = mode.split()
        a, b = run(exe, m, log), run(exe, m, cap)
        out = []
        same(a, b, mode, out)
        if not a:
            out.append("%s: no output" % mode)
        if out:
            bad = 1
            print("not ok - %s: %s and %s differ:" % (mode, log, cap))
            for l in out[:10]:
                print("    " + l)
        else:
            print("ok - %s: %s and %s give the same %d objects" % (mode, log, cap, len(a)))
    return bad


if __name__ == "__main__":
    sys.exit(main())

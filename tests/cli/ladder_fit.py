#!/usr/bin/env python3
"""ladder_fit.py CTISCOPE CAPTURE COLS [pty]

`ctiscope --calls` fitted to COLS columns (--width COLS, or with "pty" a
terminal COLS wide and no --width): every line of every ladder (the party
rows and the event rows with their continuation lines) fits in COLS, and
nothing is lost: the event texts, their wrapped lines joined, are the
texts of the unlimited ladder, character for character (a party name
wider than its column goes on over the next lines: the goldens of
cap-callcenter show it).  With "pty", colours are on (a terminal, TERM
set, NO_COLOR unset) and stripped before comparing."""
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

ctiscope, capture, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
use_pty = len(sys.argv) > 4 and sys.argv[4] == "pty"
full = subprocess.run([ctiscope, "--calls", capture], capture_output=True, text=True).stdout

if use_pty:
    try:
        master, slave = pty.openpty()
    except OSError as e:   # a chroot without /dev/pts
        print("SKIP: no pseudo-terminal here (%s): the --width case covers the fitting" % e)
        sys.exit(0)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    env = dict(os.environ, TERM="xterm")
    env.pop("NO_COLOR", None)
    p = subprocess.Popen([ctiscope, "--calls", capture], stdout=slave, stderr=subprocess.DEVNULL,
                         env=env)
    os.close(slave)
    raw = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        raw += chunk
    p.wait()
    fitted = raw.decode().replace("\r\n", "\n")
    if "\033[" not in fitted:
        sys.exit("a terminal with TERM set and no NO_COLOR: no colour")
    fitted = re.sub("\033\\[[0-9;]*m", "", fitted)
else:
    fitted = subprocess.run([ctiscope, "--calls", "--width", str(cols), capture],
                            capture_output=True, text=True).stdout

EVENT = re.compile(r"^  \d\d:\d\d:\d\d\.\d\d\d (\S*#\d+)\s")


def ladders(text):
    """Per call: the ladder's lines (party rows to the last event line)."""
    out, cur = [], None
    for line in text.split("\n"):
        if line.startswith("Call "):
            cur = []
            out.append(cur)
        elif cur is not None and (line.startswith("  party") or cur):
            if not line.strip():
                cur = None
                continue
            cur.append(line)
    return out


problems = []
L_full, L_fit = ladders(full), ladders(fitted)
if len(L_full) != len(L_fit) or not L_full:
    sys.exit("calls: %d unlimited, %d fitted" % (len(L_full), len(L_fit)))
for a, b in zip(L_full, L_fit):
    for line in b:
        if len(line) > cols:
            problems.append("%d columns: %s" % (len(line), line))
    # event texts: after the lanes, from the T-Library event name (Event...)
    cut = lambda line: line.index(" Event") + 1 if " Event" in line else len(line)
    tb = []
    for line in b:
        if EVENT.match(line):
            tb.append(line[cut(line):])
        elif tb and not line.startswith("  party") and not line.startswith("  is ") \
                and not line.startswith("  finally"):
            tb[-1] += " " + re.sub(r"^[\s│|]*", "", line)
    ta = [t.strip() for t in (line[cut(line):] for line in a if EVENT.match(line))]
    # a word longer than the room is split where the line ends: compared
    # without the white space, every character is there, in order
    flat = lambda t: "".join(t.split())
    if [flat(t) for t in ta] != [flat(t) for t in tb]:
        problems.append("event texts differ:\n  " + "\n  ".join(
            "%r / %r" % (x, y) for x, y in zip(ta, tb) if flat(x) != flat(y)))
if problems:
    print("\n".join(problems[:10]))
    sys.exit(1)
print("ok: %d ladders fit %d columns, nothing lost%s" % (len(L_fit), cols, " (a terminal)" if use_pty else ""))

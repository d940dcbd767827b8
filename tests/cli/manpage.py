#!/usr/bin/env python3
"""manpage.py CTISCOPE MANPAGE

doc/ctiscope.1 in step with `ctiscope --help`: the OPTIONS section lists
exactly the options of --help, in the same order, each with the same short
name, value name and text (roff escapes undone); the examples of --help
are in EXAMPLES; the exit statuses in EXIT STATUS.  When an option changes,
this test says which, and the man page is edited to match."""
import os
import re
import subprocess
import sys

ctiscope, man = sys.argv[1:3]
env = dict(os.environ, COLUMNS="10000")   # one line per option
help_text = subprocess.run([ctiscope, "--help"], capture_output=True, text=True, env=env).stdout

opts = []
for line in help_text.split("Application Options:")[1].splitlines():
    m = re.match(r"^  (?:-(\w), )?--([\w-]+)(?:=(\S+))?\s{2,}(.*)$", line)
    if m:
        opts.append((m.group(1), m.group(2), m.group(3), m.group(4).strip()))

roff = open(man, encoding="utf-8").read()


def unroff(t):
    t = re.sub(r"\\f[BIRP]", "", t)
    return t.replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\").replace("\\&", "")


sec = re.search(r"^\.SH OPTIONS\n(.*?)^\.SH ", roff, re.M | re.S).group(1)
man_opts = []
for m in re.finditer(r"^\.TP\n(.*)\n((?:(?!\.TP\n).*\n)*)", sec, re.M):
    head, body = unroff(m.group(1)), " ".join(unroff(m.group(2)).split())
    h = re.match(r"^(?:-(\w), )?--([\w-]+)(?:=(\S+))?$", head)
    if not h:
        print("OPTIONS entry not understood: %r" % head)
        sys.exit(1)
    man_opts.append((h.group(1), h.group(2), h.group(3), body))

problems = []
names_help = [o[1] for o in opts]
names_man = [o[1] for o in man_opts]
for n in names_help:
    if n not in names_man:
        problems.append("--%s is in --help, not in the man page" % n)
for n in names_man:
    if n not in names_help:
        problems.append("--%s is in the man page, not in --help" % n)
if not problems and names_help != names_man:
    problems.append("the options are in another order than --help's")
for h, m in zip(opts, man_opts):
    if h[1] == m[1] and h != m:
        problems.append("--%s: --help says %r, the man page %r" % (h[1], h, m))
ex = re.search(r"^\.SH EXAMPLES\n(.*?)^\.SH ", roff, re.M | re.S).group(1)
for line in help_text.split("Examples:")[1].split("Exit status")[0].strip().splitlines():
    if line.strip() not in unroff(ex):
        problems.append("example not in EXAMPLES: " + line.strip())
st = unroff(re.search(r"^\.SH \"?EXIT STATUS\"?\n(.*?)^\.SH ", roff, re.M | re.S).group(1))
for code in ("0", "1", "2"):
    if not re.search(r"^\.TP\n%s\n" % code, st, re.M):
        problems.append("EXIT STATUS lacks " + code)
if len(opts) < 20:
    problems.append("only %d options read from --help: the test would prove little" % len(opts))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok: the man page has the %d options of --help, the examples and the exit statuses" % len(opts))

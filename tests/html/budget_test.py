#!/usr/bin/env python3
"""budget_test.py CTISCOPE BENCH_GEN OUT_DIR - the HTML report's message
budget (issue 16): a report carries at most 32 MiB of decoded message text
(CF_HTML_MSG_BUDGET), and a call whose messages are left out says how many
and how to see them.

The benchmark capture, cut to 100,000 messages (about 5,900 calls of 17
messages), is more than the budget.  Its report must:
  - carry between 31 and 32 MiB of message text (the budget, used);
  - show each call's messages in full (the frames of its events, "fr", and
    no note), or some of them with a note "N more messages not included
    (the report keeps 32 MiB of message text): run ctiscope --call ID FILE"
    where N is the number of frames left out ("fo");
  - have calls of both kinds;
and the note's command, run, prints the messages of exactly the call's
frames (in frame order; the call lists them in the order of its events).  The capture and report are removed afterwards (about 60 MB).
"""
import json
import os
import re
import shlex
import subprocess
import sys

BUDGET = 32 << 20
NOTE = re.compile(r"^(\d+) more messages? not included \(the report keeps 32 MiB of message text\): "
                  r"run ctiscope (--call .*)$")


def block(page, name):
    start = '<script id="%s" type="application/json">' % name
    a = page.index(start) + len(start)
    return page[a:page.index("</script>", a)]


def main(argv):
    ctiscope, bench_gen, out = argv[1:4]
    os.makedirs(out, exist_ok=True)
    cap = os.path.join(out, "budget.pcap")
    rep = os.path.join(out, "budget.html")
    fails = []
    try:
        subprocess.run([bench_gen, cap, "ccx", "100000"], check=True, capture_output=True)
        subprocess.run([ctiscope, "--html", rep, cap], check=True)
        page = open(rep, encoding="utf-8").read()
        rows = json.loads(block(page, "data"))["calls"]
        details = [json.loads(line) for line in block(page, "detail").strip("\n").split("\n")]
        if len(rows) != len(details) or len(rows) < 5000:
            fails.append("%d rows, %d details" % (len(rows), len(details)))
        text = sum(len(t.encode()) for d in details for _, t in d["m"])
        if not BUDGET - (1 << 20) <= text <= BUDGET:
            fails.append("%d bytes of message text, the budget is %d" % (text, BUDGET))
        full = cut = 0
        checked = None
        for r, d in zip(rows, details):
            if [f for f, _ in d["m"]] != r["fr"]:
                fails.append("call %s: messages %s, frames shown %s" % (r["id"], [f for f, _ in d["m"]], r["fr"]))
            if d["mnote"] is None:
                full += 1
                if r["fo"]:
                    fails.append("call %s: frames %s left out without a note" % (r["id"], r["fo"]))
                continue
            cut += 1
            m = NOTE.match(d["mnote"])
            if not m or int(m.group(1)) != len(r["fo"]) or not r["fo"]:
                fails.append("call %s: note %r for %d frames left out" % (r["id"], d["mnote"], len(r["fo"])))
                continue
            if checked is None:
                checked = (r, m.group(2))
        if not full or not cut:
            fails.append("%d calls with all their messages, %d with a note: not both kinds" % (full, cut))
        if checked:
            r, args = checked
            txt = subprocess.run([ctiscope] + shlex.split(args), check=True, capture_output=True,
                                 text=True).stdout
            frames = []
            for line in txt.splitlines():
                mm = re.match(r"^(\S*#\d+) ", line)
                if mm and mm.group(1) not in frames:
                    frames.append(mm.group(1))
            if sorted(frames) != sorted(r["fr"] + r["fo"]):
                fails.append("the note's command (ctiscope %s) prints frames %s, the call's are %s" %
                             (args, frames, r["fr"] + r["fo"]))
    finally:
        for f in (cap, rep):
            if os.path.exists(f):
                os.remove(f)
    for f in fails[:20]:
        print("FAIL", f)
    if not fails:
        print("ok: %d calls, %d bytes of message text (budget %d), %d calls in full, %d with a note; "
              "the note's command prints the call's frames" % (len(rows), text, BUDGET, full, cut))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

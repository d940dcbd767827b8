#!/usr/bin/env python3
"""budget_test.py CTISCOPE BENCH_GEN OUT_DIR - the HTML report's caps on
decoded messages (issue 16): a call shows its first 100 messages
(CF_HTML_CALL_MSGS), a report carries at most 32 MiB of message text
(CF_HTML_MSG_BUDGET), and a call whose messages are left out says how many
and how to see them.

A capture made here of one CCX call of 123 messages (BEGIN_CALL_EVENT, 60
times CALL_DELIVERED_EVENT and CALL_ESTABLISHED_EVENT, CALL_CLEARED_EVENT,
END_CALL_EVENT, each in its own frame; tests/hostile/make_streams.py's
messages) must show its first 100 frames' messages and say "23 more
messages not included (a call shows its first 100): run ctiscope --call
16777507 FILE", whose command prints the 123 frames.

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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
import make_streams  # noqa: E402

BUDGET = 32 << 20
NOTE = re.compile(r"^(\d+) more messages? not included \(the report keeps 32 MiB of message text\): "
                  r"run ctiscope (--call .*)$")


def block(page, name):
    start = '<script id="%s" type="application/json">' % name
    a = page.index(start) + len(start)
    return page[a:page.index("</script>", a)]


def frames_printed(ctiscope, args):
    """The frames of the messages `ctiscope ARGS` prints, each once."""
    txt = subprocess.run([ctiscope] + args, check=True, capture_output=True, text=True).stdout
    frames = []
    for line in txt.splitlines():
        mm = re.match(r"^(\S*#\d+) ", line)
        if mm and mm.group(1) not in frames:
            frames.append(mm.group(1))
    return frames


def long_call(ctiscope, out, fails):
    """One call of 123 messages: the first 100 shown, a note for 23."""
    ms = make_streams
    cap = ms.Capture()
    c = ms.Conn(cap, 50017, 42027)
    ms.ccx_open(c)
    c.send("S", ms.BEGIN_CALL)
    for _ in range(60):
        c.send("S", ms.CALL_DELIVERED)
        c.send("S", ms.CALL_ESTABLISHED)
    c.send("S", ms.CALL_CLEARED)
    c.send("S", ms.END_CALL)
    c.fin()
    path = os.path.join(out, "long-call.pcap")
    cap.write(path)
    rep = os.path.join(out, "long-call.html")
    subprocess.run([ctiscope, "--html", rep, path], check=True)
    page = open(rep, encoding="utf-8").read()
    rows = json.loads(block(page, "data"))["calls"]
    details = [json.loads(line) for line in block(page, "detail").strip("\n").split("\n")]
    if len(rows) != 1:
        fails.append("long call: %d calls" % len(rows))
        return
    r, d = rows[0], details[0]
    frames = frames_printed(ctiscope, [path])
    want = "23 more messages not included (a call shows its first 100): run ctiscope --call 16777507 %s" % path
    if len(d["m"]) != 100 or r["fr"] != frames[-123:-23] or r["fo"] != frames[-23:] or d["mnote"] != want:
        fails.append("long call: %d messages shown, frames %s..%s shown, %d left out, note %r" %
                     (len(d["m"]), r["fr"][:1], r["fr"][-1:], len(r["fo"]), d["mnote"]))
    got = frames_printed(ctiscope, shlex.split((d["mnote"] or "").partition(": run ctiscope ")[2]))
    if got != frames[-123:]:
        fails.append("long call: the note's command prints %d frames, the call has 123" % len(got))
    return len(d["m"])


def main(argv):
    ctiscope, bench_gen, out = argv[1:4]
    os.makedirs(out, exist_ok=True)
    fails = []
    shown = long_call(ctiscope, out, fails)
    cap = os.path.join(out, "budget.pcap")
    rep = os.path.join(out, "budget.html")
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
            frames = frames_printed(ctiscope, shlex.split(args))
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
        print("ok: a call of 123 messages shows %d and a note; %d calls, %d bytes of message text "
              "(budget %d), %d calls in full, %d with a note; the notes' commands print the calls' "
              "frames" % (shown, len(rows), text, BUDGET, full, cut))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

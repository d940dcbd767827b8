#!/usr/bin/env python3
"""escape_test.py CTISCOPE OUT_DIR - the HTML report shows wire strings as
text (issue 16).  The hostile captures tests/hostile/ccx-html.pcapng (DNs,
an agent id and named variables holding <script>, quotes, &, an HTML
comment, U+2028/9 and invalid UTF-8) and cap-html.pcap (CAP user, call id,
remote name and number the same way) are turned into reports, which must:
  - be valid UTF-8 (invalid bytes became U+FFFD or '?');
  - parse as HTML into exactly the page's own elements: three <script>
    elements (the two data blocks and the page's script, unchanged), no <img>,
    no element or attribute the page does not have;
  - hold no '<', '>', '&', U+2028 or U+2029 in the data block, whose JSON
    gives back the wire strings exactly (a DN, ANI, agent, named variable
    in the call's header and first event, a CAP user and remote number);
  - hold, under the call, its decoded messages word for word as the text
    output (`ctiscope CAPTURE`) prints them, wire strings included;
and, where Chromium is installed, show those strings as text: the ladder's
labels and the decoded messages read "<script>alert(1)</script>", no
script of the data ran, and nothing became an element.
"""
import html.parser
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE = os.path.join(HERE, "..", "hostile")
sys.path.insert(0, HERE)
import browser_test  # noqa: E402

# What the wire holds (decoded), and where the report must give it back.
CCX_DN1 = "<script>alert(1)</script>"
CCX_DN2 = '"><img src=x onerror=alert(2)>&amp;\u2028'
CCX_AGENT = "agt\ufffd\ufffd<&>"
CCX_VAR = "</script><script>alert(3)</script>"
CAP_USER = 'joe<script>alert("u")</script>&@abc.com'
CAP_REMOTE = "\"&<>'4000"


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(k for k, _ in attrs))))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def main(argv):
    ctiscope, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    fails = []
    # the page with no wire string in it: what every report's markup must be
    empty = os.path.join(out, "empty.html")
    subprocess.run([ctiscope, "--html", empty, os.path.join(HOSTILE, "not-ccx.pcapng")], check=True)
    base = Tags()
    base.feed(open(empty, encoding="utf-8").read())
    reports = {}
    for cap in ("ccx-html.pcapng", "cap-html.pcap"):
        rep = os.path.join(out, cap.split(".")[0] + ".html")
        subprocess.run([ctiscope, "--html", rep, os.path.join(HOSTILE, cap)], check=True)
        raw = open(rep, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fails.append("%s: not valid UTF-8: %s" % (cap, e))
            continue
        t = Tags()
        t.feed(text)
        if t.tags != base.tags:
            extra = [x for x in t.tags if x not in base.tags]
            fails.append("%s: elements the page does not have: %s" % (cap, extra[:5] or "(order)"))
        if len(t.scripts) != 3 or t.scripts[2] != base.scripts[2]:
            fails.append("%s: %d scripts, or the page's script changed" % (cap, len(t.scripts)))
            continue
        for block in t.scripts[:2]:
            for ch in ("<", ">", "&", "\u2028", "\u2029"):
                if ch in block:
                    fails.append("%s: a data block holds %r" % (cap, ch))
        d = json.loads(t.scripts[1])
        # the detail block: one call per line, in the order of the list
        for c, line in zip(d["calls"], t.scripts[0].strip("\n").split("\n")):
            c.update(json.loads(line))
        reports[cap] = (rep, d)
        # the decoded messages: the text output's, with the wire strings in them
        txt = subprocess.run([ctiscope, os.path.join(HOSTILE, cap)], capture_output=True,
                             text=True, errors="strict").stdout
        blocks = browser_test.text_blocks(txt)
        c = d["calls"][0] if d["calls"] else {"m": []}
        msgs = "".join(t for _, t in c["m"])
        want = "".join(t for f, t in blocks if f in [f for f, _ in c["m"]])
        if not c["m"] or msgs != want:
            fails.append("%s: the call's messages are not the text output's:\n%s\n---\n%s" % (cap, msgs, want))
        wire = CCX_DN1 if cap.startswith("ccx") else CAP_USER.replace('"', '\\"')
        if wire not in msgs:
            fails.append("%s: %r is not in the call's decoded messages" % (cap, wire))

    if "ccx-html.pcapng" in reports:
        d = reports["ccx-html.pcapng"][1]
        c = d["calls"][0]
        dns = [p[0] for p in c["p"]]
        if CCX_DN1 not in dns or CCX_DN2 not in dns:
            fails.append("ccx-html: the parties are %r" % dns)
        if c["ani"] != CCX_DN1 or c["dnis"] != CCX_DN2:
            fails.append("ccx-html: ANI %r DNIS %r" % (c["ani"], c["dnis"]))
        if CCX_AGENT not in [a["id"] for a in d["agents"]]:
            fails.append("ccx-html: agents %r" % [a["id"] for a in d["agents"]])
        if CCX_VAR not in c["head"] or CCX_VAR not in c["e"][0][7]:
            fails.append("ccx-html: the named variable is not in the header and the first event")
    if "cap-html.pcap" in reports:
        c = reports["cap-html.pcap"][1]["calls"][0]
        if c["p"][0][0] != CAP_USER or c["ani"] != CAP_REMOTE:
            fails.append("cap-html: party %r ANI %r" % (c["p"][0][0], c["ani"]))

    exe = browser_test.chromium()
    if not exe:
        print("note: chromium is not installed: the reports were checked as files, not in a browser")
    for cap, (rep, d) in reports.items():
        if not exe:
            break
        res = browser_test.probe(exe, rep, out)
        if res is None:
            fails.append("%s: no probe result from chromium" % cap)
            continue
        if res["errs"]:
            fails.append("%s: console errors %s" % (cap, res["errs"]))
        if res["imgs"] or res["scripts"] != 3 + 2:   # the page's three, the probe's two
            fails.append("%s: %d <img>, %d <script> in the live document" % (cap, res["imgs"], res["scripts"]))
        shown = res["texts"]
        want = [CCX_DN1, CCX_DN2] if cap.startswith("ccx") else [CAP_USER, CAP_REMOTE]
        for w in want:
            if not any(w in s for s in shown):
                fails.append("%s: %r is not shown as text in the ladder" % (cap, w))
        got = [t for _, t in res["rows"][0]["msgs"]] if res["rows"] else []
        if got != [t for _, t in d["calls"][0]["m"]]:
            fails.append("%s: the decoded messages shown are not the report's: %r" % (cap, got))
    for f in fails:
        print("FAIL", f)
    if not fails:
        print("ok: %d hostile reports show their wire strings as text" % len(reports))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""browser_test.py CTISCOPE OUT_DIR CAPTURE... - the HTML report in a real
browser (headless Chromium, Debian's `chromium` package).

For each capture: `ctiscope --html` writes its report and `ctiscope --calls
--json` its calls; the report is loaded in headless Chromium with a probe
script added at its start (it records uncaught errors, console.error calls
and Content-Security-Policy violations) and at its end (it opens every call
of the list, as a click does, and counts what was drawn).  Checked:
  - one row per call of --calls --json, in the same order, with its id;
  - once opened, exactly one SVG ladder per call, and in it one event mark
    or arrow (g.ev) per event of the call, with the event's frame;
  - the event labels carry the normalized event and the wire message of
    the JSON's events;
  - the decoded messages collapsed under each ladder: one per frame of
    the call's events, in their order, each the text output's message
    (`ctiscope CAPTURE`) of that frame, word for word; and for
    ccx-queued-answered, call 16777507's messages are exactly what
    `ctiscope --call 16777507` prints;
  - every link of the summary, followed as a click follows it, leads to
    an element shown: a finding's frame to its message under its call, the
    finding to its call's row or its session (every finding naming a call
    or a session has its link); a frame in no call is said to be in no
    call (and is in no call of --calls --json);
  - one timeline per agent once the agents are opened;
  - no console error.
A screenshot of each report, with its first call opened, goes to OUT_DIR
(its path is printed: the test log names it).

Exit 77 (ctest's SKIP_RETURN_CODE) with a message when Chromium is not
installed.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys

PROBE_HEAD = """<script>
window.__errs = [];
window.addEventListener("error", function (e) { __errs.push("error: " + e.message); });
window.addEventListener("securitypolicyviolation", function (e) { __errs.push("csp: " + e.violatedDirective); });
(function () { var ce = console.error; console.error = function () {
  __errs.push("console.error: " + Array.prototype.join.call(arguments, " ")); ce.apply(console, arguments); }; })();
</script>"""

PROBE_END = """<script>
(function wait() {
  /* the list is built in chunks after the first paint: wait for all rows */
  if (!document.body.dataset.ready) { setTimeout(wait, 20); return; }
  var r = { ready: document.body.dataset.ready || null, opened_ms: performance.now(), rows: [], errs: null };
  var rows = document.querySelectorAll("#calls tbody tr.call");
  for (var k = 0; k < rows.length; k++) {
    var tr = rows[k];
    tr.firstChild.click();
    var det = tr.nextElementSibling;
    var svgs = det && !det.classList.contains("call") ? det.querySelectorAll("svg") : [];
    var ev = svgs.length ? svgs[0].querySelectorAll("g.ev") : [];
    var evs = [];
    for (var j = 0; j < ev.length; j++)
      evs.push([ev[j].getAttribute("data-frame"), ev[j].lastChild.firstChild.textContent]);
    var msgs = det ? det.querySelectorAll("details.msgs pre.msg") : [], ms = [];
    for (var j = 0; j < msgs.length; j++) ms.push([msgs[j].dataset.frame, msgs[j].textContent]);
    var mnote = det ? det.querySelector("details.msgs .mnote") : null;
    r.rows.push({ id: tr.firstChild.textContent, svgs: svgs.length,
                  ladders: det ? det.querySelectorAll("svg.ladder").length : 0, events: evs,
                  msgs: ms, mnote: mnote ? mnote.textContent : null });
  }
  var d = document.getElementById("agents");
  d.open = true;   /* its timelines are drawn on the toggle event, which comes later */
  r.agents = JSON.parse(document.getElementById("data").textContent).agents.length;
  setTimeout(function () {
    r.agents_drawn = d.querySelectorAll("svg.agent").length;
    r.imgs = document.querySelectorAll("img").length;
    r.scripts = document.scripts.length;
    r.texts = Array.prototype.map.call(document.querySelectorAll("svg text, pre"),
                                       function (t) { return t.textContent; });
    /* every link of the summary, followed as a click follows it: the
       element it names must be there (and a message shown) */
    var links = Array.prototype.slice.call(document.querySelectorAll("#summary a"));
    r.links = [];
    r.no_call = Array.prototype.map.call(document.querySelectorAll("#summary span.note"),
                                         function (x) { return x.textContent; });
    (function next(k) {
      if (k === links.length) {
        r.errs = window.__errs;
        var pre = document.createElement("pre");
        pre.id = "probe-result";
        pre.textContent = JSON.stringify(r);
        document.body.appendChild(pre);
        return;
      }
      var a = links[k], href = a.getAttribute("href");
      history.replaceState(null, "", "#");
      window.addEventListener("hashchange", function once() {
        window.removeEventListener("hashchange", once);
        var t = document.getElementById(decodeURIComponent(href.slice(1)));
        var shown = !!t && t.getClientRects().length > 0;
        r.links.push({ href: href, text: a.textContent, kind: t ? t.tagName.toLowerCase() + "." + t.className : null,
                       shown: shown, line: a.parentNode === t ? null : a.previousSibling && a.previousSibling.textContent });
        setTimeout(function () { next(k + 1); }, 0);
      });
      a.click();
    })(0);
  }, 100);
})();
</script>"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def browser_cmd(exe):
    cmd = [exe, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-extensions", "--user-data-dir=" + os.environ.get("TMPDIR", "/tmp") +
           "/ctiscope-chromium-%d" % os.getpid()]
    if os.geteuid() == 0:
        cmd.append("--no-sandbox")   # Chromium refuses to run as root with its sandbox
    return cmd


def probe(exe, report, out):
    """Load a copy of the report with the probe in Chromium; its result, or
    None (said on stdout)."""
    name = os.path.basename(report)[:-len(".html")]
    page = open(report, encoding="utf-8").read()
    path = os.path.join(out, name + ".probe.html")
    page = page.replace("<head>", "<head>" + PROBE_HEAD, 1)
    page = page[:page.rindex("</body>")] + PROBE_END + "</body></html>\n"
    open(path, "w", encoding="utf-8").write(page)
    url = "file://" + os.path.abspath(path)
    r = subprocess.run(browser_cmd(exe) + ["--virtual-time-budget=10000", "--dump-dom", url],
                       capture_output=True, text=True, timeout=300)
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', r.stdout, re.S)
    if not m:
        print("FAIL %s: no probe result from chromium; stderr:\n%s" % (name, r.stderr[-3000:]))
        return None
    return json.loads(html.unescape(m.group(1)))


def frame_label(ev):
    f = "#%d" % ev["frame"]
    return ev["file"] + f if "file" in ev else f


FRAME_LINE = re.compile(r"^(\S*#\d+) ")


def text_blocks(text):
    """The messages of ctiscope's text output: [(frame, text)], date
    lines left out."""
    out = []
    for line in text.splitlines(keepends=True):
        m = FRAME_LINE.match(line)
        if m:
            out.append([m.group(1), line])
        elif line.startswith("-- ") and line.rstrip().endswith(" --"):
            continue
        elif out:
            out[-1][1] += line
    return [tuple(b) for b in out]


# the call whose messages must be exactly those `ctiscope --call ID` prints
CALL_CHECK = ("ccx-queued-answered", "16777507")


def check_msgs(ctiscope, cap, name, res, calls, errs):
    txt = subprocess.run([ctiscope, cap], capture_output=True, text=True).stdout
    by_frame = {}
    for f, t in text_blocks(txt):
        by_frame.setdefault(f, []).append(t)
    checked = 0
    for row, c in zip(res["rows"], calls):
        frames = []
        for ev in c["events"]:
            if frame_label(ev) not in frames:
                frames.append(frame_label(ev))
        got = [f for f, _ in row["msgs"]]
        if got != frames or row["mnote"]:
            errs.append("call %s: messages of frames %s (%s), its events' frames are %s" %
                        (c["id"], got, row["mnote"], frames))
        for f, t in row["msgs"]:
            blocks = text_blocks(t)
            if not blocks or any(bf != f or bt not in by_frame.get(f, []) for bf, bt in blocks):
                errs.append("call %s: message %s is not the text output's:\n%s" % (c["id"], f, t))
            checked += 1
        if (name, c["id"]) == CALL_CHECK:
            sel = subprocess.run([ctiscope, "--call", c["id"], cap], capture_output=True, text=True).stdout
            want = text_blocks(sel)
            have = [b for _, t in row["msgs"] for b in text_blocks(t)]
            if have != want or not want:
                errs.append("call %s: its messages are not what --call %s prints:\n%s\n---\n%s" %
                            (c["id"], c["id"], have, want))
            checked = -abs(checked) - 1_000_000   # marks the --call check as done
    return checked


def check_links(ctiscope, cap, res, calls, errs):
    """Every summary link leads to a shown element: a frame to the message
    under its call (a pre.msg of that frame), a finding to its call's row or
    its session; every finding has its link; a frame in no call is said to
    be so, and is in no call of --calls --json."""
    summ = json.loads(subprocess.run([ctiscope, "--summary", "--json", cap], check=True,
                                     capture_output=True, text=True).stdout)
    items = [it for v in summ.values() if isinstance(v, dict) and v.get("items") for it in v["items"]]
    call_frames = {frame_label(ev) for c in calls for ev in c["events"]}
    ids = {i for c in calls for i in [c["id"]] + c.get("known_as", [])}
    for ln in res["links"]:
        if not ln["shown"]:
            errs.append("summary link %r (%s) leads to nothing shown" % (ln["text"], ln["href"]))
        elif ln["text"] in call_frames and not (ln["kind"] or "").startswith("pre.msg"):
            errs.append("summary link %r leads to %s, not its message" % (ln["text"], ln["kind"]))
        elif ln["text"].startswith("#") and ln["text"] not in call_frames:
            errs.append("summary link %r: frame in no call" % ln["text"])
    texts = {ln["text"] for ln in res["links"]}
    for it in items:
        if (it.get("session") or it.get("call_id") in ids) and it["text"] not in texts:
            errs.append("finding %r has no link" % it["text"])
        f = frame_label(it)
        in_no_call = any(n.strip() == "[frame %s is in no call]" % f for n in res["no_call"])
        if (f in call_frames) == in_no_call or (f not in call_frames and f in texts):
            errs.append("finding at %s: in a call %s, said in no call %s" % (f, f in call_frames, in_no_call))
    return len(res["links"])


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    ctiscope, out = argv[1], argv[2]
    exe = chromium()
    if not exe:
        print("SKIP: chromium is not installed (apt-get install chromium); the report was not "
              "checked in a browser")
        return 77
    os.makedirs(out, exist_ok=True)
    fails = 0
    calls_checked = []
    for cap in argv[3:]:
        name = os.path.basename(cap).split(".")[0]
        report = os.path.join(out, name + ".html")
        subprocess.run([ctiscope, "--html", report, cap], check=True)
        js = subprocess.run([ctiscope, "--calls", "--json", cap], check=True, capture_output=True,
                            text=True).stdout
        calls = [json.loads(line) for line in js.splitlines() if line.strip()]
        res = probe(exe, report, out)
        if res is None:
            fails += 1
            continue
        errs = []
        if res["ready"] != "1":
            errs.append("the page's script did not finish")
        if res["errs"]:
            errs.append("console errors: %s" % res["errs"])
        if len(res["rows"]) != len(calls):
            errs.append("%d rows, --calls --json has %d calls" % (len(res["rows"]), len(calls)))
        for row, c in zip(res["rows"], calls):
            if row["id"] != c["id"]:
                errs.append("row %r is call %r in --calls --json" % (row["id"], c["id"]))
            if row["svgs"] != 1 or row["ladders"] != 1:
                errs.append("call %s: %d SVGs once opened (%d ladders), not 1" % (c["id"], row["svgs"],
                                                                                 row["ladders"]))
            if len(row["events"]) != len(c["events"]):
                errs.append("call %s: %d arrows and marks, %d events" % (c["id"], len(row["events"]),
                                                                       len(c["events"])))
            for (frame, label), ev in zip(row["events"], c["events"]):
                want = "%s (%s" % (ev["event"], ev["message"])
                if frame != frame_label(ev) or not label.startswith(want):
                    errs.append("call %s: event %s %r, --calls --json has %s %r" %
                                (c["id"], frame, label, frame_label(ev), want))
        n_links = check_links(ctiscope, cap, res, calls, errs)
        n_msgs = check_msgs(ctiscope, cap, name, res, calls, errs)
        call_checked = n_msgs < 0
        if call_checked:
            n_msgs = -n_msgs - 1_000_000
            calls_checked.append(name)
        if calls and not n_msgs:
            errs.append("no decoded messages under the ladders")
        if res["agents_drawn"] != res["agents"]:
            errs.append("%d agent timelines drawn for %d agents" % (res["agents_drawn"], res["agents"]))
        n_events = sum(len(c["events"]) for c in calls)
        # the screenshot: the report with its first call opened (by a click,
        # as a reader opens it, in a copy: the report itself stays as written)
        shot = os.path.join(out, name + ".png")
        page = open(report, encoding="utf-8").read()
        opened = os.path.join(out, name + ".opened.html")
        click = '<script>var r = document.querySelector("#calls tbody tr"); if (r) r.firstChild.click();</script>'
        open(opened, "w", encoding="utf-8").write(page[:page.rindex("</body>")] + click + "</body></html>\n")
        subprocess.run(browser_cmd(exe) + ["--screenshot=" + shot, "--hide-scrollbars", "--window-size=1280,1400",
                                           "file://" + os.path.abspath(opened)],
                       capture_output=True, timeout=120)
        if not os.path.exists(shot):
            errs.append("no screenshot")
        if errs:
            fails += 1
            print("FAIL %s:\n  %s" % (name, "\n  ".join(errs[:20])))
        else:
            print("ok   %s: %d calls, %d events, %d decoded messages%s, %d summary links followed, "
                  "%d agent timelines, no console error; screenshot %s" % (name, len(calls), n_events, n_msgs,
                                                       " (call %s = --call %s)" % (CALL_CHECK[1], CALL_CHECK[1])
                                                       if call_checked else "",
                                                       n_links, res["agents_drawn"], shot))
    if any(os.path.basename(c).split(".")[0] == CALL_CHECK[0] for c in argv[3:]) and not calls_checked:
        print("FAIL: call %s of %s was not checked against --call" % (CALL_CHECK[1], CALL_CHECK[0]))
        fails += 1
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

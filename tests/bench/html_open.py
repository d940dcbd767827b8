#!/usr/bin/env python3
"""html_open.py REPORT.html [RUNS] - how long a ctiscope --html report takes
to open in headless Chromium (a measurement, not a test; README.md,
"The HTML report", quotes it).

Loads a copy of the report with a probe after the page's script, RUNS times
(default 5), and prints per run: the time from navigation start to the end
of the page's script (the data parsed, the summary and the whole call list
built: what the reader sees) to the load event and to the moment every
row of the list is there (it is built in chunks after the first paint; a
click on the first call at the load event builds what is left and draws
that call's ladder), as Chromium's performance clock gives them, plus the wall time of the whole Chromium
process (start-up and exit included).  Then the minimum and median.
"""
import html
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "html"))
import browser_test  # noqa: E402

PROBE = """<script>
window.addEventListener("load", function () {
  var r = { script_ms: window.__script_ms, load_ms: performance.now(),
            rows_at_load: document.querySelectorAll("#calls tbody tr").length };
  /* opening a call builds the rows not yet built first: a click on the
     first row gives the time by which every row and one ladder are there */
  document.querySelector("#calls tbody tr").firstChild.click();
  r.all_rows_ms = performance.now();
  r.rows = document.querySelectorAll("#calls tbody tr.call").length;
  r.ladders = document.querySelectorAll("svg.ladder").length;
  var pre = document.createElement("pre");
  pre.id = "probe-result";
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
window.__script_ms = performance.now();
</script>"""


def main(argv):
    report = argv[1]
    runs = int(argv[2]) if len(argv) > 2 else 5
    exe = browser_test.chromium()
    if not exe:
        print("chromium is not installed")
        return 1
    page = open(report, encoding="utf-8").read()
    path = report[:-len(".html")] + ".open.html"
    open(path, "w", encoding="utf-8").write(page[:page.rindex("</body>")] + PROBE + "</body></html>\n")
    res = []
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run(browser_test.browser_cmd(exe) + ["--dump-dom", "file://" + os.path.abspath(path)],
                           capture_output=True, text=True, timeout=300)
        wall = (time.monotonic() - t0) * 1000
        m = re.search(r'<pre id="probe-result">(.*?)</pre>', r.stdout, re.S)
        if not m:
            print("no result; stderr:", r.stderr[-2000:])
            return 1
        x = json.loads(html.unescape(m.group(1)))
        x["wall_ms"] = wall
        res.append(x)
        print("first view (script done) %6.0f ms  load %6.0f ms (%d rows)  all %d rows + a ladder %6.0f ms  "
              "chromium process %6.0f ms" % (x["script_ms"], x["load_ms"], x["rows_at_load"], x["rows"],
                                             x["all_rows_ms"], wall))
    for k in ("script_ms", "load_ms", "all_rows_ms", "wall_ms"):
        v = [x[k] for x in res]
        print("%-9s min %7.0f ms  median %7.0f ms" % (k, min(v), statistics.median(v)))
    print("file %s: %.1f MB" % (report, os.path.getsize(report) / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

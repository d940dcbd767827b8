#!/usr/bin/env python3
"""ring_frames.py N1 FILE1 FILE2 < OUTPUT - ctiscope's output on FILE1 FILE2
read as one capture (a ring buffer in two files), with each frame named as
if the two were one file whose first N1 frames are FILE1's: "FILE2#3" ->
"#(N1 + 3)", "FILE1#3" -> "#3", a range "FILE2#3-#9" -> "#(N1 + 3)-#(N1 + 9)"; in JSON "frame":3,"file":"FILE2" ->
"frame":(N1 + 3) (and first_/last_/end_ frame and file alike); in CSV the
first_file and last_file columns go, their frames are renumbered.  The
result must be the output on the whole capture (flow_cli.sh,
cli_behaviour.sh): then the files named every frame right, and named the
frame Wireshark numbers it in its file."""
import csv
import io
import re
import sys

n1, f1, f2 = int(sys.argv[1]), sys.argv[2], sys.argv[3]
text = sys.stdin.read()


def base(name):
    if name == f1:
        return 0
    if name == f2:
        return n1
    raise SystemExit("ring_frames.py: a frame of an unknown file %r" % name)


names = "|".join(re.escape(f) for f in (f1, f2))
if text.startswith("call_id,"):   # --calls --csv
    rows = list(csv.reader(io.StringIO(text, newline="")))
    head = rows[0]
    drop = [head.index(c) for c in ("first_file", "last_file")]
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    for k, r in enumerate(rows):
        if k and len(r) == len(head):
            for c in drop:
                r[c - 1] = str(int(r[c - 1]) + base(r[c]))
        w.writerow([v for i, v in enumerate(r) if i not in drop])
    text = out.getvalue()
text = re.sub(r'"(\w*)frame":(\d+),"\w*file":"(%s)"' % names,
              lambda m: '"%sframe":%d' % (m.group(1), int(m.group(2)) + base(m.group(3))), text)
# a range within one file names it once: "FILE2#3-#9" (or with an en dash)
text = re.sub(r"(%s)#(\d+)(-|\u2013)#(\d+)" % names,
              lambda m: "#%d%s#%d" % (int(m.group(2)) + base(m.group(1)), m.group(3),
                                      int(m.group(4)) + base(m.group(1))), text)
text = re.sub(r"(%s)#(\d+)" % names, lambda m: "#%d" % (int(m.group(2)) + base(m.group(1))), text)
sys.stdout.write(text)

#!/usr/bin/env python3
"""live_flush.py CTISCOPE CAPTURE.pcapng MESSAGE [ARGS...]

ctiscope reads CAPTURE from a pipe that stays open, with its stdout a pipe
too (`tail -f | ctiscope - | grep` on a live feed): once the blocks up to
the frame that completes MESSAGE are written, the line naming MESSAGE must
come out within 5 seconds, before the input ends.  Then the rest is
written and the input closed; the whole output must be the file decode's."""
import os
import select
import struct
import subprocess
import sys
import time

ctiscope, capture, message = sys.argv[1:4]
args = sys.argv[4:]
data = open(capture, "rb").read()

# pcapng blocks: type, total length (little-endian, as the shipped captures are)
blocks, pos = [], 0
while pos < len(data):
    btype, blen = struct.unpack_from("<II", data, pos)
    blocks.append((btype, data[pos:pos + blen]))
    pos += blen

full = subprocess.run([ctiscope] + args + [capture], capture_output=True).stdout
want_line = next((l for l in full.split(b"\n") if message.encode() in l), None)
if want_line is None:
    sys.exit("%s is not in the file decode: the test would prove nothing" % message)
frame = int(want_line.split()[0].lstrip(b"#").split(b",")[0].rstrip(b",")) \
    if want_line.startswith(b"#") else None
if frame is None:  # JSON: "frame":N
    import json
    frame = json.loads(want_line)["frame"]

# the blocks through the one carrying that frame (packet blocks: EPB 6, SPB 3)
head, n = b"", 0
for btype, b in blocks:
    head += b
    if btype in (3, 6):
        n += 1
        if n == frame:
            break

p = subprocess.Popen([ctiscope] + args + ["-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(head)
p.stdin.flush()
got, deadline = b"", time.time() + 5
while message.encode() not in got and time.time() < deadline:
    r, _, _ = select.select([p.stdout], [], [], 0.1)
    if r:
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        got += chunk
seen = message.encode() in got
p.stdin.write(data[len(head):])
p.stdin.close()
rest = p.stdout.read()
p.wait()
if not seen:
    sys.exit("%s not printed within 5 s of its frame (%d) while the input stays open; "
             "got %d bytes" % (message, frame, len(got)))
if got + rest != full:
    sys.exit("the output read from a pipe differs from the file decode")
print("ok: %s printed while the input was still open (frame %d)" % (message, frame))

#!/usr/bin/env python3
"""live_lo.py CTISCOPE CAPTURE.pcapng ccx|cap

Live capture on the loopback interface against the file decode: the TCP
payloads of CAPTURE (Ethernet, IPv4) are replayed over real 127.0.0.1
sockets, connection by connection, direction by direction in capture
order, while `ctiscope -i lo --json` decodes them; then SIGINT.  The live
decode must give each direction's messages exactly as the file decode does
(type, fields, diagnostics, stream offsets), ctiscope must exit 0 and
report the kernel's counters.  Needs root (CAP_NET_RAW): exits 77 (skip)
with a message otherwise."""
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

ctiscope, capture, proto = sys.argv[1:4]
if os.geteuid() != 0:
    print("SKIP: capturing on lo needs root (CAP_NET_RAW); this test runs as root in CI")
    sys.exit(77)

# ---- the capture's TCP payloads, per connection, in capture order ----
data = open(capture, "rb").read()
pos, conns, order = 0, {}, []
while pos < len(data):
    btype, blen = struct.unpack_from("<II", data, pos)
    if btype == 6:
        caplen = struct.unpack_from("<I", data, pos + 20)[0]
        pkt = data[pos + 28:pos + 28 + caplen]
        if len(pkt) >= 34 and pkt[12:14] == b"\x08\x00" and pkt[23] == 6:
            ihl = (pkt[14] & 15) * 4
            ip_len = struct.unpack_from(">H", pkt, 16)[0]
            tcp = pkt[14 + ihl:14 + ip_len]
            sport, dport, seq = struct.unpack_from(">HHI", tcp, 0)
            flags = tcp[13]
            payload = tcp[(tcp[12] >> 4) * 4:]
            key = tuple(sorted([sport, dport]))
            c = conns.setdefault(key, {"client": None, "segs": [], "seen": set()})
            if flags & 0x02 and not flags & 0x10:
                c["client"] = sport
            if payload and (sport, seq) not in c["seen"]:   # retransmissions once
                c["seen"].add((sport, seq))
                c["segs"].append((sport, payload))
            if key not in order:
                order.append(key)
    pos += blen

file_out = subprocess.run([ctiscope, "--json", capture], capture_output=True, text=True).stdout
file_msgs = [json.loads(l) for l in file_out.splitlines()]
server_port = {"ccx": 42027, "cap": None}[proto]


def side(o, srv):
    """'server' or 'client': who sent the item (by the server's port)."""
    return "server" if o["src"].endswith(":%d" % srv) else "client"


# ---- live ----
def run_live(args):
    """Replay every connection while `ctiscope -i lo ARGS` captures; SIGINT;
    returns (port, stdout, stderr, exit status)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    opt = "--port" if proto == "ccx" else "--cap-port"
    live = subprocess.Popen([ctiscope, "-i", "lo", "-f", "tcp port %d" % port, opt, str(port)] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = ""
    deadline = time.time() + 10
    while "capturing on lo" not in started and time.time() < deadline:
        r, _, _ = select.select([live.stderr], [], [], 0.2)
        if r:
            started += live.stderr.readline()
        if live.poll() is not None:
            break
    if "capturing on lo" not in started:
        live.kill()
        sys.exit("ctiscope -i lo did not start: " + started + live.stderr.read())
    time.sleep(0.3)
    for key in order:
        c = conns[key]
        if not c["segs"]:
            continue
        client_port = c["client"] or (key[0] if key[1] in (42027, 2206, 2208, 2212) else key[1])
        file_servers.add(key[0] if key[1] == client_port else key[1])
        cs = socket.create_connection(("127.0.0.1", port))
        ss, _ = listener.accept()
        for s in (cs, ss):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        readers = [threading.Thread(target=drain, args=(s,), daemon=True) for s in (cs, ss)]
        for t in readers:
            t.start()
        for sport, payload in c["segs"]:
            (cs if sport == client_port else ss).sendall(payload)
            time.sleep(0.005)
        cs.shutdown(socket.SHUT_WR)
        ss.shutdown(socket.SHUT_WR)
        for t in readers:
            t.join(2)
        cs.close()
        ss.close()
    listener.close()
    time.sleep(0.5)
    live.send_signal(signal.SIGINT)
    out, err = live.communicate(timeout=20)
    return port, out, started + err, live.returncode


def drain(s):
    try:
        while s.recv(65536):
            pass
    except OSError:
        pass


file_servers = set()
port, out, err, rc = run_live(["--json"])
live_msgs = [json.loads(l) for l in out.splitlines()]

problems = []
if rc != 0:
    problems.append("exit %d after SIGINT, want 0" % rc)
if "packets received" not in err or "dropped by the kernel" not in err:
    problems.append("no kernel counters on stderr: " + err)
srv = server_port or next(iter(file_servers))


def view(msgs, srv_port):
    by = {"server": [], "client": []}
    for o in msgs:
        by[side(o, srv_port)].append((o.get("message"), o.get("stream_offset"),
                                      json.dumps(o.get("fields"), sort_keys=True),
                                      json.dumps(o.get("diagnostics"), sort_keys=True)))
    return by


want, got = view(file_msgs, srv), view(live_msgs, port)
for d in ("server", "client"):
    if want[d] != got[d]:
        problems.append("%s side: file %d items, live %d; first difference: %s" % (
            d, len(want[d]), len(got[d]),
            next(((w[:2], g[:2]) for w, g in zip(want[d], got[d]) if w != g), "(length)")))
if not want["server"]:
    problems.append("the file decode has no server messages: the test would prove nothing")
# The call flows live: SIGINT prints the summary, with the same counts as the
# file's and the kernel's counters.
_, sout, serr, src = run_live(["--summary"])
fsum = subprocess.run([ctiscope, "--summary", capture], capture_output=True, text=True).stdout
head = lambda t: " · ".join(next(l for l in t.splitlines() if l.startswith("Summary:")).split(" · ")[:4])
if src != 0:
    problems.append("--summary: exit %d after SIGINT, want 0" % src)
if head(sout) != head(fsum):
    problems.append("--summary live: %r, file: %r" % (head(sout), head(fsum)))
if "Live capture on lo: " not in sout or "dropped by the kernel" not in sout:
    problems.append("--summary live has no kernel counters:\n" + sout)
if problems:
    print("\n".join(problems))
    print("stderr:", err)
    sys.exit(1)
print("ok: live on lo = file decode: %d server and %d client items; %s; --summary: %s" % (
    len(got["server"]), len(got["client"]), err.strip().splitlines()[-1], head(sout)))

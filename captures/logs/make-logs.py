#!/usr/bin/env python3
"""make-logs.py - write the sample MIVR logs of captures/logs/ from the
sample captures (the chapter-11 flows, captures/flows/), so a log and its
capture hold the same messages.

    captures/logs/make-logs.py [--ctiscope build/decoder/cli/ctiscope] captures/ccx-queued-answered.pcapng ...

For each capture X.pcapng it writes captures/logs/X.log: every CCX message
of the capture's connection, in the order and at the time (to the
millisecond, local time US Eastern, "EST") its last byte was captured, as
the low-level (binary) trace of chapter 11 ("Example Trace Log-File
Excerpts", Example 2): a "%MIVR-ICD_CTI-7-UNK:writing..." line for a
message the server sends ("reading..." for one the client sends), its MHDR
row and its MDATA rows, 16 bytes a row with their ASCII.  Between the
traces it puts lines of other facilities (SS_TEL, ENG, a wrapped stack
trace, an ICD_CTI line that is no trace), as a real MIVR log has them.

It also writes captures/logs/X-text.log: the same messages as high-level
(text) traces (Example 1: "CSOutboundMsgProcessor: got an event message:"
for the server's, "CSInboundMsgProcessor: got a request message:" for the
client's, then "{ length=-1 type=NAME, field: value, ... }" over lines of
about 70 characters), the fields and values as `ctiscope --json` decodes
them from the capture, named as chapter 11's traces name them where they
differ from the spec (connectionCallID, ani2, numNamedVars, callVar1,
LastRedirectedDeviceID ...; NamedVariable[0]: name=value), with the same
lines of other facilities between them.

Only the standard library: the captures are pcapng files of Ethernet/IPv4
on the loopback interface, written by captures/record.sh.
"""
import json
import os
import struct
import subprocess
import sys

# spec name -> the trace's name (chapter 11's examples; the reverse of
# decoder/mivr/mivr_text.c's table)
TRACE_NAME = {"CallID": "connectionCallID", "ANI": "ani2", "NumNamedVariables": "numNamedVars",
              "CallWrapupData": "wrapupData", "LastRedirectDeviceType": "LastRedirectedDeviceType",
              "LastRedirectDeviceID": "LastRedirectedDeviceID"}
TRACE_NAME.update({"CallVariable%d" % i: "callVar%d" % i for i in range(1, 11)})

EST = -5 * 3600
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def packets(path):
    """(ts_us, frame bytes) of every Enhanced Packet Block."""
    data = open(path, "rb").read()
    pos, endian, tsres = 0, "<", [1000000]
    while pos + 12 <= len(data):
        btype, blen = struct.unpack_from(endian + "II", data, pos)
        if btype == 0x0A0D0D0A:
            endian = "<" if data[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            btype, blen = struct.unpack_from(endian + "II", data, pos)
        elif btype == 1:
            # if_tsresol (option 9)
            o = pos + 16
            while o + 4 <= pos + blen - 4:
                code, olen = struct.unpack_from(endian + "HH", data, o)
                if code == 0:
                    break
                if code == 9:
                    r = data[o + 4]
                    tsres[0] = 2 ** (r & 0x7f) if r & 0x80 else 10 ** r
                o += 4 + ((olen + 3) & ~3)
        elif btype == 6:
            _, hi, lo, caplen, _ = struct.unpack_from(endian + "IIIII", data, pos + 8)
            ts = (hi << 32 | lo) * 1000000 // tsres[0]
            yield ts, data[pos + 28:pos + 28 + caplen]
        pos += blen


def messages(path):
    """(ts_us, from_server, message bytes) in capture order."""
    streams = {}
    out = []
    for ts, fr in packets(path):
        if len(fr) < 14 + 20 or fr[12:14] != b"\x08\x00":
            continue
        ip = fr[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            continue
        total = struct.unpack_from(">H", ip, 2)[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack_from(">HHI", tcp, 0)
        doff = (tcp[12] >> 4) * 4
        flags = tcp[13]
        payload = tcp[doff:]
        key = (sport, dport)
        st = streams.setdefault(key, {"next": None, "buf": b""})
        if flags & 0x02:
            st["next"] = seq + 1
            continue
        if not payload:
            continue
        if st["next"] is None:
            st["next"] = seq
        if seq != st["next"]:
            sys.exit("%s: segment out of order or retransmitted; only clean captures" % path)
        st["next"] = seq + len(payload)
        st["buf"] += payload
        while len(st["buf"]) >= 8:
            n = 8 + struct.unpack_from(">I", st["buf"], 0)[0]
            if len(st["buf"]) < n:
                break
            out.append((ts, sport == 42027, st["buf"][:n]))
            st["buf"] = st["buf"][n:]
    return out


def stamp(ts_us):
    t = ts_us // 1000000 + EST
    ms = ts_us // 1000 % 1000
    days, sec = divmod(t, 86400)
    # civil from days (1970-01-01 = 0)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return "%s %2d %02d:%02d:%02d.%03d EST" % (MONTHS[m - 1], d, sec // 3600, sec // 60 % 60,
                                              sec % 60, ms)


def rows(b):
    for off in range(0, len(b), 16):
        chunk = b[off:off + 16]
        asc = "".join(chr(c) if 32 <= c < 127 else "." for c in chunk)
        yield "%04X: %s %s" % (off, " ".join("%02X" % c for c in chunk), asc)


OTHER = [
    "%MIVR-SS_TEL-7-UNK:CallID=1, MediaId=9019 Cisco:Port, state changed",
    "%MIVR-ENG-7-UNK:Engine heartbeat: 12 tasks running",
    "%MIVR-ICD_CTI-7-UNK:CTI client 1 bridge mode, services 0x80000000",
]


def other_lines(i, seq, ts, lines):
    """The lines of other facilities before message i."""
    lines.append("%d: %s %s" % (seq, stamp(ts), OTHER[i % len(OTHER)]))
    if i % 5 == 2:
        lines.append("java.lang.IllegalStateException: sample of a wrapped line")
        lines.append("\tat com.cisco.wf.subsystems.rmcm.RmCmContact.x(RmCmContact.java:88)")


def write_log(cap, dst):
    msgs = messages(cap)
    seq = 7091900
    lines = []
    for i, (ts, from_server, b) in enumerate(msgs):
        seq += 1
        other_lines(i, seq, ts, lines)
        seq += 1
        lines.append("%d: %s %%MIVR-ICD_CTI-7-UNK:%s..." % (seq, stamp(ts),
                                                            "writing" if from_server else "reading"))
        head = list(rows(b[:8]))[0]
        lines.append("MHDR:    " + head)
        body = list(rows(b[8:]))
        for k, r in enumerate(body):
            lines.append(("MDATA:   " if k == 0 else "") + r)
    with open(dst, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(msgs)


def trace_fields(fields):
    """(trace name, value text) of a message's fields, in the wire's order:
    repeated floating fields (lists) of one group (ConnectedParty*) go
    party by party, as they travel."""
    out = []
    keys = list(fields)
    done = set()
    for k in keys:
        if k in done:
            continue
        v = fields[k]
        if isinstance(v, list):
            group = [k]
            if k.startswith("ConnectedParty"):
                group = [g for g in keys if g.startswith("ConnectedParty")]
            done.update(group)
            for i in range(max(len(fields[g]) for g in group)):
                for g in group:
                    if i < len(fields[g]):
                        out.append(("%s[%d]" % (TRACE_NAME.get(g, g), i), value_text(fields[g][i])))
            continue
        done.add(k)
        out.append((TRACE_NAME.get(k, k.replace(" ", "")), value_text(v)))
    return out


def value_text(v):
    if isinstance(v, dict) and "name" in v and "value" in v and len(v) <= 3:
        if isinstance(v["value"], int):
            return str(v["value"])
        return "%s=%s" % (v["name"], v["value"])   # a named variable
    return str(v)


def write_text_log(cap, dst, ctiscope):
    p = subprocess.run([ctiscope, "--json", cap], capture_output=True, text=True, check=True)
    msgs = [json.loads(l) for l in p.stdout.splitlines()]
    seq = 7092900
    lines = []
    for i, m in enumerate(msgs):
        t = m["time"]
        # "2026-11-22T02:08:16.060613Z" -> microseconds
        import datetime
        dt = datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        ts = int(dt.timestamp()) * 1000000 + dt.microsecond
        seq += 1
        other_lines(i, seq, ts, lines)
        seq += 1
        server = m["src"].endswith(":42027")
        lines.append("%d: %s %%MIVR-ICD_CTI-7-UNK:" % (seq, stamp(ts)))
        lines.append("CSOutboundMsgProcessor: got an event message:" if server
                     else "CSInboundMsgProcessor: got a request message:")
        items = ["{ length=-1 type=%s" % m["message"]]
        items += ["%s: %s" % kv for kv in trace_fields(m["fields"])]
        text = items[0]
        row = text
        out = []
        for it in items[1:]:
            if len(row) + len(it) + 2 > 70:
                out.append(row + ",")
                row = it
            else:
                row += ", " + it
        out.append(row + " }")
        lines += out
    with open(dst, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(msgs)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    ctiscope = os.path.join(here, "..", "..", "build", "decoder", "cli", "ctiscope")
    if args[:1] == ["--ctiscope"]:
        ctiscope, args = args[1], args[2:]
    for cap in args:
        name = os.path.splitext(os.path.basename(cap))[0]
        n = write_log(cap, os.path.join(here, name + ".log"))
        print("%s.log: %d messages" % (name, n))
        n = write_text_log(cap, os.path.join(here, name + "-text.log"), ctiscope)
        print("%s-text.log: %d messages" % (name, n))


if __name__ == "__main__":
    main()

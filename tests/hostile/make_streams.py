#!/usr/bin/env python3
"""make_streams.py OUT_DIR - write the hostile captures whose TCP needs more
control than a replay over loopback gives (maintainer tool, like make.sh;
the captures are committed, the tests only read them).

The messages are real: the CCX ones are cut out of ccx-base.pcap (recorded
by make.sh from the tables' encoder), the CAP ones are the spec's samples
(tests/spec/cap_samples).  The TCP around them is synthesised here: the
handshake, segments cut where each case needs, ACKs after each segment (so
Wireshark's TCP analysis sees a normal connection), FIN or RST, and the
frames reordered, dropped or reused where the case says.

  ccx-resync             bad BodyLength headers whose bodies run past their
                         segments, and a valid message 5 bytes into a chunk
                         of garbage (the framer must find it)
  ccx-hex-printed        chapter 11's hex trace as printed (a byte lost) before
                         a HEARTBEAT_CONF, in one segment, and with the
                         HEARTBEAT_CONF's first byte only
  ccx-reorder-straddle   a message split over two segments that arrive in
                         the wrong order
  ccx-fin-inside         the stream ends (FIN) inside a message
  ccx-port-reused        a new connection on the same ports while a message
                         of the first one is incomplete
  ccx-heur-split         CCX on port 42999 whose first message spans two
                         segments (the heuristic waits for it)
  ccx-many-diags         a message with 40 warnings, then an error
  cap-junk-line          a 63-byte line of garbage between two documents
  cap-fin-inside         the stream ends (FIN) inside a document
  cap-heur-split         CAP on port 8012 whose start tag spans two segments
  cap-many-diags         a document with 70 warnings, then an error
  ccx-retransmit-differs segments sent again with other bytes: a whole
                         message, the first of a message's two segments
                         after the second, one that also brings new bytes;
                         and sent again the same, and a keep-alive (no
                         problem in those)
  cap-retransmit-differs a document sent again with another state
  cap-html               CAP names holding markup, quotes, & and invalid
                         UTF-8 (the HTML report's escaping)
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pcap_edit  # noqa: E402


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Capture:
    """Frames of one file, 10 ms apart."""

    def __init__(self):
        self.frames = []
        self.t = 1795313400.0   # 2026-11-22 02:10:00 UTC

    def add(self, src, dst, sport, dport, seq, ack, flags, payload=b""):
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                          5 << 4, flags, 65535, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 0, 0x4000, 64, 6, 0,
                         bytes(src), bytes(dst))
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        pseudo = bytes(src) + bytes(dst) + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
        c = csum(pseudo + tcp + payload)
        tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
        eth = b"\0" * 12 + b"\x08\x00"
        self.t += 0.010
        self.frames.append((self.t, eth + ip + tcp + payload))
        return len(self.frames) - 1

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for t, data in self.frames:
                sec = int(t)
                usec = int(round((t - sec) * 1e6))
                f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
                f.write(data)
        print("wrote", path)


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
CLIENT, SERVER = [127, 0, 0, 1], [127, 0, 0, 1]


class Conn:
    """One TCP connection in a Capture: handshake, data with ACKs, end."""

    def __init__(self, cap, cport, sport, cisn=1000, sisn=5000, handshake=True):
        self.cap, self.cport, self.sport = cap, cport, sport
        self.seq = {"C": cisn + 1, "S": sisn + 1}
        if handshake:
            cap.add(CLIENT, SERVER, cport, sport, cisn, 0, SYN)
            cap.add(SERVER, CLIENT, sport, cport, sisn, cisn + 1, SYN | ACK)
            cap.add(CLIENT, SERVER, cport, sport, cisn + 1, sisn + 1, ACK)

    def _ends(self, side):
        if side == "C":
            return CLIENT, SERVER, self.cport, self.sport, "S"
        return SERVER, CLIENT, self.sport, self.cport, "C"

    def send(self, side, data, ack=True, flags=PSH | ACK):
        """One segment; returns its frame index (and the peer's ACK follows)."""
        src, dst, sp, dp, other = self._ends(side)
        i = self.cap.add(src, dst, sp, dp, self.seq[side], self.seq[other], flags, data)
        self.seq[side] += len(data)
        if ack:
            self.cap.add(dst, src, dp, sp, self.seq[other], self.seq[side], ACK)
        return i

    def resend(self, side, seq, data, flags=PSH | ACK):
        """The bytes at stream sequence number seq sent again (data may
        differ from the first copy); no ACK follows."""
        src, dst, sp, dp, other = self._ends(side)
        return self.cap.add(src, dst, sp, dp, seq, self.seq[other], flags, data)

    def fin(self):
        for side in ("C", "S"):
            src, dst, sp, dp, other = self._ends(side)
            self.cap.add(src, dst, sp, dp, self.seq[side], self.seq[other], FIN | ACK)
            self.seq[side] += 1
        self.cap.add(CLIENT, SERVER, self.cport, self.sport, self.seq["C"], self.seq["S"], ACK)

    def rst(self, side="C"):
        src, dst, sp, dp, other = self._ends(side)
        self.cap.add(src, dst, sp, dp, self.seq[side], self.seq[other], RST | ACK)


# ---- the messages ----

def ccx_messages():
    """{type id: bytes} of ccx-base.pcap's messages, both directions."""
    e, hdr, recs = pcap_edit.read(os.path.join(HERE, "ccx-base.pcap"))
    streams = {}
    for _, pkt in recs:
        ihl = (pkt[14] & 15) * 4
        tcp = 14 + ihl
        sport = struct.unpack(">H", pkt[tcp:tcp + 2])[0]
        doff = (pkt[tcp + 12] >> 4) * 4
        tot = struct.unpack(">H", pkt[16:18])[0]
        payload = bytes(pkt[tcp + doff:14 + tot])
        streams.setdefault(sport, bytearray()).extend(payload)
    out = {}
    for data in streams.values():
        p = 0
        while p + 8 <= len(data):
            body, typ = struct.unpack(">II", data[p:p + 8])
            out.setdefault(typ, bytes(data[p:p + 8 + body]))
            p += 8 + body
    return out


M = ccx_messages()
OPEN_REQ, OPEN_CONF, HB_REQ, HB_CONF = M[3], M[4], M[5], M[6]
BEGIN_CALL, CALL_DELIVERED, CALL_ESTABLISHED, CONN_CLEARED, CALL_CLEARED, END_CALL = \
    M[23], M[9], M[10], M[14], M[13], M[24]
CLOSE_REQ, CLOSE_CONF = M[7], M[8]

# Chapter 11, "Example 2: Low-Level (Binary) Trace", exactly as printed:
# its first MDATA row has 15 bytes where 16 are needed.
HEX_PRINTED = bytes.fromhex(
    "0000003600000017"
    "000000000000000100150000000000"
    "00010000010001100000080532303036"
    "000B053730303000190539303236000A"
    "053730303000")


def cap_sample(name):
    with open(os.path.join(HERE, "..", "spec", "cap_samples", name), "rb") as f:
        return f.read().strip()


def ccx_open(conn):
    conn.send("C", OPEN_REQ)
    conn.send("S", OPEN_CONF)


# ---- the cases ----

def ccx_resync(out):
    cap = Capture()
    c = Conn(cap, 50001, 42027)
    ccx_open(c)
    # a strict header (HEARTBEAT_REQ) whose BodyLength (16) runs past its
    # segment: the bytes that follow are not what it announced
    c.send("S", BEGIN_CALL + bytes.fromhex("0000001000000005ffffffff") + b"NOT A MESSAGE")
    c.send("S", CALL_DELIVERED)
    # a chunk of garbage: a BodyLength over the cap, then 5 more bytes,
    # then a whole CALL_CONNECTION_CLEARED_EVENT, then more garbage
    c.send("S", b"\x7f\xff\xff\xff\x00\x00\x00\x09ABCDE" + CONN_CLEARED + b"trailing junk")
    c.send("S", CALL_CLEARED + END_CALL)
    c.send("C", CLOSE_REQ)
    c.send("S", CLOSE_CONF)
    c.fin()
    cap.write(os.path.join(out, "ccx-resync.pcap"))


def ccx_hex_printed(out):
    cap = Capture()
    c = Conn(cap, 50002, 42027)
    ccx_open(c)
    # in one segment: the lost byte costs the trace message, not the stream
    c.send("S", HEX_PRINTED + HB_CONF)
    # the HEARTBEAT_CONF split after its first byte: it is out of reach
    # when the trace message is whole, which takes that byte; the framer
    # recovers once the bogus 1032-byte "message" that follows is whole
    c.send("S", HEX_PRINTED + HB_CONF[:1])
    c.send("S", HB_CONF[1:])
    for _ in range(4):
        c.send("S", HB_CONF * 25)
    c.send("C", CLOSE_REQ)
    c.send("S", CLOSE_CONF)
    c.fin()
    cap.write(os.path.join(out, "ccx-hex-printed.pcap"))


def ccx_reorder_straddle(out):
    cap = Capture()
    c = Conn(cap, 50003, 42027)
    ccx_open(c)
    c.send("S", BEGIN_CALL)
    # CALL_DELIVERED_EVENT in two segments; the second (with the next
    # message behind it) is captured first
    a = c.send("S", CALL_DELIVERED[:60], ack=False)
    b = c.send("S", CALL_DELIVERED[60:] + CALL_ESTABLISHED, ack=False)
    cap.frames[a], cap.frames[b] = (cap.frames[b][0] - 0.010, cap.frames[b][1]), \
        (cap.frames[a][0] + 0.010, cap.frames[a][1])
    cap.add(CLIENT, SERVER, c.cport, c.sport, c.seq["C"], c.seq["S"], ACK)
    c.send("S", CONN_CLEARED + CALL_CLEARED + END_CALL)
    c.send("C", CLOSE_REQ)
    c.send("S", CLOSE_CONF)
    c.fin()
    cap.write(os.path.join(out, "ccx-reorder-straddle.pcap"))


def ccx_fin_inside(out):
    cap = Capture()
    c = Conn(cap, 50004, 42027)
    ccx_open(c)
    c.send("C", HB_REQ)
    c.send("S", HB_CONF)
    c.send("C", HB_REQ[:6])
    c.fin()
    cap.write(os.path.join(out, "ccx-fin-inside.pcap"))


def ccx_port_reused(out):
    cap = Capture()
    c = Conn(cap, 50005, 42027, cisn=1000, sisn=5000)
    ccx_open(c)
    c.send("S", BEGIN_CALL)
    c.send("S", CALL_DELIVERED[:40])
    # the client machine reboots: a new connection from the same port
    c2 = Conn(cap, 50005, 42027, cisn=900000, sisn=700000)
    ccx_open(c2)
    c2.send("C", CLOSE_REQ)
    c2.send("S", CLOSE_CONF)
    c2.fin()
    cap.write(os.path.join(out, "ccx-port-reused.pcap"))


def ccx_heur_split(out):
    cap = Capture()
    c = Conn(cap, 50006, 42999)
    c.send("C", OPEN_REQ[:30])
    c.send("C", OPEN_REQ[30:])
    c.send("S", OPEN_CONF)
    c.send("S", BEGIN_CALL[:20])
    c.send("S", BEGIN_CALL[20:] + END_CALL)
    c.send("C", CLOSE_REQ)
    c.send("S", CLOSE_CONF)
    c.fin()
    cap.write(os.path.join(out, "ccx-heur-split.pcap"))


def ccx_many_diags(out):
    cap = Capture()
    c = Conn(cap, 50007, 42027)
    ccx_open(c)
    # END_CALL_EVENT: 40 ANI fields it does not define (a warning each),
    # then a field whose length runs past the body (an error)
    body = END_CALL[8:] + b"\x08\x00" * 40 + b"\x08\x09\x32\x30"
    c.send("S", struct.pack(">II", len(body), 24) + body)
    c.send("S", END_CALL)
    c.fin()
    cap.write(os.path.join(out, "ccx-many-diags.pcap"))


CAP_A = cap_sample("6.15_infoRequest_1.xml")
CAP_B = cap_sample("6.16_infoResponse_1.xml")
CAP_C = cap_sample("6.17_serverStatusRequest_2.xml")


def cap_junk_line(out):
    cap = Capture()
    c = Conn(cap, 50011, 2208)
    c.send("C", CAP_A)
    c.send("S", CAP_B)
    junk = b"GET /not-cap HTTP/1.1 this line is no BroadWorks document at al"
    assert len(junk) == 63
    c.send("S", b"\n" + junk + b"\n" + CAP_C)
    c.fin()
    cap.write(os.path.join(out, "cap-junk-line.pcap"))


def cap_fin_inside(out):
    cap = Capture()
    c = Conn(cap, 50012, 2208)
    c.send("C", CAP_A)
    c.send("S", CAP_B)
    c.send("S", CAP_C[:100])
    c.fin()
    cap.write(os.path.join(out, "cap-fin-inside.pcap"))


def cap_heur_split(out):
    cap = Capture()
    c = Conn(cap, 50013, 8012)
    c.send("C", CAP_A[:60])
    c.send("C", CAP_A[60:])
    c.send("S", CAP_B)
    c.fin()
    cap.write(os.path.join(out, "cap-heur-split.pcap"))


def cap_many_diags(out):
    cap = Capture()
    c = Conn(cap, 50014, 2208)
    doc = (b'<?xml version="1.0" encoding="UTF-8"?>\n<BroadsoftDocument protocol="CAP" version="17.0">'
           b'<command commandType="sessionUpdate"><commandData><user userType="CallClient"'
           + b"".join(b' x%d="y"' % i for i in range(70))
           + b' id="joe@abc.com"><offHook>True</offHook></usr></commandData></command></BroadsoftDocument>')
    c.send("S", doc)
    c.send("S", CAP_C)
    c.fin()
    cap.write(os.path.join(out, "cap-many-diags.pcap"))


def ccx_retransmit_differs(out):
    cap = Capture()
    c = Conn(cap, 50008, 42027)
    ccx_open(c)
    # a whole message, then the same segment with one byte of its
    # ConnectionDeviceID changed ("2005" -> "2006")
    at = c.seq["S"]
    c.send("S", BEGIN_CALL)
    k = BEGIN_CALL.index(b"2005\0")
    other = BEGIN_CALL[:k + 3] + b"6" + BEGIN_CALL[k + 4:]
    c.resend("S", at, other)
    # the same bytes again: a retransmission, nothing to say
    c.resend("S", at, BEGIN_CALL)
    # a message in two segments; the first comes again after the second,
    # its last ten bytes changed
    at = c.seq["S"]
    c.send("S", CALL_DELIVERED[:50])
    c.send("S", CALL_DELIVERED[50:])
    c.resend("S", at, CALL_DELIVERED[:40] + b"X" * 10)
    # a keep-alive: one byte at the last sequence number already sent
    c.resend("S", c.seq["S"] - 1, b"\0", flags=ACK)
    c.send("S", CALL_ESTABLISHED)
    # the last 6 bytes of that message again, the last one changed, and a
    # new message behind them
    old = CALL_ESTABLISHED[-6:-1] + bytes([CALL_ESTABLISHED[-1] ^ 0xFF])
    c.resend("S", c.seq["S"] - 6, old + CONN_CLEARED)
    c.seq["S"] += len(CONN_CLEARED)
    cap.add(CLIENT, SERVER, c.cport, c.sport, c.seq["C"], c.seq["S"], ACK)
    c.send("C", CLOSE_REQ)
    c.send("S", CLOSE_CONF)
    c.fin()
    cap.write(os.path.join(out, "ccx-retransmit-differs.pcap"))


def cap_retransmit_differs(out):
    cap = Capture()
    c = Conn(cap, 50016, 2208)
    c.send("C", CAP_A)
    # the response, then the same segment with one letter changed
    at = c.seq["S"]
    c.send("S", CAP_B)
    k = CAP_B.index(b"</BroadsoftDocument>") - 12
    other = CAP_B[:k] + (b"X" if CAP_B[k:k + 1] != b"X" else b"Y") + CAP_B[k + 1:]
    c.resend("S", at, other)
    c.send("S", CAP_C)
    c.fin()
    cap.write(os.path.join(out, "cap-retransmit-differs.pcap"))
# CAP names an HTML report must show as text (issue 16): a user id, a call
# id, a remote name and number holding markup, quotes, & and U+2028 (XML
# escapes on the wire; the decoder gives the characters back), and a
# document with invalid UTF-8 in a remote name (not well-formed: reported,
# its elements before the error still decoded).
def cap_html_doc(state, remote_name):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<BroadsoftDocument protocol="CAP" version="17.0">'
            b'<command commandType="callUpdate"><commandData>'
            b'<user id="joe&lt;script&gt;alert(&quot;u&quot;)&lt;/script&gt;&amp;@abc.com" userType="CallClient" userUid="141466199">'
            b'<call callId="localHost&lt;b&gt;&quot;1&quot;:0" extTrackingId="102:1">'
            b'<personality>0</personality><state>' + state + b'</state>'
            b'<remoteNumber>&quot;&amp;&lt;&gt;\'4000</remoteNumber>'
            b'<remoteName>' + remote_name + b'</remoteName>'
            b'</call></user></commandData></command></BroadsoftDocument>')


def cap_html(out):
    cap = Capture()
    c = Conn(cap, 50015, 2208)
    c.send("C", CAP_A)
    c.send("S", CAP_B)
    c.send("S", cap_html_doc(b"1", b"&lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;\xe2\x80\xa8&amp;amp;"))
    c.send("S", cap_html_doc(b"2", b"bad \xff\xfe &lt;i&gt;"))
    c.fin()
    cap.write(os.path.join(out, "cap-html.pcap"))


def main(argv):
    out = argv[1] if len(argv) > 1 else HERE
    for case in (ccx_resync, ccx_hex_printed, ccx_reorder_straddle, ccx_fin_inside, ccx_port_reused,
                 ccx_heur_split, ccx_many_diags, cap_junk_line, cap_fin_inside, cap_heur_split,
                 cap_many_diags, ccx_retransmit_differs, cap_retransmit_differs, cap_html):
        case(out)


if __name__ == "__main__":
    main(sys.argv)

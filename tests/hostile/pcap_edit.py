#!/usr/bin/env python3
"""pcap_edit.py - damage a classic pcap file frame by frame (maintainer tool
for tests/hostile/make.sh; the damaged captures are committed, the tests do
not run this).

  pcap_edit.py IN OUT drop N          remove frame N (1-based): a capture gap
  pcap_edit.py IN OUT swap N          exchange frames N and N+1: out of order
  pcap_edit.py IN OUT dup N [FLIP]    send frame N again right after frame N+1
                                      (a retransmission); with FLIP the copy's
                                      last byte is changed (different bytes)
  pcap_edit.py IN OUT cut N BYTES     keep frames 1..N-1 and only BYTES bytes
                                      of frame N's record: a file cut short
  pcap_edit.py IN OUT head N          frames 1..N-1 (the first file of a ring buffer)
  pcap_edit.py IN OUT tail N          frames N..end (the next file)
  pcap_edit.py IN frames              list frame numbers with TCP payload sizes

N may be written dK: the K-th frame that carries TCP payload (ACK-only
frames vary from one recording to the next, data frames do not).
"""
import struct
import sys


def read(path):
    data = open(path, 'rb').read()
    magic = data[:4]
    if magic == b'\xd4\xc3\xb2\xa1':
        e = '<'
    elif magic == b'\xa1\xb2\xc3\xd4':
        e = '>'
    else:
        sys.exit(f'{path}: not a classic pcap file (use dumpcap -F pcap)')
    hdr, off, recs = data[:24], 24, []
    while off < len(data):
        ts, tu, cap, wire = struct.unpack(e + 'IIII', data[off:off + 16])
        recs.append([data[off:off + 16], bytearray(data[off + 16:off + 16 + cap])])
        off += 16 + cap
    return e, hdr, recs


def payload_len(e, rec):
    # Ethernet/IPv4/TCP as dumpcap writes loopback on Linux (DLT_EN10MB)
    pkt = rec[1]
    ihl = (pkt[14] & 15) * 4
    tot = struct.unpack('>H', pkt[16:18])[0]
    doff = (pkt[14 + ihl + 12] >> 4) * 4
    return tot - ihl - doff


def frame_index(e, recs, spec):
    if spec.startswith('d'):
        k = int(spec[1:])
        data = [i for i, r in enumerate(recs) if payload_len(e, r) > 0]
        return data[k - 1]
    return int(spec) - 1


def main(argv):
    if len(argv) >= 3 and argv[2] == 'frames':
        e, hdr, recs = read(argv[1])
        for i, r in enumerate(recs, 1):
            print(i, payload_len(e, r))
        return
    src, dst, op = argv[1], argv[2], argv[3]
    e, hdr, recs = read(src)
    n = frame_index(e, recs, argv[4])
    out = hdr
    if op == 'drop':
        del recs[n]
    elif op == 'swap':
        recs[n], recs[n + 1] = recs[n + 1], recs[n]
    elif op == 'dup':
        copy = [recs[n][0], bytearray(recs[n][1])]
        if len(argv) > 5 and argv[5] == 'FLIP':
            copy[1][-1] ^= 0xff
        recs.insert(n + 2, copy)
    elif op == 'head':
        recs = recs[:n]
    elif op == 'tail':
        recs = recs[n:]
    elif op == 'cut':
        keep = int(argv[5])
        body = b''.join(r[0] + bytes(r[1]) for r in recs[:n])
        open(dst, 'wb').write(out + body + (recs[n][0] + bytes(recs[n][1]))[:keep])
        return
    else:
        sys.exit(__doc__)
    open(dst, 'wb').write(out + b''.join(r[0] + bytes(r[1]) for r in recs))


if __name__ == '__main__':
    main(sys.argv)

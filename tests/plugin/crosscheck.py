#!/usr/bin/env python3
"""crosscheck.py NAMES TSHARK_JSON CLI_JSONL

The plugin and the CLI decode every message alike: for each message of the
capture (matched by frame and position in the frame), tshark's ccxcti
fields (-T json) and `ctiscope --json --show-reserved` give the same message
type and the same value for every field, in the same order.

NAMES is the output of ccx_filter_names (filter name, spec name, wire types,
role).  The generated ccxcti.call and ccxcti.device items must be exactly the
call-id (but NULL_CALL_ID) and non-empty device-id fields of the message.
Only the standard library is used.
"""
import calendar
import json
import re
import sys
import time


class Obj(list):
    """A JSON object as its ordered (key, value) pairs: tshark repeats keys."""


def load_tshark(path):
    with open(path, encoding="utf-8") as f:
        packets = json.load(f, object_pairs_hook=Obj)
    out = []  # (frame, [pdu leaves])
    for pkt in packets:
        src = dict(pkt)["_source"]
        layers = dict(src)["layers"]
        frame = None
        pdus = []
        for key, val in layers:
            if key == "frame":
                frame = int(dict(val)["frame.number"])
            elif key == "ccxcti":
                leaves = []
                walk(val, leaves)
                pdus.append(leaves)
        if pdus:
            out.append((frame, pdus))
    return out


def walk(obj, leaves):
    for key, val in obj:
        if isinstance(val, Obj):
            walk(val, leaves)
        else:
            leaves.append((key, val))


def load_cli(path):
    frames = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line, object_pairs_hook=Obj)
            d = dict(m)
            if d.get("message") is None:
                continue  # a stream problem, not a message
            frames.setdefault(d["frame"], []).append(d)
    return frames


def parse_time(text):
    # "Nov 22, 2026 02:10:00.000000000 UTC" (TZ=UTC, ABSOLUTE_TIME_UTC)
    m = re.match(r"^(\w{3}) +(\d+), (\d{4}) (\d\d):(\d\d):(\d\d)(?:\.\d+)? UTC$", text)
    if not m:
        raise ValueError("not a time: %r" % text)
    t = time.strptime("%s %s %s %s:%s:%s" % m.groups(), "%b %d %Y %H:%M:%S")
    return calendar.timegm(t)


def hexbytes(text):
    return bytes.fromhex(text.replace(":", ""))


def norm_ws(value, types, cli_value):
    """tshark's text of a field, in the form the CLI gives it."""
    if isinstance(cli_value, str) and types == {"UNSPEC"}:
        return hexbytes(value).hex()
    if "reserved" in types:
        raw = hexbytes(value)
        if isinstance(cli_value, int):
            return int.from_bytes(raw, "big") & 0xFFFFFFFF
        if isinstance(cli_value, str):
            return raw.split(b"\0", 1)[0].decode("utf-8", "replace")
        return raw.hex()
    if types & {"TIME"} and not re.match(r"^-?(0x)?[0-9a-fA-F]+$", value):
        return parse_time(value)
    if isinstance(cli_value, int):
        return int(value, 0) & 0xFFFFFFFF
    return value


def norm_cli(value):
    if isinstance(value, Obj):
        d = dict(value)
        if "raw" in d:
            return ("raw", d["raw"])
        if "value" in d and "name" in d and not isinstance(d["value"], str):
            return d["value"] & 0xFFFFFFFF
        if "index" in d:
            return "%s[%d]=%s" % (d["name"], d["index"], d["value"])
        return "%s=%s" % (d["name"], d["value"])
    if isinstance(value, int):
        return value & 0xFFFFFFFF
    return value


def main():
    names_path, ws_path, cli_path = sys.argv[1:4]
    by_filter = {}
    types_of = {}
    role_of = {}
    with open(names_path, encoding="utf-8") as f:
        for line in f:
            filt, spec, types, role = line.rstrip("\n").split("\t")
            by_filter[filt] = spec
            types_of[spec] = set(types.split("|")) if types else set()
            role_of[spec] = role
    types_of["reserved"] = types_of.get("reserved", set()) | {"reserved"}

    ws = load_tshark(ws_path)
    cli = load_cli(cli_path)
    problems = []
    n_msgs = n_values = 0
    ws_frames = set()
    for frame, pdus in ws:
        msgs = [p for p in pdus if any(k == "ccxcti.msg_type" for k, _ in p)]
        if not msgs:
            continue
        ws_frames.add(frame)
        cmsgs = cli.get(frame, [])
        if len(msgs) != len(cmsgs):
            problems.append("frame %d: tshark has %d messages, ctiscope %d" % (frame, len(msgs), len(cmsgs)))
            continue
        for i, (leaves, cm) in enumerate(zip(msgs, cmsgs)):
            n_msgs += 1
            where = "frame %d message %d (%s)" % (frame, i + 1, cm["message"])
            wtype = int(dict(leaves)["ccxcti.msg_type"])
            if wtype != cm["type_id"]:
                problems.append("%s: MessageTypeID %d in tshark, %d in ctiscope" % (where, wtype, cm["type_id"]))
                continue
            # tshark side: values per spec name, in order; raw leftovers apart;
            # the generated ccxcti.call / ccxcti.device values.
            wvals, wraw, wcalls, wdevs = {}, [], [], []
            for key, val in leaves:
                if key == "ccxcti.call":
                    wcalls.append(int(val))
                elif key == "ccxcti.device":
                    wdevs.append(val)
                if key in ("ccxcti.undecodable", "ccxcti.raw"):
                    wraw.append(hexbytes(val).hex())
                elif key == "ccxcti.unknown_field":
                    wraw.append(("unknown", hexbytes(val).hex()))
                elif key in by_filter:
                    wvals.setdefault(by_filter[key], []).append(val)
            # CLI side.
            cvals, craw = {}, []
            for key, val in cm["fields"]:
                vals = list(val) if isinstance(val, list) and not isinstance(val, Obj) else [val]
                if key == "raw":
                    craw.extend(v for v in vals)
                    continue
                if key.startswith("FieldDataID_"):
                    craw.extend(("unknown", v) for v in vals)
                    continue
                for v in vals:
                    nv = norm_cli(v)
                    if isinstance(nv, tuple):
                        craw.append(nv[1])
                    else:
                        cvals.setdefault(key, []).append(nv)
            # Compare field by field.
            for key in sorted(set(cvals) | set(wvals)):
                c = cvals.get(key, [])
                w = wvals.get(key, [])
                try:
                    wn = [norm_ws(v, types_of.get(key, set()), c[k] if k < len(c) else None)
                          for k, v in enumerate(w)]
                except ValueError as e:
                    problems.append("%s: %s: %s" % (where, key, e))
                    continue
                n_values += len(c)
                if wn != c:
                    problems.append("%s: %s: tshark %r, ctiscope %r" % (where, key, wn, c))
            # ccxcti.call: every call-id field but NULL_CALL_ID; ccxcti.device:
            # every non-empty device-id field.  So a filter on them selects
            # exactly the messages carrying that call or device.
            ccalls = sorted(v for k, vs in cvals.items() if role_of.get(k) == "call"
                            for v in vs if isinstance(v, int) and v != 0xFFFFFFFF)
            cdevs = sorted(v for k, vs in cvals.items() if role_of.get(k) == "device"
                           for v in vs if isinstance(v, str) and v)
            if sorted(wcalls) != ccalls:
                problems.append("%s: ccxcti.call %r, call-id fields %r" % (where, sorted(wcalls), ccalls))
            if sorted(wdevs) != cdevs:
                problems.append("%s: ccxcti.device %r, device-id fields %r" % (where, sorted(wdevs), cdevs))
            if sorted(map(str, wraw)) != sorted(map(str, craw)):
                problems.append("%s: undecoded bytes: tshark %r, ctiscope %r" % (where, wraw, craw))
    for frame in sorted(set(cli) - ws_frames):
        problems.append("frame %d: ctiscope has %d messages, tshark none" % (frame, len(cli[frame])))
    if problems:
        for p in problems:
            print("MISMATCH " + p)
        print("FAIL: %d differences between tshark and ctiscope" % len(problems), file=sys.stderr)
        return 1
    print("ok: %d messages, %d field values identical in tshark and ctiscope" % (n_msgs, n_values))
    return 0


if __name__ == "__main__":
    sys.exit(main())

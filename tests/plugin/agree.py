#!/usr/bin/env python3
"""agree.py - one capture, tshark with the plugin against ctiscope, and the
plugin's golden file (standard library only).

  agree.py PROTO TSHARK_OUT CLI_JSONL NAMES FIELDS GOLDEN [--update]

PROTO       ccxcti or bwcap
TSHARK_OUT  `tshark -2 -r CAPTURE -T pdml -J "frame PROTO" -z PROTO,tree
            -z flow,PROTO,standard`: the packets (PDML), then the stats tree
            and the flow graph - one tshark run for every check below
CLI_JSONL   `ctiscope --json --show-reserved CAPTURE`
NAMES       ccx_filter_names / cap_filter_names: filter field, spec name, ...
FIELDS      `tshark -G fields` (the type of every field)
GOLDEN      the plugin's golden file: what it shows, frame by frame (its
            protocol items, fields and expert items), its stats tree and its
            flow graph, written the same way by every Wireshark series (the
            few things a series prints its own way are put one way: see
            render()); compared line by line, rewritten with --update only.

The agreement (every frame, nothing normalised away):
  - the same items in the same order: each message (CCX) or document (CAP)
    and each stream problem ctiscope reports in a frame, tshark shows in
    that frame, at the same stream offset; the frames that carried the
    other bytes of a message completed elsewhere show only that, and
    ctiscope nothing;
  - a stream problem: the same severity and the same text;
  - a message: the same type, the same value for every field, the same
    diagnostics (severity and text, in order), the same count of
    diagnostics not shown, and so the same worst severity.
"""
import calendar
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
import zlib
from collections import Counter

SEVERITY = {"8388608": "error", "6291456": "warning", "4194304": "note", "2097152": "chat"}
DROPPED = re.compile(r"^(\d+) more diagnostics not shown \(errors are kept first, then warnings, "
                     r"then notes\)$")


class Obj(list):
    """A JSON object as its ordered (key, value) pairs."""


# ---------------------------------------------------------------------------
# tshark's side

class Field:
    __slots__ = ("name", "showname", "show", "value", "size", "kids")

    def __init__(self, e):
        self.name = e.get("name", "")
        self.showname = e.get("showname")
        self.show = e.get("show")
        self.value = e.get("value")
        self.size = int(e.get("size") or 0)
        self.kids = [Field(k) for k in e if k.tag in ("field", "proto")]

    def walk(self):
        for k in self.kids:
            yield k
            yield from k.walk()


def load_tshark(path, proto):
    """[(frame, [item Field])], the stats text, the flow text."""
    text = open(path, encoding="utf-8", errors="replace").read()
    end = text.find("</pdml>")
    if end < 0:
        raise SystemExit("agree.py: no </pdml> in %s: tshark failed?" % path)
    pdml, tail = text[:end + len("</pdml>")], text[end + len("</pdml>"):]
    root = ET.fromstring(pdml)
    frames = []
    for pkt in root.iter("packet"):
        frame, items = None, []
        for p in pkt:
            if p.get("name") == "geninfo":
                for f in p:
                    if f.get("name") == "num":
                        frame = int(f.get("show"))
            elif p.get("name") == proto:
                items.append(Field(p))
        if items:
            frames.append((frame, items))
    return frames, tail


def experts(item):
    """(expert field, severity, message) of every expert item inside."""
    out = []
    for f in item.walk():
        if f.name != "_ws.expert":
            continue
        ei = next((k.name for k in f.kids if not k.name.startswith("_ws.")), None)
        msg = next((k.show for k in f.kids if k.name == "_ws.expert.message"), "")
        sev = next((SEVERITY.get(k.show, k.show) for k in f.kids if k.name == "_ws.expert.severity"), "")
        out.append((ei, sev, msg))
    return out


def kind_of(item, proto):
    names = {f.name for f in item.walk()}
    if proto + ".reassembled_in" in names:
        return "part"
    if (proto + ".garbage") in names or (proto + ".not_cap") in names:
        return "problem"
    return "message"


def offset_of(item, proto):
    for f in item.walk():
        if f.name == proto + ".stream_offset":
            return int(f.show)
    return None


# ---------------------------------------------------------------------------
# The golden file: what the plugin shows, put the same way by every series

def field_types(path):
    types = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) > 3 and p[0] == "F":
                types[p[2]] = p[3]
    return types


TRUNCATED = re.compile(r" \[(?:…|truncated)\]:")   # how the series mark a cut label
CUT_TEXT = re.compile(r"^\s*(?:\[truncated\]|\[…\])\s*(.*)$")  # and a cut text-only item


def short(value, limit=96):
    """A long value, put so that every series writes it the same and the
    golden file stays readable: its start, its length and a checksum."""
    if len(value) <= limit:
        return value
    return "%s... (%d characters, crc32 %08x)" % (value[:limit], len(value), zlib.crc32(value.encode()))


def render_field(f, types, depth, out):
    pad = "  " * depth
    if f.name == "_ws.expert":
        out.append(pad + (f.showname or ""))
        return   # its children repeat it
    label = TRUNCATED.sub(":", f.showname or "")
    if not f.name or f.name == "text":
        text = f.show or ""
        m = CUT_TEXT.match(text)
        if m:   # a label Wireshark cut, each series at its own length
            text = m.group(1)[:160] + " [cut]"
        out.append(pad + text)
    elif types.get(f.name) == "FT_BYTES":
        # the series cut long byte strings at different lengths
        out.append("%s%s: %s (%d bytes)" % (pad, label.split(": ", 1)[0], short(f.value or ""), f.size))
    elif types.get(f.name) == "FT_RELATIVE_TIME" and f.show is not None:
        # 4.6 writes "10.2 milliseconds" where 4.0 wrote "0.0102 seconds"
        out.append("%s%s: %s seconds" % (pad, label.split(": ", 1)[0], f.show))
    elif types.get(f.name) == "FT_ABSOLUTE_TIME" and f.show is not None:
        # the series write dates their own ways
        try:
            t = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(parse_time(f.show)))
        except ValueError:
            t = f.show
        out.append("%s%s: %s" % (pad, label.split(": ", 1)[0], t))
    elif TRUNCATED.search(f.showname or "") and f.show is not None:
        out.append("%s%s: %s" % (pad, label.split(": ", 1)[0], short(f.show)))
    else:
        out.append(pad + short(label or f.show or f.name, 400))
    for k in f.kids:
        render_field(k, types, depth + 1, out)


def render_stats(tail):
    """The stats tree: topic and count of each row (the series differ in
    their rate and burst columns and in spacing)."""
    out, on = [], False
    for line in tail.split("\n"):
        if line.startswith("====="):
            on = True
            continue
        if not on or not line.strip() or line.startswith("-----") or line.startswith("Topic / Item"):
            continue
        if line.startswith(" ** ") or line.startswith("|"):
            continue
        if line.endswith(":") and not line.startswith(" "):
            out.append(line)
            continue
        m = re.match(r"^( *)(.*?\S)\s{2,}(\d+)(\s|$)", line)
        if m:
            out.append("%s%s  %s" % (m.group(1), m.group(2), m.group(3)))
    return out


FLOW_COMMENT = re.compile(r"(CCX CTI [^:|]*: |CAP (?:document|OCI document|stream problem|"
                          r"not a BroadsoftDocument): )")


def render_flow(tail):
    """The flow graph: time, ports and comment of each arrow (4.0 draws
    every arrow left to right and 4.4 in its direction; the columns
    differ, and 4.0 glues a short label to its comment)."""
    out, pending = [], None
    for line in tail.split("\n"):
        m = re.match(r"^\|\s*(\d+\.\d+)\s*\|(.*)$", line)
        if m:
            starts = [c.start() for c in FLOW_COMMENT.finditer(m.group(2))]
            pending = (float(m.group(1)), m.group(2)[starts[-1]:].strip() if starts else "?")
            continue
        m = re.search(r"\((\d+)\)\s*(<?)-+(>?)\s*\((\d+)\)", line)
        if m and pending:
            a, back, fwd, b = m.groups()
            src, dst = (b, a) if back and not fwd else (a, b)
            out.append("%.6f %s->%s %s" % (pending[0], src, dst, pending[1]))
            pending = None
    return out


def render(frames, tail, types):
    out = []
    for frame, items in frames:
        out.append("frame %d" % frame)
        for it in items:
            out.append("  " + (it.showname or ""))
            for k in it.kids:
                render_field(k, types, 2, out)
    out.append("== stats tree")
    out.extend(render_stats(tail))
    out.append("== flow graph")
    out.extend(render_flow(tail))
    return [line.rstrip() for line in out]


# ---------------------------------------------------------------------------
# ctiscope's side

def load_cli(path):
    frames = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line, object_pairs_hook=Obj)
            d = dict(o)
            d["_pairs"] = o
            kind = "message" if ("type_id" in d or "cap_protocol" in d) else "problem"
            frames.setdefault(d["frame"], []).append((kind, d))
    return frames


# ---------------------------------------------------------------------------
# CCX messages: the same fields

def parse_time(text):
    # "Nov 22, 2026 02:10:00.000000000 UTC", or ISO 8601 in later series
    m = re.match(r"^(\w{3}) +(\d+), (\d{4}) (\d\d):(\d\d):(\d\d)(?:\.\d+)? UTC$", text)
    if m:
        return calendar.timegm(time.strptime("%s %s %s %s:%s:%s" % m.groups(), "%b %d %Y %H:%M:%S"))
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?: UTC|Z)?$", text)
    if m:
        return calendar.timegm(tuple(int(x) for x in m.groups()) + (0, 0, 0))
    raise ValueError("not a time: %r" % text)


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


class CcxNames:
    def __init__(self, path):
        self.by_filter, self.types_of, self.role_of, self.null_of = {}, {}, {}, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                filt, spec, types, role, null = line.rstrip("\n").split("\t")
                self.by_filter[filt] = spec
                self.types_of[spec] = set(types.split("|")) if types else set()
                self.role_of[spec] = role
                if null != "-":
                    self.null_of[spec] = int(null)   # its Table 198 NULL (NULL_CALL_ID)
        self.types_of["reserved"] = self.types_of.get("reserved", set()) | {"reserved"}


def check_ccx_message(item, cm, names, where, problems):
    vals = {f.name: f.show for f in item.walk()}
    wtype = int(vals.get("ccxcti.msg_type", "-1"))
    if wtype != cm["type_id"]:
        problems.append("%s: MessageTypeID %d in tshark, %d in ctiscope" % (where, wtype, cm["type_id"]))
        return 0
    wvals, wraw, wcalls, wdevs = {}, [], [], []
    for f in item.walk():
        key, val = f.name, f.show
        if val is None:
            continue
        if key == "ccxcti.call":
            wcalls.append(int(val))
        elif key == "ccxcti.device":
            wdevs.append(val)
        if key in ("ccxcti.undecodable", "ccxcti.raw"):
            wraw.append(hexbytes(val).hex())
        elif key == "ccxcti.unknown_field":
            wraw.append(("unknown", hexbytes(val).hex()))
        elif key in names.by_filter:
            wvals.setdefault(names.by_filter[key], []).append(val)
    cvals, craw = {}, []
    for key, val in cm["fields"]:
        vs = list(val) if isinstance(val, list) and not isinstance(val, Obj) else [val]
        if key == "raw":
            craw.extend(vs)
            continue
        if key.startswith("FieldDataID_"):
            # hex, or {"raw": hex} when its length runs past the body
            craw.extend(("unknown", dict(v)["raw"] if isinstance(v, Obj) else v) for v in vs)
            continue
        for v in vs:
            nv = norm_cli(v)
            if isinstance(nv, tuple):
                craw.append(nv[1])
            else:
                cvals.setdefault(key, []).append(nv)
    n = 0
    for key in sorted(set(cvals) | set(wvals)):
        c, w = cvals.get(key, []), wvals.get(key, [])
        try:
            wn = [norm_ws(v, names.types_of.get(key, set()), c[k] if k < len(c) else None)
                  for k, v in enumerate(w)]
        except ValueError as e:
            problems.append("%s: %s: %s" % (where, key, e))
            continue
        n += len(c)
        if wn != c:
            problems.append("%s: %s: tshark %r, ctiscope %r" % (where, key, wn, c))
    # ccxcti.call / ccxcti.device: exactly the call-id fields (but their
    # NULL value, NULL_CALL_ID) and the non-empty device-id fields
    ccalls = sorted(v for k, vs in cvals.items() if names.role_of.get(k) == "call"
                    for v in vs if isinstance(v, int) and v != names.null_of.get(k))
    cdevs = sorted(v for k, vs in cvals.items() if names.role_of.get(k) == "device"
                   for v in vs if isinstance(v, str) and v)
    if sorted(wcalls) != ccalls:
        problems.append("%s: ccxcti.call %r, call-id fields %r" % (where, sorted(wcalls), ccalls))
    if sorted(wdevs) != cdevs:
        problems.append("%s: ccxcti.device %r, device-id fields %r" % (where, sorted(wdevs), cdevs))
    if sorted(map(str, wraw)) != sorted(map(str, craw)):
        problems.append("%s: undecoded bytes: tshark %r, ctiscope %r" % (where, wraw, craw))
    return n


# ---------------------------------------------------------------------------
# CAP documents: the same items

META = {"bwcap.call", "bwcap.user", "bwcap.request_in", "bwcap.response_in", "bwcap.response_time",
        "bwcap.not_cap", "bwcap.text", "bwcap.unknown_element", "bwcap.unknown_attribute",
        "bwcap.oci.command", "bwcap.oci.session_id", "bwcap.oci.xml", "bwcap.stream_offset",
        "bwcap.first_frame", "bwcap.reassembled_in", "bwcap.call_family"}


class CapNames:
    def __init__(self, path, types):
        self.spec_of, self.alias, self.empty = {}, {}, set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                filt, spec, kind, where, content = line.rstrip("\n").split("\t")[:5]
                if content in ("empty", "flag"):
                    self.empty.add(spec)   # declared EMPTY: present is all it says
                if kind == "alias":
                    self.alias[spec] = where.strip("<>")
                else:
                    self.spec_of.setdefault(filt, spec)
        by_spec = {}
        for filt, spec in self.spec_of.items():
            by_spec.setdefault(spec, set()).add(types.get(filt))
        self.containers = {spec for spec, ts in by_spec.items() if ts == {"FT_NONE"}}
        self.known = set(by_spec)
        self.types = types


PRESENT = "<present>"   # an EMPTY element with nothing in it: ctiscope's true, tshark's flag


def cap_pairs(item, names):
    """tshark: (spec name, value) of every element and attribute; mixed
    text as the text of its element."""
    out = []

    def walk(f, parent):
        for k in f.kids:
            if k.name == "bwcap.text" and parent:
                out.append((parent, k.show))
            elif k.name.startswith("bwcap.") and k.name not in META and \
                    names.types.get(k.name) not in ("FT_NONE", None) and k.show is not None:
                spec = names.spec_of.get(k.name, k.name)
                if spec in names.empty and (names.types.get(k.name) == "FT_BOOLEAN" or (
                        k.show == "" and not any(kk.name.startswith("bwcap.") for kk in k.kids))):
                    out.append((spec, PRESENT))   # a flag (true), or an EMPTY element with nothing in it
                else:
                    out.append((spec, k.show))
            inner = parent
            if k.name.startswith("bwcap.") and k.name not in META:
                inner = names.spec_of.get(k.name, k.name)
            elif not k.name and k.show:
                inner = k.show.split(" ")[0].split(":")[0]   # "call [callId=...]"
            walk(k, inner)
    walk(item, None)
    return out


def flatten_cli(pairs, parent, out):
    """ctiscope --json "fields": elements and attributes by their names as
    written, nested; "#text" is the text of the enclosing element;
    enumerated values are {"value": ..., "name": ...}."""
    for k, v in pairs:
        if k == "#text":
            if isinstance(v, Obj):
                v = dict(v).get("value")
            if isinstance(v, str):
                out.append((parent, v))
            continue
        vals = v if isinstance(v, list) and not isinstance(v, Obj) else [v]
        for x in vals:
            if isinstance(x, Obj):
                d = dict(x)
                if "value" in d and "name" in d and not isinstance(d["value"], (Obj, list)):
                    out.append((k, str(d["value"])))
                    flatten_cli(Obj((kk, vv) for kk, vv in x if kk not in ("value", "name")), k, out)
                else:
                    flatten_cli(x, k, out)
            elif x is True:
                out.append((k, PRESENT))   # an EMPTY element, present with nothing in it
            elif x is not None:
                out.append((k, x if isinstance(x, str) else json.dumps(x)))


def comparable(pairs, names):
    """What both sides show alike: names the tables know (unknown elements
    and attributes are shown by name), no container elements, no call or
    user element text (those are ids: bwcap.call / bwcap.user), no empty
    values."""
    return Counter((k, v) for k, v in pairs
                   if k in names.known and k not in names.containers and k not in ("call", "user") and v != "")


def check_cap_message(item, cm, names, where, problems):
    vals = {f.name: f.show for f in item.walk()}
    wcmd = vals.get("bwcap.command_type")
    if wcmd != cm["message"] and not (wcmd is None and cm["message"] == "OCI"):
        problems.append("%s: commandType %r in tshark, message %r in ctiscope" % (where, wcmd, cm["message"]))
    cpairs = []
    flatten_cli(cm.get("fields") or Obj(), "BroadsoftDocument", cpairs)
    top = {k for k, _ in (cm.get("fields") or Obj())}
    if cm.get("cap_protocol") is not None and "protocol" not in top:
        cpairs.append(("protocol", cm["cap_protocol"]))
    if cm.get("version") is not None and "version" not in top:
        cpairs.append(("version", cm["version"]))
    cpairs = [(names.alias.get(k, k), v) for k, v in cpairs]
    wv, cv = comparable(cap_pairs(item, names), names), comparable(cpairs, names)
    if wv != cv:
        problems.append("%s: only in tshark %r, only in ctiscope %r"
                        % (where, sorted((wv - cv).elements()), sorted((cv - wv).elements())))
    oci = dict(cm.get("oci") or Obj())
    if oci.get("commands") is not None and vals.get("bwcap.oci.command") != oci["commands"]:
        problems.append("%s: OCI commands %r in tshark, %r in ctiscope"
                        % (where, vals.get("bwcap.oci.command"), oci["commands"]))
    return sum(cv.values())


# ---------------------------------------------------------------------------

DIAG_EI = {
    "ccxcti": ("ccxcti.diag.error", "ccxcti.diag.warning", "ccxcti.diag.note"),
    "bwcap": ("bwcap.diag.error", "bwcap.diag.warning", "bwcap.diag.note", "bwcap.malformed",
              "bwcap.unknown", "bwcap.bad_value", "bwcap.failure.expert"),
}


def agree(proto, ws, cli, names, problems):
    n_items = n_vals = n_diags = 0
    seen = set()
    for frame, items in ws:
        seen.add(frame)
        mine = [it for it in items if kind_of(it, proto) != "part"]
        cits = cli.get(frame, [])
        if len(mine) != len(cits):
            problems.append("frame %d: tshark shows %d items (%s), ctiscope %d (%s)"
                            % (frame, len(mine), ", ".join(kind_of(i, proto) for i in mine),
                               len(cits), ", ".join(k for k, _ in cits)))
            continue
        for n, (it, (ckind, cm)) in enumerate(zip(mine, cits)):
            n_items += 1
            wkind = kind_of(it, proto)
            where = "frame %d item %d (%s)" % (frame, n + 1, cm.get("message") or ckind)
            if wkind != ckind:
                problems.append("%s: a %s in tshark, a %s in ctiscope" % (where, wkind, ckind))
                continue
            woff = offset_of(it, proto)
            if woff != cm["stream_offset"]:
                problems.append("%s: stream offset %r in tshark, %r in ctiscope" % (where, woff, cm["stream_offset"]))
            ex = experts(it)
            if ckind == "problem":
                d = dict(cm["diagnostics"][0])
                want = [(d["severity"], d["text"])]
                got = [(sev, msg) for ei, sev, msg in ex if ei and ei.startswith(proto + ".stream.")]
                if got != want:
                    problems.append("%s: stream problem %r in tshark, %r in ctiscope" % (where, got, want))
                continue
            if proto == "ccxcti":
                n_vals += check_ccx_message(it, cm, names, where, problems)
            else:
                n_vals += check_cap_message(it, cm, names, where, problems)
            # the diagnostics, in order, and how many are not shown
            got, dropped = [], 0
            for ei, sev, msg in ex:
                m = DROPPED.match(msg)
                if m:
                    dropped = int(m.group(1))
                elif ei in DIAG_EI[proto]:
                    got.append(({"bwcap.failure.expert": "note"}.get(ei, sev), msg))
            want = [(dict(x)["severity"], dict(x)["text"]) for x in cm["diagnostics"]]
            n_diags += len(want)
            # Wireshark lists a message's expert items in tree order (each
            # at the field it concerns), the CLI in the decoder's order:
            # the same diagnostics, each as many times
            if Counter(got) != Counter(want):
                problems.append("%s: diagnostics only in tshark %r, only in ctiscope %r"
                                % (where, sorted((Counter(got) - Counter(want)).elements()),
                                   sorted((Counter(want) - Counter(got)).elements())))
            if dropped != cm.get("diagnostics_dropped", 0):
                problems.append("%s: %d diagnostics not shown in tshark, %d in ctiscope"
                                % (where, dropped, cm.get("diagnostics_dropped", 0)))
    for frame in sorted(set(cli) - seen):
        problems.append("frame %d: ctiscope has %d items, tshark none" % (frame, len(cli[frame])))
    return "%d items in %d frames, %d field values, %d diagnostics identical" % (
        n_items, len(seen), n_vals, n_diags)


def main(argv):
    update = "--update" in argv
    args = [a for a in argv if a != "--update"]
    if len(args) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    proto, ws_path, cli_path, names_path, fields_path, golden = args[1:]
    types = field_types(fields_path)
    ws, tail = load_tshark(ws_path, proto)
    problems = []

    names = CcxNames(names_path) if proto == "ccxcti" else CapNames(names_path, types)
    summary = agree(proto, ws, load_cli(cli_path), names, problems)
    lines = render(ws, tail, types)
    if update and not problems:
        with open(golden, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print("wrote %s (%d lines)" % (golden, len(lines)))
    elif not update:
        try:
            # split on "\n" only: splitlines() also splits on U+2028, U+0085,
            # \x1c..., which a wire string may hold (tests/hostile/cap-html)
            want = open(golden, encoding="utf-8", newline="").read().split("\n")
            if want and want[-1] == "":
                want.pop()
        except OSError:
            want = None
            problems.append("no golden file %s (tests/plugin/update-golden.sh writes it)" % golden)
        if want is not None and want != lines:
            import difflib
            diff = list(difflib.unified_diff(want, lines, golden, "tshark", lineterm="", n=2))
            print("\n".join(diff[:200]))
            problems.append("what the plugin shows differs from %s (diff above)" % golden)
    if problems:
        for p in problems:
            print("MISMATCH " + p)
        print("FAIL: %d differences" % len(problems), file=sys.stderr)
        return 1
    print("ok: golden file matches; tshark and ctiscope agree: " + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

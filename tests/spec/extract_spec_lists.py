#!/usr/bin/env python3
"""extract_spec_lists.py - maintainer tool: copy the facts of the CCX CTI spec
into plain-text reference lists for the spec-coverage tests.

This is NOT run by the build or by the tests.  A maintainer runs it by hand
against the plain-text conversion of the Cisco Unified CCX CTI Protocol
Developer Guide 11.0(1), which lives outside this repository in
../shared/specs (relative to the repository root):

    python3 tests/spec/extract_spec_lists.py \
        [../shared/specs/cisco-uccx-cti-protocol-11.0.txt] [tests/spec]

and commits its output.  The committed TSV files are the output of this
script; the tests read only them, so they do not depend on ../shared.

Output (tab-separated, '#' lines are comments naming the source table and the
spec line numbers; columns are named in a '# columns:' line):

  ccx_messages.tsv          id, name                 Table 11 (reserved rows kept)
  ccx_message_classes.tsv   name, class, sentby, id  Table 10
  ccx_fielddataids.tsv      tag, name                Table 188 as printed
                                                     (ranges kept, "13-22")
  ccx_enums.tsv             table, name, value       every enum / mask table of
                                                     ccx_enums.c; "table" is the
                                                     spec_ref of the ccx_enum
  ccx_fixed_fields.tsv      message, index, fieldname, type, size
                                                     Tables 12-183, fixed parts;
                                                     index is 0-based
  ccx_floating_fields.tsv   message, fieldname, tag, type, maxsize, presence
                                                     Tables 12-183, floating
                                                     parts; presence is one of
                                                     required | optional |
                                                     required_agent_mode |
                                                     unmarked (the spec prints
                                                     no marker)

Normalisations applied to every row (not corrections, just cleaning):
  * " (OPTIONAL)" after RTP_STARTED_EVENT / RTP_STOPPED_EVENT is dropped (a
    remark, not part of the message name), as is ", on page N".
  * Field names lose their annotations: the FieldDataID subscript "_[n]" (it
    goes to the tag column), "(required)", "(optional)", "(required for Agent
    mode)", "(Version N)", "(Version N and later)", "[Version N]",
    "(Only available in CTI Protocol version 11 and later.)", "(see Table
    note 1, ...)".
  * "UNSPEC (8)" is type UNSPEC (the size column says 8 too).
  * Rows of the message tables whose type and size cells are both empty are
    section captions ("Real-Time Statistics", ...) and are skipped.
  * "CallVariable2 _[14] (optional) through CallVariable9 _[21] (optional)"
    rows (no type/size cells) are expanded to CallVariable2..9, tags 14..21,
    with the type and size of the CallVariable1 row just above them.
  * Inline value lists of the message tables ("0: Add 1: Change 2: Delete")
    are split on "<number>:" / "<number>=" ; the name is the text up to the
    first " (" or ". ", the rest is the description.  Mask lists drop the
    "0: ..." entry (0 is no bit).

Manual corrections (each one is an explicit entry of LINE_FIXES, TYPE_FIXES
or NAME_FIXES below, with a comment naming the PDF / spec artifact):
  Table 10   CONFERENCE_CALL_CONF row lost its empty "Message class" cell at a
             page break; SNAPSHOT_DEVICE_CONF row split over a page break
             (name cell on the next page).
  Table 13   ClientID row: the "_[1]" subscript is replaced by the footnote
             mark "¹" (tag 1 per Table 188 and Table 158).
  Table 70   CustomerPhoneNumber has no FieldDataID; 95 per Table 188.
  Table 91   "Application ID" typo (ApplicationID); "UNIT" for UINT in two
             rows (TYPE_FIXES).
  Table 95   fixed field "ApplicationID _[77]" carries a stray subscript.
  Table 99   RTP_STARTED_EVENT inline value lists lost the spaces between
  Table 101  entries ("0: Input1: Output2: Bi-directional").
  Table 100  is titled RTP_STOPPED_EVENT but is the floating part of
             RTP_STARTED_EVENT (Table 102 is RTP_STOPPED_EVENT's).
  Table 129  "CallVariable _[13]" lost its "1".
  Table 169  AgentID max size cell is empty (32, as in Table 167 and everywhere).
  NAMEDARR   (Tables 70, 72, 129, 179) truncated type name -> NAMEDARRAY.
  Table 9    "P#<phone number> For example:P#5551212": the example is merged
             into the name cell.
Everything else is copied as printed, including spellings that differ from
other tables (QueuedDeviceID, clientAddress, CSQueueConfigKey, NumCSQ,
numCSQs, ...); the tests and the engineers decide what to do with those.

Python 3, standard library only.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SPEC = os.path.normpath(os.path.join(
    HERE, '..', '..', '..', 'shared', 'specs',
    'cisco-uccx-cti-protocol-11.0.txt'))
SPEC_NAME = 'cisco-uccx-cti-protocol-11.0.txt'

# ---------------------------------------------------------------------------
# Manual corrections.  (old line, new line, why).  Each old line must occur
# exactly once in the spec text; the replacement keeps the line numbering.
# ---------------------------------------------------------------------------
LINE_FIXES = [
    # Table 10: page break swallowed the empty "Message class" cell.
    ('CONFERENCE_CALL_CONF, on page 146\t49\tUnified CCX\tYes\t\t',
     '\tCONFERENCE_CALL_CONF, on page 146\t49\tUnified CCX\tYes\t',
     'Table 10: CONFERENCE_CALL_CONF row lost its leading empty class cell'),
    # Table 10: SNAPSHOT_DEVICE_CONF row split across a page break: id/sender
    # on one page, the name (and purpose) on the next.
    ('\t85\tUnified CCX\tYes\t\t',
     '\tSNAPSHOT_DEVICE_CONF , on page 181\t85\tUnified CCX\tYes\t',
     'Table 10: SNAPSHOT_DEVICE_CONF name cell printed on the next page'),
    ('\tSNAPSHOT_DEVICE_CONF , on page 181\t\t\t\tConfirms the processing '
     'completion of a <code>SNAPSHOT_DEVICE_REQ</code> message.',
     '\t\t\t\t\tConfirms the processing completion of a '
     '<code>SNAPSHOT_DEVICE_REQ</code> message.',
     'Table 10: second half of the split SNAPSHOT_DEVICE_CONF row'),
    # Table 13: footnote mark replaced the FieldDataID subscript.
    ('ClientID (required) \u00b9\tThe user ID of the client.\tSTRING\t64',
     'ClientID _[1] (required)\tThe user ID of the client.\tSTRING\t64',
     'Table 13: "_[1]" replaced by footnote mark; tag 1 per Tables 188/158'),
    # Table 70: no FieldDataID printed.
    ('CustomerPhoneNumber (optional)\tCustomer phone number.\tSTRING\t20',
     'CustomerPhoneNumber _[95] (optional)\tCustomer phone number.\tSTRING\t20',
     'Table 70: CustomerPhoneNumber without FieldDataID; 95 per Table 188'),
    # Table 91: typos.
    ('Application ID\tThe Application ID of the call.\tUNIT\t4',
     'ApplicationID\tThe Application ID of the call.\tUNIT\t4',
     'Table 91: "Application ID" (space) for ApplicationID (UNIT: TYPE_FIXES)'),
    # Table 95: a fixed field with a floating subscript.
    ('ApplicationID _[77]\tThe Application ID of the call.\tUINT\t4',
     'ApplicationID\tThe Application ID of the call.\tUINT\t4',
     'Table 95: stray "_[77]" on a fixed-part field (77 is reserved in 188)'),
    # Table 99 / 101: lost spaces between inline values.
    ('Direction\tThe direction of the event. One of the following values: '
     '0: Input1: Output2: Bi-directional.\tUSHORT\t2',
     'Direction\tThe direction of the event. One of the following values: '
     '0: Input 1: Output 2: Bi-directional.\tUSHORT\t2',
     'Table 99: lost spaces "Input1:", "Output2:"'),
    ('RTPType\tThe type of the RTP event. One of the following values: '
     '0: Audio1: Video2: Data\tUSHORT\t2',
     'RTPType\tThe type of the RTP event. One of the following values: '
     '0: Audio 1: Video 2: Data\tUSHORT\t2',
     'Table 99: lost spaces "Audio1:", "Video2:"'),
    ('BitRate\tThe media bit rate, used for a G.723 payload only: '
     'RTPBitRateR5_3: 1RTPBitRateR6_4: 2\tUINT\t4',
     'BitRate\tThe media bit rate, used for a G.723 payload only: '
     'RTPBitRateR5_3: 1 RTPBitRateR6_4: 2\tUINT\t4',
     'Table 99: lost space "1RTPBitRateR6_4"'),
    ('EchoCancellation\t0: off1: on\tUSHORT\t2',
     'EchoCancellation\t0: off 1: on\tUSHORT\t2',
     'Table 99: lost space "off1:"'),
    ('Direction\tThe direction of the event. One of the following values: '
     '0: Input 1: Output2: Bi-directional\tUSHORT\t2',
     'Direction\tThe direction of the event. One of the following values: '
     '0: Input 1: Output 2: Bi-directional\tUSHORT\t2',
     'Table 101: lost space "Output2:"'),
    # Table 100: wrong message name in the title.
    ('Table 100: RTP_STOPPED_EVENT (OPTIONAL) Floating Part Message Body Format',
     'Table 100: RTP_STARTED_EVENT (OPTIONAL) Floating Part Message Body Format',
     'Table 100: titled RTP_STOPPED_EVENT, is the RTP_STARTED_EVENT floating part'),
    # Table 129: lost digit.
    ('CallVariable _[13] (optional)\tCall-related variable data.\tSTRING\t40',
     'CallVariable1 _[13] (optional)\tCall-related variable data.\tSTRING\t40',
     'Table 129: "CallVariable _[13]" lost its "1"'),
    # Table 169: empty size cell.
    ('AgentID _[194] (required)\tThe Agent ID.\tSTRING\t',
     'AgentID _[194] (required)\tThe Agent ID.\tSTRING\t32',
     'Table 169: AgentID max size cell empty; 32 as in Table 167'),
]

# Type cells spelled wrongly in the spec: printed -> Table 184 name.
TYPE_FIXES = {
    'NAMEDARR': 'NAMEDARRAY',  # Tables 70, 72, 129, 179: truncated cell text
    'UNIT': 'UINT',            # Table 91: letters swapped (both UINT rows)
}

# Enum names (first column of the value tables) corrected: (table, printed)
NAME_FIXES = {
    # Table 9: the example ("For example:P#5551212") is merged into the
    # Variable cell; it goes to the description instead.
    (9, 'P#<phone number> For example:P#5551212'): 'P#<phone number>',
}

MSG_TYPES = {'CHAR', 'UCHAR', 'SHORT', 'USHORT', 'INT', 'UINT', 'BOOL', 'TIME',
             'STRING', 'UNSPEC', 'NAMEDVAR', 'NAMEDARRAY'}


def load(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for old, new, why in LINE_FIXES:
        hits = [i for i, l in enumerate(lines) if l == old]
        if len(hits) != 1:
            sys.exit('correction does not apply exactly once (%d hits): %s'
                     % (len(hits), why))
        lines[hits[0]] = new
    return lines


TITLE_RE = re.compile(r'^Table (\d+): (.*\S)\s*$')


def find_tables(lines):
    """{table number: (title, title line index)} for real table titles (a
    title whose next non-blank line is a tab-separated header row)."""
    out = {}
    for i, l in enumerate(lines):
        m = TITLE_RE.match(l)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and '\t' in lines[j]:
            n = int(m.group(1))
            if n not in out:
                out[n] = (m.group(2), i)
    return out


THROUGH_RE = re.compile(r'^CallVariable2\b.*through\s*CallVariable9')


def table_rows(lines, start):
    """Rows of the table whose title is at lines[start].  Returns (header
    cells, [(line number 1-based, cells)], last line number).  Page breaks
    (blank lines, a repeated header row) are skipped; the table ends at the
    first non-blank line without a tab (except CallVariable2..9 rows)."""
    j = start + 1
    while not lines[j].strip():
        j += 1
    header = lines[j].split('\t')
    rows = []
    last = j + 1
    j += 1
    while j < len(lines):
        l = lines[j]
        if not l.strip():
            j += 1
            continue
        if '\t' not in l and not THROUGH_RE.match(l):
            break
        cells = l.split('\t')
        if cells[0] == header[0]:          # header repeated after page break
            j += 1
            last = j
            continue
        rows.append((j + 1, cells))
        last = j + 1
        j += 1
    return header, rows, last


def clean(text):
    text = re.sub(r'<[^>]+>', ' ', text)
    text = text.replace('\u2022', ' ')
    return re.sub(r'\s+', ' ', text).strip()


def msg_name(cell):
    cell = re.sub(r'\s*,\s*on page \d+\s*$', '', cell.strip())
    cell = re.sub(r'\s*\(OPTIONAL\)\s*$', '', cell)
    return cell.strip()


# ---------------------------------------------------------------------------
def extract_messages(lines, tables):
    title, at = tables[11]
    _, rows, last = table_rows(lines, at)
    out = [(c[0].strip(), msg_name(c[1])) for _, c in rows]
    hdr = ('Table 11 "%s", spec lines %d-%d' % (title, at + 1, last))
    return hdr, ['id', 'name'], out


def extract_classes(lines, tables):
    title, at = tables[10]
    _, rows, last = table_rows(lines, at)
    out = []
    cls = None
    for ln, c in rows:
        c = c + [''] * (6 - len(c))
        if c[0].strip():
            cls = c[0].strip()
        if not c[1].strip():
            if c[2].strip():
                sys.exit('Table 10 row without name at line %d' % ln)
            continue                       # purpose continued on next page
        out.append((msg_name(c[1]), cls, c[3].strip(), c[2].strip()))
    hdr = 'Table 10 "%s", spec lines %d-%d' % (title, at + 1, last)
    return hdr, ['name', 'class', 'sentby', 'id'], out


def extract_tags(lines, tables):
    title, at = tables[188]
    _, rows, last = table_rows(lines, at)
    out = [(c[0].strip(), c[1].strip()) for _, c in rows]
    hdr = 'Table 188 "%s", spec lines %d-%d' % (title, at + 1, last)
    return hdr, ['tag', 'name'], out


# ---------------------------------------------------------------------------
MSG_TITLE_RE = re.compile(r'^([A-Z_]+)(?: \(OPTIONAL\))? (.*)Message Body Format$')
TAG_RE = re.compile(r'_?\s*\[(\d+)\]')


def field_name(cell):
    """(name, tag or '', presence) of a message-table name cell."""
    tag = ''
    m = TAG_RE.search(cell)
    if m:
        tag = m.group(1)
    if '(required for Agent mode)' in cell:
        pres = 'required_agent_mode'
    elif '(required)' in cell:
        pres = 'required'
    elif '(optional)' in cell:
        pres = 'optional'
    else:
        pres = 'unmarked'
    name = TAG_RE.sub(' ', cell)
    name = re.sub(r'\[Version[^\]]*\]', ' ', name)
    name = re.sub(r'\([^)]*\)', ' ', name)
    name = re.sub(r'\s+', ' ', name).strip()
    return name, tag, pres


def split_type(cell):
    t = cell.strip()
    t = re.sub(r'\s*\(\d+\)$', '', t)      # "UNSPEC (8)"
    t = TYPE_FIXES.get(t, t)
    return t


def message_tables(lines, tables):
    """[(table number, message, 'fixed'|'floating', title line, last line,
    rows)] for Tables 12-183 whose title ends in "Message Body Format"."""
    out = []
    for n in range(12, 184):
        if n not in tables:
            continue
        title, at = tables[n]
        m = MSG_TITLE_RE.match(title)
        if not m:
            continue
        part = 'floating' if 'Float' in m.group(2) else 'fixed'
        _, rows, last = table_rows(lines, at)
        out.append((n, m.group(1), part, at + 1, last, rows))
    return out


def extract_fields(lines, tables):
    fixed, floating = [], []
    fixed_idx = {}
    mts = message_tables(lines, tables)
    for n, msg, part, first, last, rows in mts:
        prev = None
        for ln, c in rows:
            if THROUGH_RE.match(c[0]):
                if part != 'floating' or prev is None or prev[0] != 'CallVariable1':
                    sys.exit('unexpected CallVariable2..9 row at line %d' % ln)
                _, _, pres = field_name(c[0].split('through')[-1])
                for k in range(2, 10):
                    floating.append((msg, 'CallVariable%d' % k, str(12 + k),
                                     prev[2], prev[3], pres))
                continue
            if len(c) != 4:
                sys.exit('Table %d line %d: %d cells' % (n, ln, len(c)))
            typ, size = split_type(c[2]), c[3].strip()
            if not typ and not size:
                continue                   # section caption row
            if typ not in MSG_TYPES:
                sys.exit('Table %d line %d: type %r' % (n, ln, typ))
            name, tag, pres = field_name(c[0])
            if part == 'fixed':
                if tag:
                    sys.exit('Table %d line %d: tag in fixed part' % (n, ln))
                i = fixed_idx.get(msg, 0)
                fixed_idx[msg] = i + 1
                fixed.append((msg, str(i), name, typ, size))
            else:
                floating.append((msg, name, tag, typ, size, pres))
                prev = (name, tag, typ, size)
    lo = min(m[3] for m in mts)
    hi = max(m[4] for m in mts)
    hdr_fx = ('Tables 12-183 fixed parts ("<MSG> Fixed Part Message Body '
              'Format" and the untitled "Field Name" variants), spec lines '
              '%d-%d' % (lo, hi))
    hdr_fl = ('Tables 12-183 floating parts ("<MSG> Floating Part Message '
              'Body Format"), spec lines %d-%d' % (lo, hi))
    return ((hdr_fx, ['message', 'index', 'fieldname', 'type', 'size'], fixed),
            (hdr_fl, ['message', 'fieldname', 'tag', 'type', 'maxsize',
                      'presence'], floating))


# ---------------------------------------------------------------------------
# Enum / mask tables.  (spec_ref, table, name column, value column or None for
# "value = position in the list", is_mask).  Order = order in ccx_enums.c.
ENUM_TABLES = [
    ('Table 22', 22, 0, 2),
    ('Table 23', 23, 0, 2),
    ('Table 24', 24, 0, 2),
    ('Table 25', 25, 0, 2),
    ('Table 189', 189, 0, 2),
    ('Table 190', 190, 0, 2),
    ('Table 191', 191, 0, 1),
    ('Table 192', 192, 0, 2),
    ('Table 193', 193, 0, 2),
    ('Table 194', 194, 0, 1),
    ('Table 195', 195, 0, 2),
    ('Table 196', 196, 0, 2),
    ('Table 197', 197, 0, 2),
    ('Table 198', 198, 0, 2),
    ('Table 199', 199, 0, 2),
    ('Table 200', 200, 1, 0),
    ('Table 201', 201, 0, 2),
    ('Table 202', 202, 0, 2),
    ('Table 3', 3, 0, 2),
    # extra tables
    ('Table 34', 34, 0, 1),
    ('Table 41', 41, 0, 1),
    ('Table 150', 150, 0, 2),
    ('Table 8', 8, 0, None),
    ('Table 9', 9, 0, None),
]

# Inline value lists in message-table Value cells:
# (spec_ref, table, field name as printed, is_mask, name_first)
INLINE_ENUMS = [
    ('Table 14 Unified CCX Online', 14, 'Unified CCX Online', False, False),
    ('Table 35 ConfigurationMask', 35, 'ConfigurationMask', True, False),
    ('Table 37 ConfigType', 37, 'ConfigType', False, False),
    ('Table 37 ConfigurationMask', 37, 'ConfigurationMask', True, False),
    ('Table 43 RecordType', 43, 'RecordType', False, False),
    ('Table 43 MR Domain ID', 43, 'MR Domain ID', False, False),
    ('Table 47 AgentType', 47, 'AgentType', False, False),
    ('Table 51 Operation', 51, 'Operation', False, False),
    ('Table 52 AgentFlags', 52, 'AgentFlags', True, False),
    ('Table 52 MemberType', 52, 'MemberType', False, False),
    ('Table 53 ConfigParam', 53, 'ConfigParam', True, False),
    ('Table 54 Status', 54, 'Status', False, False),
    ('Table 62 ForcedFlag', 62, 'ForcedFlag', False, False),
    ('Table 62 AgentCapacity', 62, 'AgentCapacity', True, False),
    ('Table 99 Direction', 99, 'Direction', False, False),
    ('Table 99 RTPType', 99, 'RTPType', False, False),
    ('Table 99 BitRate', 99, 'BitRate', False, True),
    ('Table 99 EchoCancellation', 99, 'EchoCancellation', False, False),
    ('Table 121 ConsultType', 121, 'ConsultType', False, False),
]

NUM = r'(?:0x[0-9A-Fa-f]+|\d+)'


def split_inline(text, name_first):
    """[(value as printed, name, description)] of "0: Add 1: Change" text."""
    out = []
    if name_first:
        for m in re.finditer(r'(\w+): (' + NUM + r')\b', text):
            out.append((m.group(2), m.group(1), ''))
        return out
    marks = list(re.finditer(r'(?:(?<=\s)|^)(' + NUM + r')\s*[:=]\s*', text))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        item = text[m.end():end].strip()
        cut = len(item)
        for sep in (' (', '. '):
            p = item.find(sep)
            if 0 <= p < cut:
                cut = p
        name = item[:cut].strip().rstrip('.').strip()
        desc = item[cut:].strip().lstrip('.').strip()
        core = desc.rstrip('.')
        if core.startswith('(') and core.endswith(')') and core.count('(') == 1:
            desc = core[1:-1].strip()
        out.append((m.group(1), name, desc))
    return out


def enum_tables(lines, tables):
    """[(spec_ref, is_mask, first line, last line,
         [(value printed, name, desc)])]."""
    res = []
    for ref, n, ncol, vcol in ENUM_TABLES:
        title, at = tables[n]
        header, rows, last = table_rows(lines, at)
        dcols = [k for k in range(len(header)) if k not in (ncol, vcol)]
        vals = []
        for ln, c in rows:
            c = c + [''] * (len(header) - len(c))
            name = c[ncol].strip()
            desc = clean(' '.join(c[k] for k in dcols)) if dcols else ''
            if vcol is None:
                if not desc:               # section caption row (Table 9)
                    continue
                value = str(len(vals))
            else:
                value = c[vcol].strip()
                if not value:              # "Extended ... codes" captions
                    continue
            fixed = NAME_FIXES.get((n, name))
            if fixed is not None:
                desc = clean(name[len(fixed):]) + ' - ' + desc
                name = fixed
            name = re.sub(r'\s*\((?:Version \d+)\)$', '', name)
            vals.append((value, name, desc))
        res.append((ref, n in (22, 23, 24, 25), at + 1, last, vals))
    # Table 50: DeviceType values of CONFIG_DEVICE_EVENT.
    title, at = tables[50]
    header, rows, last = table_rows(lines, at)
    by = {c[0].strip(): c for _, c in rows}
    vals = []
    for k in range(1, len(header)):
        parts = []
        for f in ('DeviceField0', 'DeviceField1', 'DeviceField2', 'MaxQueued',
                  'DeviceField3', 'DeviceField4'):
            v = clean(by[f][k])
            if v != 'Not used':
                parts.append('%s=%s' % (f, v))
        vals.append((by['DeviceType'][k].strip(),
                     re.sub(r'^For ', '', header[k].strip()), ', '.join(parts)))
    res.append(('Table 50', False, at + 1, last, vals))
    # Table 8: the BAStatus first-character codes ("D" = ..., second char "O").
    title, at = tables[8]
    _, rows, last = table_rows(lines, at)
    for ln, c in rows:
        if c[0].strip() == 'BAStatus':
            first = c[1][c[1].find('first character'):
                         c[1].find('second character')]
            codes = re.findall(r'"([A-Z])" = ([^,)]+)', first)
            second = re.search(r'always "([A-Z])" = (\w+)', c[1])
            vals = [(str(k), ch + second.group(1),
                     clean(txt) + ', ' + second.group(2))
                    for k, (ch, txt) in enumerate(codes)]
            res.append(('Table 8 BAStatus', False, ln, ln, vals))
    # inline lists
    mts = {(n, part): (first, last, rows)
           for n, msg, part, first, last, rows in message_tables(lines, tables)}
    for ref, n, fname, is_mask, name_first in INLINE_ENUMS:
        hit = None
        for part in ('fixed', 'floating'):
            if (n, part) not in mts:
                continue
            for ln, c in mts[(n, part)][2]:
                if field_name(c[0])[0] == fname:
                    hit = (ln, c[1])
        if hit is None:
            sys.exit('inline enum %s not found' % ref)
        ln, text = hit
        vals = split_inline(clean(text), name_first)
        if is_mask:
            vals = [v for v in vals if int(v[0], 0) != 0]
        if not vals:
            sys.exit('inline enum %s: no values' % ref)
        res.append((ref, is_mask, ln, ln, vals))
    return res


# ---------------------------------------------------------------------------
def write(path, comments, columns, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for c in comments:
            f.write('# ' + c + '\n')
        f.write('# columns: ' + '\t'.join(columns) + '\n')
        for r in rows:
            if any('\t' in x or '\n' in x for x in r):
                sys.exit('tab in cell: %r' % (r,))
            f.write('\t'.join(r) + '\n')
    print('%-28s %4d rows' % (os.path.basename(path), len(rows)))


def main():
    spec = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SPEC
    outdir = sys.argv[2] if len(sys.argv) > 2 else HERE
    lines = load(spec)
    tables = find_tables(lines)
    gen = 'generated by tests/spec/extract_spec_lists.py from %s' % SPEC_NAME

    hdr, cols, rows = extract_messages(lines, tables)
    write(os.path.join(outdir, 'ccx_messages.tsv'), [hdr, gen], cols, rows)
    hdr, cols, rows = extract_classes(lines, tables)
    write(os.path.join(outdir, 'ccx_message_classes.tsv'), [hdr, gen], cols, rows)
    hdr, cols, rows = extract_tags(lines, tables)
    write(os.path.join(outdir, 'ccx_fielddataids.tsv'), [hdr, gen], cols, rows)

    (hfx, cfx, rfx), (hfl, cfl, rfl) = extract_fields(lines, tables)
    write(os.path.join(outdir, 'ccx_fixed_fields.tsv'), [hfx, gen], cfx, rfx)
    write(os.path.join(outdir, 'ccx_floating_fields.tsv'), [hfl, gen], cfl, rfl)

    enums = enum_tables(lines, tables)
    comments = ['every enum / mask value list of ccx_enums.c; "table" is the '
                'ccx_enum spec_ref', gen]
    rows = []
    for ref, is_mask, first, last, vals in enums:
        comments.append('%s%s: spec lines %d-%d, %d values'
                        % (ref, ' (mask)' if is_mask else '', first, last,
                           len(vals)))
        rows += [(ref, name, value) for value, name, desc in vals]
    write(os.path.join(outdir, 'ccx_enums.tsv'), comments,
          ['table', 'name', 'value'], rows)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""extract_cap_lists.py - maintainer tool: copy the facts of the BroadWorks
Client Application Protocols (CAP-C and CCC2) interface specification into
plain-text reference lists and sample files for the CAP tests.

This is NOT run by the build or by the tests.  A maintainer runs it by hand
against the plain-text conversion of the specification (Release 17.0,
document 05-BD5117-00), which lives outside this repository in
../shared/specs (relative to the repository root):

    python3 tests/spec/extract_cap_lists.py \
        [../shared/specs/broadworks-cap-interface-r17.txt] [tests/spec]

and commits its output.  The tests read only the output, so they do not
depend on ../shared.  Running it twice gives the same files.

Output (tab-separated, '#' lines are comments naming the source and the spec
line numbers; the columns are named in a '# columns:' line):

  cap_commands.tsv        one row per commandType of the chapter 5 table
                          "Message to Protocol Mapping" (24 rows):
                          command, ch5_capc, ch5_ccc2 (the table's cells,
                          "-" when the protocol does not have it), section
                          and ch6_title (the chapter 6 heading as printed),
                          ch6_protocols, ch6_direction (the "Protocols" and
                          "Message direction" cells of that section),
                          capc_dtd, ccc2_dtd ("yes"/"no": listed in the
                          commandType enumeration of the chapter 10 / 11 DTD)
  cap_dtd_elements.tsv    every <!ELEMENT> of both DTDs:
                          dtd (CAP-C | CCC2), element, content model
                          (whitespace collapsed), spec line
  cap_dtd_attributes.tsv  every attribute of every <!ATTLIST> of both DTDs:
                          dtd, element, attribute, type (CDATA or the
                          enumeration "(a|b|c)" without blanks), default
                          (#REQUIRED, #IMPLIED, or #IMPLIED "False" as
                          printed), spec line
  cap_values.tsv          every row of an "allowed values" list:
                          section, name, value, meaning, spec line
                            * the "Allowed Values" cells of the chapter 6
                              tag tables that list quoted values
                              (“0” (idle) ... ; Empty is value "" with
                              meaning "Empty"; “1” – N is value "1" with
                              meaning "– N")
                            * the "Allowed tag values" block after 6.10.2
                              (<releaseCause>, <localAltType> with their
                              "N: meaning" lines, <redirectToReason>,
                              <redirectFromReason>)
                            * the "N = meaning" lines of the priority cells
                              (6.20, 6.21)
  cap_tags.tsv            every row of the chapter 6 tag tables: section, the
                          tag or attribute name as printed ("User", "Id",
                          "from user" included), the first word of its
                          Allowed Values cell (Text, Elements, Empty, Null,
                          values, ...), spec line
  cap_samples/            every XML sample of the specification, one file
                          per sample, named <section>_<commandType>_<n>.xml
                          (n counts the samples of that command in that
                          section), and cap_samples/index.tsv: file,
                          section, commandType, first and last spec line

Normalisations (not corrections: the PDF conversion, not the spec):
  * Lines are joined with one blank, except after a line that does not end
    in whitespace: the converter breaks words inside table cells and the
    DTD without a trailing blank ("ForceLo" + "goutL", "“NetworkServerCon" +
    "nectivityFailure”"), so such lines are joined without one.
  * Samples: the page furniture a page break inserts into two samples (the
    "BROADWORKS CLIENT APPLICATION PROTOCOLS INTERFACE SPECIFICATION" running
    head, the "©2010 BROADSOFT, INC. PAGE n OF 108" line and the blank lines
    of the break) is removed; the indentation of the sample's first line is
    removed from every line that has it; trailing blanks are removed.
    Nothing else is touched: the samples that are not well-formed XML stay
    so (the decoder tests check that each one is reported exactly).
  * Quote marks in value lists may be “ ” or " (both are printed, even
    mixed within one value); a value is what lies between two of them.

Corrections: none.  Spellings and values are copied as printed, including
the ones that differ between the prose, the samples and the DTDs
(“IncorrectPasword”, “UnauthorizedAttendant Console”, “–1” with an en dash,
“Wrap-up” vs the sample's WrapUp, "Success", "Priority", queueActionData
"Transfer" vs the DTD's "Remove", ...): test_cap_coverage.c maps each such
spelling to the table's value, one commented entry per inconsistency.

Python 3, standard library only.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_NAME = 'broadworks-cap-interface-r17.txt'
DEFAULT_SPEC = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared',
                                             'specs', SPEC_NAME))
GEN = 'generated by tests/spec/extract_cap_lists.py from %s' % SPEC_NAME

QUOTES = '\u201c\u201d"'
HEADING_RE = re.compile(r'^\s?(\d{1,2}(?:\.\d{1,2}){1,2}) (\S.*?)\s*$')
FURNITURE_RE = re.compile(r'^(BROADWORKS CLIENT APPLICATION PROTOCOLS INTERFACE '
                          r'SPECIFICATION|\u00a92010 BROADSOFT, INC\. PAGE \d+ OF 108)')


def load(path):
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n')


def find_line(lines, pred, start=0, what='line'):
    for i in range(start, len(lines)):
        if pred(lines[i]):
            return i
    sys.exit('not found: %s' % what)


def join(lines):
    """Join lines per the normalisation rule; returns (text, offsets) where
    offsets[k] is the text offset at which line k of the list starts."""
    out = []
    offs = []
    pos = 0
    for i, l in enumerate(lines):
        offs.append(pos)
        out.append(l)
        pos += len(l)
        if l == '' or l[-1].isspace():
            out.append(' ')
            pos += 1
    return ''.join(out), offs


def line_of(offs, first_line, pos):
    """Spec line number (1-based) of text offset pos."""
    k = 0
    for i, o in enumerate(offs):
        if o <= pos:
            k = i
        else:
            break
    return first_line + k + 1


def headings(lines):
    """[(line index, section number, title)] of numbered headings."""
    out = []
    for i, l in enumerate(lines):
        m = HEADING_RE.match(l)
        if not m or len(l) > 100:
            continue
        major = int(m.group(1).split('.')[0])
        if 1 <= major <= 12 and not m.group(2)[0].isdigit():
            out.append((i, m.group(1), m.group(2)))
    return out


def section_at(heads, i):
    sec = None
    for hi, num, title in heads:
        if hi <= i:
            sec = (num, title)
        else:
            break
    return sec


def write(path, comments, cols, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for c in comments:
            f.write('# %s\n' % c)
        f.write('# columns: %s\n' % '\t'.join(cols))
        for r in rows:
            for cell in r:
                if '\t' in str(cell) or '\n' in str(cell):
                    sys.exit('tab or newline in a cell: %r' % (r,))
            f.write('\t'.join(str(c) for c in r) + '\n')


# ---------------------------------------------------------------------------
# DTDs (chapters 10 and 11)
# ---------------------------------------------------------------------------
def dtd_blocks(lines):
    """[(dtd name, first line index, last line index)]"""
    c10 = find_line(lines, lambda l: l.strip() == '10 CAP-C Document Type Definition',
                    what='chapter 10')
    c11 = find_line(lines, lambda l: l.strip() == '11 CCC2 Document Type Definition',
                    c10, 'chapter 11')
    c12 = find_line(lines, lambda l: l.strip() == '12 Limitations', c11, 'chapter 12')
    out = []
    for name, a, b in (('CAP-C', c10, c11), ('CCC2', c11, c12)):
        first = find_line(lines, lambda l: l.startswith('<?xml encoding'), a, 'DTD start')
        out.append((name, first, b - 1))
    return out


DECL_RE = re.compile(r'<!(ELEMENT|ATTLIST)\s*(.*?)>(?=\s*(?:<!|$))', re.S)
NAME_RE = re.compile(r'[A-Za-z_][\w.-]*')


def parse_dtds(lines):
    elements, attributes, cmdtypes = [], [], {}
    comments_e, comments_a = [], []
    for dtd, a, b in dtd_blocks(lines):
        text, offs = join(lines[a:b + 1])
        ne = na = 0
        for m in DECL_RE.finditer(text):
            kind, body = m.group(1), m.group(2).strip()
            ln = line_of(offs, a, m.start())
            nm = NAME_RE.match(body)
            if not nm:
                sys.exit('unparsed declaration at line %d: %r' % (ln, body))
            name = nm.group(0)
            rest = body[nm.end():].strip()
            if kind == 'ELEMENT':
                model = re.sub(r'\s+', ' ', rest)
                model = re.sub(r'\( ', '(', model)
                model = re.sub(r' \)', ')', model)
                elements.append((dtd, name, model, ln))
                ne += 1
                continue
            # ATTLIST: name type default, repeated
            pos = 0
            while True:
                while pos < len(rest) and rest[pos].isspace():
                    pos += 1
                if pos >= len(rest):
                    break
                an = NAME_RE.match(rest, pos)
                if not an:
                    sys.exit('unparsed ATTLIST at line %d: %r' % (ln, rest[pos:]))
                aname = an.group(0)
                pos = an.end()
                while rest[pos].isspace():
                    pos += 1
                if rest[pos] == '(':
                    close = rest.index(')', pos)
                    atype = '(' + '|'.join(v.strip() for v in
                                           rest[pos + 1:close].split('|')) + ')'
                    pos = close + 1
                else:
                    tm = NAME_RE.match(rest, pos)
                    atype = tm.group(0)
                    pos = tm.end()
                dm = re.compile(r'\s*(#REQUIRED|#IMPLIED|#FIXED\s+"[^"]*"|"[^"]*")'
                                r'(\s+"[^"]*")?').match(rest, pos)
                if not dm:
                    sys.exit('ATTLIST %s %s at line %d: no default' % (name, aname, ln))
                dflt = dm.group(1) + (' ' + dm.group(2).strip() if dm.group(2) else '')
                pos = dm.end()
                attributes.append((dtd, name, aname, atype, dflt, ln))
                na += 1
                if name == 'command' and aname == 'commandType':
                    cmdtypes[dtd] = atype[1:-1].split('|')
        comments_e.append('%s DTD: spec lines %d-%d, %d <!ELEMENT> declarations'
                          % (dtd, a + 1, b + 1, ne))
        comments_a.append('%s DTD: spec lines %d-%d, %d attribute definitions'
                          % (dtd, a + 1, b + 1, na))
    return elements, attributes, cmdtypes, comments_e, comments_a


# ---------------------------------------------------------------------------
# Commands (chapter 5 table, chapter 6 sections)
# ---------------------------------------------------------------------------
def parse_commands(lines, heads, cmdtypes):
    c5 = find_line(lines, lambda l: l.strip() == '5 Message to Protocol Mapping',
                   what='chapter 5')
    c6 = find_line(lines, lambda l: l.strip() == '6 CAP Messages', c5, 'chapter 6')
    c7 = find_line(lines, lambda l: l.strip() == '7 Call Control Message Flows', c6,
                   'chapter 7')
    row_re = re.compile(r'^\s?([a-z][A-Za-z]+)(?: \(deprecated\))? ?(.*)$')
    rows = []
    cur = None
    footnote = False
    hdr = find_line(lines, lambda l: l.strip().startswith('Message CAP-C CCC2'), c5,
                    'chapter 5 table header')
    for i in range(hdr, c6):
        l = lines[i]
        if l.strip().startswith('Message CAP-C CCC2') or not l.strip():
            footnote = False
            continue
        # footnotes: "1 For information on ..." and their continuation lines
        if re.match(r'^\d+ For information', l):
            footnote = True
        if footnote:
            continue
        m = row_re.match(l)
        if m:
            cur = [m.group(1), [m.group(2).strip()], i]
            rows.append(cur)
        elif cur is not None:
            cur[1].append(l.strip())
    out = []
    for name, cells, i in rows:
        cells = [c for c in cells if c]
        text = ' '.join(cells)
        # The CCC2 column is "-" or repeats the CAP-C applications.
        ccc2 = '-' if text.endswith('-') else 'yes'
        capc = 'yes' if not text.startswith('-') else '-'
        out.append([name, capc, ccc2, i + 1])
    # chapter 6 sections
    secs = [(hi, num, title) for hi, num, title in heads
            if c6 <= hi < c7 and num.count('.') == 1]
    result = []
    for name, capc, ccc2, ln in out:
        sec = [s for s in secs if s[2].split(' ')[0].lower() == name.lower()]
        if len(sec) != 1:
            sys.exit('command %s: %d chapter 6 sections' % (name, len(sec)))
        hi, num, title = sec[0]
        end = next((s[0] for s in secs if s[0] > hi), c7)
        prot = direction = ''
        for j in range(hi, end):
            l = lines[j].strip()
            if l.startswith('Protocols ') and not prot:
                prot = l[len('Protocols '):].strip()
            if l.startswith('Message direction ') and not direction:
                parts = [l[len('Message direction '):].strip()]
                k = j + 1
                while k < end:
                    s = lines[k].strip()
                    if s.startswith('Tag') or HEADING_RE.match(lines[k]):
                        break
                    if s:
                        parts.append(s)
                    k += 1
                direction = ' / '.join(parts)
        result.append([name, capc, ccc2, num, title, prot, direction,
                       'yes' if name in cmdtypes['CAP-C'] else 'no',
                       'yes' if name in cmdtypes['CCC2'] else 'no'])
    return result, (c5 + 1, c6)


# ---------------------------------------------------------------------------
# Allowed values
# ---------------------------------------------------------------------------
QV = '[%s]([^%s]*)[%s]' % (QUOTES, QUOTES, QUOTES)
CELL_RE = re.compile(
    r'(?<![\w>])([A-Za-z][A-Za-z]*) +'                     # the tag name
    r'((?:Empty +)?'                                       # Empty first
    r'%s(?: *\([^)]*\))?'                                  # "v" (meaning)
    r'(?: *(?:,|\||or)? *%s(?: *\([^)]*\))?)*'             # more values
    r'(?: *[\u2013-] *N)?) *'                              # “1” – N
    r'(Yes|No)\b' % (QV, QV))
VAL_RE = re.compile(r'%s(?: *\(([^)]*)\))?( *[\u2013-] *N)?' % QV)


def parse_values(lines, heads):
    c6 = find_line(lines, lambda l: l.strip() == '6 CAP Messages', what='chapter 6')
    c7 = find_line(lines, lambda l: l.strip() == '7 Call Control Message Flows', c6,
                   'chapter 7')
    text, offs = join(lines[c6:c7])
    rows = []
    for m in CELL_RE.finditer(text):
        name = m.group(1)
        cell = m.group(2)
        ln = line_of(offs, c6, m.start())
        sec = section_at(heads, ln - 1)[0]
        if cell.startswith('Empty'):
            rows.append((sec, name, '', 'Empty', ln))
        for v in VAL_RE.finditer(cell):
            meaning = re.sub(r'\s+', ' ', (v.group(2) or '').strip())
            if v.group(3):
                meaning = (meaning + ' ' if meaning else '') + v.group(3).strip()
            rows.append((sec, name, v.group(1), meaning, ln))
    # The "Allowed tag values" block after 6.10.2.
    start = find_line(lines, lambda l: l.startswith('Allowed tag values are as follows'),
                      c6, 'allowed tag values')
    end = find_line(lines, lambda l: HEADING_RE.match(l) is not None, start + 1,
                    'end of allowed tag values')
    sec = section_at(heads, start)[0]
    cur = None
    block_rows = []
    meanings = {}
    text, offs = join(lines[start:end])
    for m in re.finditer(r'<(\w+)>(?::| is) ((?:%s[ |]*)+)' % QV, text):
        name = m.group(1)
        ln = line_of(offs, start, m.start())
        for v in re.finditer(QV, m.group(2)):
            block_rows.append([sec, name, v.group(1), '', ln])
    for i in range(start, end):
        s = lines[i].strip()
        m = re.match(r'^<(\w+)>', s)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r'^(\d+): +(\S.*?)$', s)
        if m and cur:
            meanings[(cur, m.group(1))] = (m.group(2), i + 1)
    for r in block_rows:
        if (r[1], r[2]) in meanings:
            r[3] = meanings[(r[1], r[2])][0]
    rows += [tuple(r) for r in block_rows]
    # "0 = Highest" lines of the priority cells.
    for i in range(c6, c7):
        m = re.match(r'^(\d) = (\w+) ?$', lines[i])
        if m:
            sec = section_at(heads, i)[0]
            rows.append((sec, 'priority', m.group(1), m.group(2), i + 1))
    return rows, (c6 + 1, c7)


# ---------------------------------------------------------------------------
# Tag names of the chapter 6 tables
# ---------------------------------------------------------------------------
TAG_RE = re.compile(r'([A-Za-z]+)((?: user)?) +(Text|Elements?|Empty|Null|Same values|'
                    r'See Allowed|[%s])' % QUOTES)


def parse_tags(lines, heads):
    """Every row of the chapter 6 tag tables: a name at the start of a line
    followed by an Allowed Values cell (Text, Element(s), Empty, Null, "Same
    values ...", "See Allowed Tag Values", or quoted values - the latter only
    when the whole cell up to its Yes/No matches, so that comment lines
    quoting a value are not taken for rows)."""
    c6 = find_line(lines, lambda l: l.strip() == '6 CAP Messages', what='chapter 6')
    c7 = find_line(lines, lambda l: l.strip() == '7 Call Control Message Flows', c6,
                   'chapter 7')
    text, offs = join(lines[c6:c7])
    starts = set()
    for i, o in enumerate(offs):
        starts.add(o)
        if lines[c6 + i].startswith(' '):
            starts.add(o + 1)
    rows = []
    for m in TAG_RE.finditer(text):
        if m.start() not in starts:
            continue
        cell = m.group(3)
        if cell in QUOTES:
            if not CELL_RE.match(text, m.start()):
                continue
            cell = 'values'
        ln = line_of(offs, c6, m.start())
        rows.append((section_at(heads, ln - 1)[0], m.group(1) + m.group(2), cell, ln))
    return rows, (c6 + 1, c7)


# ---------------------------------------------------------------------------
# Samples
# ---------------------------------------------------------------------------
def parse_samples(lines, heads):
    samples = []
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith('<?xml version'):
            j = find_line(lines, lambda l: '</BroadsoftDocument>' in l, i, 'sample end')
            body = lines[i:j + 1]
            # page furniture: the running head, the page line, and the blank
            # lines of the break around them
            keep = []
            k = 0
            while k < len(body):
                if FURNITURE_RE.match(body[k]):
                    while keep and not keep[-1].strip():
                        keep.pop()
                    k += 1
                    while k < len(body) and (not body[k].strip() or
                                             FURNITURE_RE.match(body[k])):
                        k += 1
                    continue
                keep.append(body[k])
                k += 1
            indent = len(keep[0]) - len(keep[0].lstrip())
            out = []
            for l in keep:
                if l[:indent].strip() == '' and len(l) >= indent:
                    l = l[indent:]
                out.append(l.rstrip())
            m = re.search(r'commandType="(\w+)"', '\n'.join(out))
            sec = section_at(heads, i)[0]
            samples.append((sec, m.group(1), i + 1, j + 1, '\n'.join(out) + '\n'))
            i = j + 1
            continue
        i += 1
    return samples


def main():
    spec = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SPEC
    outdir = sys.argv[2] if len(sys.argv) > 2 else HERE
    lines = load(spec)
    heads = headings(lines)

    elements, attributes, cmdtypes, ce, ca = parse_dtds(lines)
    write(os.path.join(outdir, 'cap_dtd_elements.tsv'),
          ['every <!ELEMENT> of the CAP-C (chapter 10) and CCC2 (chapter 11) DTDs', GEN] + ce,
          ['dtd', 'element', 'content', 'line'], elements)
    write(os.path.join(outdir, 'cap_dtd_attributes.tsv'),
          ['every attribute of every <!ATTLIST> of the CAP-C and CCC2 DTDs', GEN] + ca,
          ['dtd', 'element', 'attribute', 'type', 'default', 'line'], attributes)

    cmds, (a, b) = parse_commands(lines, heads, cmdtypes)
    write(os.path.join(outdir, 'cap_commands.tsv'),
          ['chapter 5 "Message to Protocol Mapping" (spec lines %d-%d), the "Protocols" '
           'and "Message direction" cells of each chapter 6 section, and the commandType '
           'enumerations of the two DTDs' % (a, b), GEN, '%d commands' % len(cmds)],
          ['command', 'ch5_capc', 'ch5_ccc2', 'section', 'ch6_title', 'ch6_protocols',
           'ch6_direction', 'capc_dtd', 'ccc2_dtd'], cmds)

    vals, (a, b) = parse_values(lines, heads)
    write(os.path.join(outdir, 'cap_values.tsv'),
          ['allowed values of chapter 6 (spec lines %d-%d): tag-table cells with quoted '
           'values, the "Allowed tag values" block, the priority lines' % (a, b), GEN,
           '%d values' % len(vals)],
          ['section', 'name', 'value', 'meaning', 'line'], vals)

    tags, (a, b) = parse_tags(lines, heads)
    write(os.path.join(outdir, 'cap_tags.tsv'),
          ['every row of the chapter 6 tag tables (spec lines %d-%d): the tag or attribute '
           'name as printed and the first word of its Allowed Values cell' % (a, b), GEN,
           '%d rows' % len(tags)],
          ['section', 'name', 'cell', 'line'], tags)

    sdir = os.path.join(outdir, 'cap_samples')
    os.makedirs(sdir, exist_ok=True)
    for f in os.listdir(sdir):
        if f.endswith('.xml'):
            os.remove(os.path.join(sdir, f))
    count = {}
    index = []
    for sec, cmd, first, last, text in parse_samples(lines, heads):
        key = (sec, cmd)
        count[key] = count.get(key, 0) + 1
        name = '%s_%s_%d.xml' % (sec, cmd, count[key])
        with open(os.path.join(sdir, name), 'w', encoding='utf-8') as f:
            f.write(text)
        index.append((name, sec, cmd, first, last))
    write(os.path.join(sdir, 'index.tsv'),
          ['every XML sample of the specification, one file each', GEN,
           '%d samples' % len(index)],
          ['file', 'section', 'commandType', 'first_line', 'last_line'], index)


if __name__ == '__main__':
    main()

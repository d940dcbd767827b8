/* cap_decode.c - decode one BroadWorks CAP document with GMarkup and the
 * tables (see cap_decode.h for the contract and how offsets are found).
 */
#include "cap_decode.h"

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CAP_SEEN_WORDS 4   /* 256 table elements at most (cap_table.c checks 256 too) */

typedef struct cap_decode_state {
    GMarkupParseContext *ctx;     /* reused while documents are well-formed */
    cap_item *items;
    unsigned items_cap;
    char *arena;                  /* names and values; sized before each parse */
    size_t arena_size, arena_used;

    /* the document being parsed (leading whitespace and BOM skipped) */
    const char *doc;
    uint32_t len;
    uint32_t base;                /* offset of doc in the caller's buffer */

    /* GMarkup position of doc[0], and the newline cursor */
    int base_line, base_char;
    int nl_count;                 /* newlines passed */
    uint32_t nl_pos;              /* offset of the nl_count-th newline */
    uint32_t nl_scan;             /* where to look for the next one */
    uint32_t last_pos;            /* end of the previous piece of markup or text */

    /* open elements */
    unsigned depth;
    int stack[CAP_MAX_DEPTH];     /* item index per level, -1 when not recorded */
    unsigned skip_below;          /* levels deeper than this are not decoded */
    /* per open element: which table elements its children were so far
     * (bit = index in cap_elements), to see repeats in O(1) */
    uint64_t seen[CAP_MAX_DEPTH][CAP_SEEN_WORDS];
    int root_seen, root_closed, command_seen, after_root_reported, depth_reported;

    cap_msg *m;
} cap_decode_state;

/* ------------------------------------------------------------------------ */

static void diag(cap_msg *m, cap_severity sev, uint32_t off, int item, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

static void diag(cap_msg *m, cap_severity sev, uint32_t off, int item, const char *fmt, ...)
{
    if (m->max_sev_plus1 < (unsigned)sev + 1)
        m->max_sev_plus1 = (unsigned)sev + 1;
    if (!cti_diag_make_room(m->diags, sizeof m->diags[0], offsetof(cap_diag, sev), &m->n_diags,
                            CAP_MAX_DIAGS, (int)sev, &m->diags_dropped))
        return;
    cap_diag *d = &m->diags[m->n_diags++];
    d->sev = sev;
    d->offset = off;
    d->item = item;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->text, sizeof d->text, fmt, ap);
    va_end(ap);
}

static inline int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int all_ws(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws(p[i]))
            return 0;
    return 1;
}

/* A NUL-terminated copy in the arena, or NULL when it does not fit (it
 * always does: the arena is sized from the document). */
static const char *arena_copy(cap_decode_state *s, const char *p, size_t n)
{
    if (s->arena_size - s->arena_used < n + 1)
        return NULL;
    char *d = s->arena + s->arena_used;
    memcpy(d, p, n);
    d[n] = '\0';
    s->arena_used += n + 1;
    return d;
}

static int new_item(cap_decode_state *s, cap_item_kind kind, uint32_t off)
{
    cap_msg *m = s->m;
    if (m->n_items >= CAP_MAX_ITEMS) {
        if (!m->items_dropped)
            diag(m, CAP_SEV_ERROR, off, -1,
                 "more than %d items in one document: the rest is not decoded", CAP_MAX_ITEMS);
        m->items_dropped++;
        return -1;
    }
    if (m->n_items >= s->items_cap) {
        s->items_cap = s->items_cap ? s->items_cap * 2 : 256;
        s->items = g_renew(cap_item, s->items, s->items_cap);
        m->items = s->items;
    }
    cap_item *it = &s->items[m->n_items];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->parent = -1;
    it->offset = off;
    return (int)m->n_items++;
}

/* g_utf8_validate_len, with plain ASCII (no NUL: GLib counts it invalid)
 * passed over 8 bytes at a time first: CAP documents are mostly ASCII, and
 * the byte-wise check was 7% of --json's instructions. */
static gboolean utf8_valid(const char *p, size_t n, const char **end)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        /* a byte >= 0x80, or a zero byte */
        if ((w | ((w - UINT64_C(0x0101010101010101)) & ~w)) & UINT64_C(0x8080808080808080))
            break;
    }
    return g_utf8_validate_len(p + i, n - i, end);
}

/* GMarkup line/char -> offset in doc.  Positions only move forward, so a
 * cursor over the newlines does it in one pass over the document. */
static uint32_t pos_to_off(cap_decode_state *s, int line, int chr)
{
    long off;
    if (line <= s->base_line) {
        off = (long)chr - s->base_char;
    } else {
        int rel = line - s->base_line;
        if (rel < s->nl_count) {
            s->nl_count = 0;
            s->nl_scan = 0;
        }
        while (s->nl_count < rel) {
            const char *p = s->nl_scan < s->len
                ? memchr(s->doc + s->nl_scan, '\n', s->len - s->nl_scan) : NULL;
            if (!p)
                return s->len;
            s->nl_pos = (uint32_t)(p - s->doc);
            s->nl_scan = s->nl_pos + 1;
            s->nl_count++;
        }
        off = (long)s->nl_pos + chr - 1;
    }
    if (off < 0)
        off = 0;
    if (off > (long)s->len)
        off = s->len;
    return (uint32_t)off;
}

static uint32_t cur_off(cap_decode_state *s)
{
    int line = 0, chr = 0;
    g_markup_parse_context_get_position(s->ctx, &line, &chr);
    return pos_to_off(s, line, chr);
}

/* Offset in the caller's buffer. */
static inline uint32_t B(cap_decode_state *s, uint32_t off)
{
    return s->base + off;
}

/* Next attribute of a start tag in doc[*pp, end). */
static int next_attr(const char *d, uint32_t *pp, uint32_t end, uint32_t *name_off,
                     uint32_t *name_len, uint32_t *val_off, uint32_t *val_len)
{
    uint32_t p = *pp;
    while (p < end && is_ws(d[p]))
        p++;
    if (p >= end || d[p] == '/' || d[p] == '>')
        return 0;
    *name_off = p;
    while (p < end && !is_ws(d[p]) && d[p] != '=' && d[p] != '>' && d[p] != '/')
        p++;
    *name_len = p - *name_off;
    while (p < end && is_ws(d[p]))
        p++;
    if (p >= end || d[p] != '=')
        return 0;
    p++;
    while (p < end && is_ws(d[p]))
        p++;
    if (p >= end || (d[p] != '"' && d[p] != '\''))
        return 0;
    char q = d[p++];
    *val_off = p;
    while (p < end && d[p] != q)
        p++;
    *val_len = p - *val_off;
    if (p < end)
        p++;
    *pp = p;
    return 1;
}

/* "a, b, c" of an enum's values, for a diagnostic. */
static const char *value_list(const cap_enum *e, char *out, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < e->n_vals && o + 8 < n; i++) {
        const char *v = e->vals[i].value;
        int w = snprintf(out + o, n - o, "%s%s", i ? ", " : "", *v ? v : "(empty)");
        if (w < 0 || (size_t)w >= n - o) {
            snprintf(out + (o < n - 4 ? o : n - 4), 4, "...");
            break;
        }
        o += (size_t)w;
    }
    return out;
}

static const char *item_what(const cap_item *it, char *buf, size_t n)
{
    if (it->kind == CAP_ITEM_ATTRIBUTE)
        snprintf(buf, n, "%s@%s", it->elem ? it->elem->name : "?", it->name ? it->name : "?");
    else
        snprintf(buf, n, "<%s>", it->name ? it->name : "?");
    return buf;
}

/* Match the item's value against its allowed values. */
static void check_value(cap_decode_state *s, int idx, const cap_enum *en)
{
    cap_item *it = &s->items[idx];
    if (!en || !it->value)
        return;
    const cap_enum_val *v = cap_enum_lookup(en, it->value, it->value_len);
    char what[96], list[160];
    if (!v) {
        /* tolerate surrounding whitespace, and say so */
        const char *p = it->value;
        size_t n = it->value_len;
        while (n && is_ws(*p)) {
            p++;
            n--;
        }
        while (n && is_ws(p[n - 1]))
            n--;
        if (n != it->value_len && (v = cap_enum_lookup(en, p, n)) != NULL)
            diag(s->m, CAP_SEV_NOTE, B(s, it->value_offset), idx,
                 "%s: value \"%s\" has whitespace around \"%s\"",
                 item_what(it, what, sizeof what), it->value, v->value);
    }
    it->enum_val = v;
    if (!v && !(en->flags & CAP_ENUM_OPEN)) {
        it->flags |= CAP_IF_BAD_VALUE;
        diag(s->m, CAP_SEV_WARN, B(s, it->kind == CAP_ITEM_ATTRIBUTE ? it->value_offset
                                                                     : it->offset), idx,
             "%s: \"%s\" is not one of its allowed values (%s)", item_what(it, what, sizeof what),
             it->value, value_list(en, list, sizeof list));
    }
}

/* Notes for the values that report an outcome (failures, forced logout). */
static void outcome_notes(cap_decode_state *s, int idx)
{
    cap_item *it = &s->items[idx];
    const cap_attribute *a = it->attr;
    if (!a || !it->value)
        return;
    const cap_enum_val *v = it->enum_val;
    const char *desc = v && v->desc ? v->desc : "no description in the spec";
    uint32_t off = B(s, it->value_offset);
    if (!strcmp(a->name, "failureCause")) {
        diag(s->m, CAP_SEV_NOTE, off, idx, "failure: failureCause %s (%s)", it->value, desc);
    } else if (!strcmp(a->name, "failureReason")) {
        diag(s->m, CAP_SEV_NOTE, off, idx, "failedUser: failureReason %s (%s)", it->value, desc);
    } else if (a->roles & CAP_ROLE_RESULT) {
        if (cap_item_says_failed(it))
            diag(s->m, CAP_SEV_NOTE, off, idx, "%s: success=\"False\": %s", a->element,
                 !strcmp(a->element, "monResult")
                     ? "at least one user could not be added or removed"
                     : "the call action failed");
    } else if (!strcmp(a->name, "userLogoutReason") && strcmp(it->value, "ClientLogout")) {
        diag(s->m, CAP_SEV_NOTE, off, idx, "forced logout: %s (%s)", it->value, desc);
    }
}

/* "text" for a diagnostic: leading blanks skipped, 40 bytes at most. */
static void text_diag(cap_decode_state *s, uint32_t off, int item, const char *t, size_t n,
                      const char *parent)
{
    while (n && is_ws(*t)) {
        t++;
        n--;
    }
    while (n && is_ws(t[n - 1]))
        n--;
    diag(s->m, CAP_SEV_WARN, off, item, "text \"%.*s%s\" inside <%s>, which holds elements",
         (int)(n > 40 ? 40 : n), t, n > 40 ? "..." : "", parent);
}

/* The parent had text before its first child: that text is mixed content. */
static void parent_gets_child(cap_decode_state *s, int pidx)
{
    cap_item *p = &s->items[pidx];
    if (p->flags & CAP_IF_HAS_CHILDREN)
        return;
    p->flags |= CAP_IF_HAS_CHILDREN;
    const char *v = p->value;
    uint32_t vl = p->value_len, voff = p->value_offset, vraw = p->value_raw_len;
    uint16_t depth = p->depth;
    const cap_element *pe = p->elem;
    p->value = NULL;
    p->value_len = 0;
    if (!v || all_ws(v, vl))
        return;
    int t = new_item(s, CAP_ITEM_TEXT, voff);
    if (t < 0)
        return;
    cap_item *ti = &s->items[t];
    ti->depth = (uint16_t)(depth + 1);
    ti->parent = pidx;
    ti->elem = pe;
    ti->value = v;
    ti->value_len = vl;
    ti->value_offset = voff;
    ti->value_raw_len = vraw;
    ti->length = vraw;
    text_diag(s, B(s, voff), t, v, vl, s->items[pidx].name);
}

static void root_attributes(cap_decode_state *s, int idx)
{
    cap_msg *m = s->m;
    if (!m->protocol) {
        m->proto = CAP_DOC_CAP;
        return;   /* the required-attribute check reported it */
    }
    if (!strcmp(m->protocol, "CAP")) {
        m->proto = CAP_DOC_CAP;
    } else if (!strcmp(m->protocol, "OCI")) {
        m->proto = CAP_DOC_OCI;
        s->skip_below = 0;
        s->items[idx].flags |= CAP_IF_SKIPPED;
        diag(m, CAP_SEV_NOTE, B(s, s->items[idx].offset), idx,
             "BroadWorks OCI document (protocol=\"OCI\"): not CAP, not decoded");
    } else {
        m->proto = CAP_DOC_OTHER;
        diag(m, CAP_SEV_WARN, B(s, s->items[idx].offset), idx,
             "BroadsoftDocument protocol=\"%s\" is neither CAP nor OCI: decoded as CAP",
             m->protocol);
    }
    if (m->proto != CAP_DOC_OCI && m->version && strcmp(m->version, "17.0"))
        diag(m, CAP_SEV_NOTE, B(s, s->items[idx].offset), idx,
             "version \"%s\": decoded with the Release 17.0 tables", m->version);
}

static void on_start(GMarkupParseContext *ctx, const gchar *name, const gchar **an,
                     const gchar **av, gpointer ud, GError **err)
{
    (void)ctx;
    (void)err;
    cap_decode_state *s = ud;
    cap_msg *m = s->m;
    uint32_t pos = cur_off(s);
    /* The tag starts at the first '<' after the previous markup. */
    uint32_t tag = s->last_pos;
    const char *lt = pos > tag ? memchr(s->doc + tag, '<', pos - tag) : NULL;
    if (lt)
        tag = (uint32_t)(lt - s->doc);
    int self_close = pos > 0 && s->doc[pos - 1] == '/';
    uint32_t tag_end = self_close && pos < s->len ? pos + 1 : pos;
    s->last_pos = pos;

    unsigned level = s->depth++;
    if (level < CAP_MAX_DEPTH)
        s->stack[level] = -1;
    if (level > s->skip_below)
        return;
    if (level >= CAP_MAX_DEPTH) {
        if (!s->depth_reported++)
            diag(m, CAP_SEV_WARN, B(s, tag), -1,
                 "elements nested deeper than %d levels: not decoded", CAP_MAX_DEPTH);
        return;
    }
    int pidx = level ? s->stack[level - 1] : -1;
    if (pidx >= 0)
        parent_gets_child(s, pidx);
    const cap_element *pe = pidx >= 0 ? s->items[pidx].elem : NULL;

    if (level == 0) {
        if (s->root_closed && !s->after_root_reported++)
            diag(m, CAP_SEV_WARN, B(s, tag), -1,
                 "<%s> after the end of the root element: a document has one root", name);
    }

    size_t nlen = strlen(name);
    const cap_element *e = cap_element_by_name(name, nlen);
    int idx = new_item(s, CAP_ITEM_ELEMENT, tag);
    if (idx < 0)
        return;
    s->stack[level] = idx;
    cap_item *it = &s->items[idx];
    it->depth = (uint16_t)level;
    it->parent = pidx;
    it->elem = e;
    it->name = arena_copy(s, name, nlen);
    it->name_len = (uint32_t)nlen;
    it->length = tag_end - tag;
    it->value_offset = tag_end;
    if (self_close)
        it->flags |= CAP_IF_EMPTY_TAG;

    int dtd_context = 1;
    if (level == 0 && !s->root_seen) {
        s->root_seen = 1;
        if (!e || strcmp(e->name, "BroadsoftDocument")) {
            diag(m, CAP_SEV_ERROR, B(s, tag), idx,
                 "the root element is <%s>, not <BroadsoftDocument>", name);
            if (!e)
                it->flags |= CAP_IF_UNKNOWN;
        } else {
            m->root = idx;
        }
    } else if (!e) {
        it->flags |= CAP_IF_UNKNOWN;
        diag(m, CAP_SEV_WARN, B(s, tag), idx, "unknown element <%s>%s%s%s", name,
             pidx >= 0 ? " inside <" : "", pidx >= 0 ? s->items[pidx].name : "",
             pidx >= 0 ? ">" : "");
    } else if (level == 0 || pe) {
        const cap_parent *rel = pe ? cap_element_parent(e, pe->name) : NULL;
        /* the DTDs' attribute rules hold where the DTDs place the element */
        if (rel && !rel->capc && !rel->ccc2)
            dtd_context = 0;
        if (!rel) {
            char parents[128];
            size_t o = 0;
            parents[0] = '\0';
            for (size_t i = 0; i < e->n_parents && o + 2 < sizeof parents; i++) {
                int w = snprintf(parents + o, sizeof parents - o, "%s%s", i ? ", " : "",
                                 e->parents[i].parent);
                if (w > 0)
                    o += (size_t)w;
            }
            it->flags |= CAP_IF_UNEXPECTED;
            diag(m, CAP_SEV_WARN, B(s, tag), idx, "<%s> is not expected %s%s%s (%s%s)", name,
                 pidx >= 0 ? "inside <" : "at the top", pidx >= 0 ? s->items[pidx].name : "",
                 pidx >= 0 ? ">" : "", e->n_parents ? "the spec puts it in: " : "",
                 e->n_parents ? parents : "no content model names it");
        } else if (!cap_parent_repeats(rel)) {
            size_t ei = (size_t)(e - cap_elements);
            if (ei < 64 * CAP_SEEN_WORDS) {
                uint64_t *w = &s->seen[level - 1][ei / 64], bit = UINT64_C(1) << (ei % 64);
                if (*w & bit) {
                    it->flags |= CAP_IF_REPEATED;
                    diag(m, CAP_SEV_NOTE, B(s, tag), idx,
                         "<%s> appears again inside <%s>: the spec allows it once", name,
                         s->items[pidx].name);
                }
                *w |= bit;
            }
        }
    }
    memset(s->seen[level], 0, sizeof s->seen[level]);
    if (e && strcmp(name, e->name))
        diag(m, CAP_SEV_NOTE, B(s, tag), idx, "<%s> is the %s spelling of <%s>", name,
             "prose/sample", e->name);

    /* The root's protocol decides how the rest is read: find it first. */
    if (m->root == idx) {
        for (int i = 0; an && an[i]; i++)
            if (!strcmp(an[i], "protocol") && !strcmp(av[i], "OCI"))
                m->proto = CAP_DOC_OCI;
    }

    /* attributes, in document order (GMarkup keeps it) */
    uint32_t p = tag + 1 + (uint32_t)nlen;
    uint32_t tag_inner_end = pos ? pos - 1 : 0;   /* the '>' or the '/' of "/>" */
    for (int i = 0; an && an[i]; i++) {
        uint32_t no = tag, nl = 0, vo = tag, vl = 0;
        size_t anl = strlen(an[i]);
        if (!next_attr(s->doc, &p, tag_inner_end, &no, &nl, &vo, &vl) || nl != anl ||
            memcmp(s->doc + no, an[i], anl)) {
            no = tag;
            vo = tag;
            vl = 0;
        }
        int ai = new_item(s, CAP_ITEM_ATTRIBUTE, no);
        if (ai < 0)
            break;
        cap_item *at = &s->items[ai];
        at->depth = (uint16_t)(level + 1);
        at->parent = idx;
        at->elem = e;
        at->attr = cap_attribute_by_name(e, an[i]);
        at->name = arena_copy(s, an[i], anl);
        at->name_len = (uint32_t)anl;
        size_t avl = strlen(av[i]);
        at->value = arena_copy(s, av[i], avl);
        at->value_len = at->value ? (uint32_t)avl : 0;
        at->value_offset = vo;
        at->value_raw_len = vl;
        at->length = vl ? vo + vl + 1 - no : (uint32_t)anl;
        if (e && !at->attr && m->proto != CAP_DOC_OCI)
            diag(m, CAP_SEV_WARN, B(s, no), ai, "unknown attribute %s of <%s>", an[i], name);
        if (at->attr) {
            unsigned roles = at->attr->roles;
            if (level == 0 && (roles & CAP_ROLE_PROTOCOL))
                m->protocol = at->value;
            else if (level == 0 && (roles & CAP_ROLE_VERSION))
                m->version = at->value;
            else if (roles & CAP_ROLE_COMMAND_TYPE) {
                if (!m->command_type) {
                    m->command_type = at->value;
                    m->command = cap_command_by_name(at->value);
                }
            }
            check_value(s, ai, at->attr->enm);
            outcome_notes(s, ai);
        }
    }
    /* required attributes */
    if (e && dtd_context && m->proto != CAP_DOC_OCI) {
        const cap_attribute *attrs[8];
        size_t na = cap_element_attributes(e, attrs, 8);
        for (size_t k = 0; k < na && k < 8; k++) {
            if (!attrs[k]->required)
                continue;
            int found = 0;
            for (int i = 0; an && an[i] && !found; i++)
                found = !strcmp(an[i], attrs[k]->name);
            if (!found)
                diag(m, (attrs[k]->roles & CAP_ROLE_COMMAND_TYPE) ? CAP_SEV_ERROR : CAP_SEV_WARN,
                     B(s, tag), idx, "<%s> lacks its required attribute %s", name,
                     attrs[k]->name);
        }
    }
    if (m->root == idx)
        root_attributes(s, idx);
    if (level == 1 && m->root == pidx && pidx >= 0 && e && !strcmp(e->name, "command"))
        s->command_seen = 1;
}

static void on_end(GMarkupParseContext *ctx, const gchar *name, gpointer ud, GError **err)
{
    (void)ctx;
    (void)err;
    (void)name;
    cap_decode_state *s = ud;
    uint32_t pos = cur_off(s);
    s->last_pos = pos;
    if (!s->depth)
        return;
    unsigned level = --s->depth;
    if (level == s->skip_below)
        s->skip_below = UINT_MAX;
    if (level == 0)
        s->root_closed = 1;
    if (level >= CAP_MAX_DEPTH || s->stack[level] < 0)
        return;
    int idx = s->stack[level];
    cap_item *it = &s->items[idx];
    it->length = pos - it->offset;
    if (it->flags & (CAP_IF_HAS_CHILDREN | CAP_IF_SKIPPED))
        return;
    if (!it->value) {
        it->value = "";
        it->value_len = 0;
        it->value_raw_len = 0;
    }
    if (it->elem)
        check_value(s, idx, it->elem->enm);
}

static void on_text(GMarkupParseContext *ctx, const gchar *text, gsize len, gpointer ud,
                    GError **err)
{
    (void)ctx;
    (void)err;
    cap_decode_state *s = ud;
    uint32_t pos = cur_off(s);
    uint32_t start = s->last_pos;
    s->last_pos = pos;
    if (!len || !s->depth)
        return;
    unsigned level = s->depth - 1;
    if (level >= CAP_MAX_DEPTH || level >= s->skip_below || s->stack[level] < 0)
        return;
    int idx = s->stack[level];
    cap_item *it = &s->items[idx];
    if (!(it->flags & CAP_IF_HAS_CHILDREN)) {
        if (!it->value) {
            it->value = arena_copy(s, text, len);
            it->value_len = it->value ? (uint32_t)len : 0;
            it->value_offset = start;
            it->value_raw_len = pos - start;
        } else if (it->value + it->value_len + 1 == s->arena + s->arena_used &&
                   s->arena_size - s->arena_used >= len) {
            /* a second piece (after a comment or a CDATA section) */
            char *d = s->arena + s->arena_used - 1;
            memcpy(d, text, len);
            d[len] = '\0';
            s->arena_used += len;
            it->value_len += (uint32_t)len;
            it->value_raw_len = pos - it->value_offset;
        }
        return;
    }
    if (all_ws(text, len))
        return;
    int t = new_item(s, CAP_ITEM_TEXT, start);
    if (t < 0)
        return;
    cap_item *ti = &s->items[t];
    it = &s->items[idx];
    ti->depth = (uint16_t)(level + 1);
    ti->parent = idx;
    ti->elem = it->elem;
    ti->value = arena_copy(s, text, len);
    ti->value_len = ti->value ? (uint32_t)len : 0;
    ti->value_offset = start;
    ti->value_raw_len = pos - start;
    ti->length = pos - start;
    text_diag(s, B(s, start), t, text, len, it->name);
}

static void on_passthrough(GMarkupParseContext *ctx, const gchar *text, gsize len,
                           gpointer ud, GError **err)
{
    (void)ctx;
    (void)err;
    cap_decode_state *s = ud;
    uint32_t start = s->last_pos;
    s->last_pos = cur_off(s);
    /* <?xml version="1.0" encoding="..."?>: GMarkup reads UTF-8 only */
    if (len > 5 && !memcmp(text, "<?xml", 5) && is_ws(text[5])) {
        const char *enc = g_strstr_len(text, (gssize)len, "encoding");
        if (enc) {
            const char *q = enc + 8;
            const char *end = text + len;
            while (q < end && (is_ws(*q) || *q == '='))
                q++;
            if (q < end && (*q == '"' || *q == '\'')) {
                char quote = *q++;
                const char *qe = memchr(q, quote, (size_t)(end - q));
                if (qe && !((qe - q == 5 && !g_ascii_strncasecmp(q, "UTF-8", 5)) ||
                            (qe - q == 4 && !g_ascii_strncasecmp(q, "UTF8", 4))))
                    diag(s->m, CAP_SEV_NOTE, B(s, start), -1,
                         "encoding \"%.*s\": decoded as UTF-8", (int)(qe - q), q);
            }
        }
    }
}

static const GMarkupParser parser = { on_start, on_end, on_text, on_passthrough, NULL };

/* ------------------------------------------------------------------------ */

void cap_msg_init(cap_msg *m)
{
    memset(m, 0, sizeof *m);
    m->root = -1;
    m->st = g_new0(cap_decode_state, 1);
}

const char *cap_msg_arena(const cap_msg *m, size_t *used)
{
    *used = m->st ? m->st->arena_used : 0;
    return m->st ? m->st->arena : NULL;
}

void cap_msg_free(cap_msg *m)
{
    if (!m->st)
        return;
    if (m->st->ctx)
        g_markup_parse_context_free(m->st->ctx);
    g_free(m->st->items);
    g_free(m->st->arena);
    g_free(m->st);
    memset(m, 0, sizeof *m);
    m->root = -1;
}

/* Strip GMarkup's "Error on line N char M: " (or "Error on line N: "),
 * whatever the language: the text before the first ": " when it is short,
 * holds a number and no quote. */
static const char *strip_position(const char *msg)
{
    const char *colon = strstr(msg, ": ");
    if (!colon || colon - msg > 60)
        return msg;
    int digit = 0;
    for (const char *p = msg; p < colon; p++) {
        if (*p == '"' || *p == '\'' || (unsigned char)*p >= 0x80)
            return msg;
        digit |= g_ascii_isdigit(*p);
    }
    return digit ? colon + 2 : msg;
}

/* The document is not well-formed at off (in doc): message is GMarkup's
 * (its position prefix stripped) or ours. */
static void xml_error(cap_decode_state *s, uint32_t off, const char *message, int gmarkup)
{
    cap_msg *m = s->m;
    /* line and column within the caller's buffer */
    const char *buf = (const char *)m->buf;
    uint32_t abs = B(s, off);
    unsigned ln = 1;
    uint32_t ls = 0;
    for (uint32_t i = 0; i < abs; i++)
        if (buf[i] == '\n') {
            ln++;
            ls = i + 1;
        }
    unsigned col = 1;
    for (uint32_t i = ls; i < abs; i++)
        if (((unsigned char)buf[i] & 0xC0) != 0x80)
            col++;
    m->xml_error = 1;
    m->xml_error_offset = abs;
    m->xml_error_line = ln;
    m->xml_error_column = col;
    g_strlcpy(m->xml_error_text, gmarkup ? strip_position(message) : message,
              sizeof m->xml_error_text);
    diag(m, CAP_SEV_ERROR, abs, -1, "not well-formed XML at line %u column %u: %s", ln, col,
         m->xml_error_text);
    /* GMarkup hands text out when the next markup starts: the text of a
     * leaf element cut short is taken raw (entities not resolved) */
    if (s->depth && s->depth <= CAP_MAX_DEPTH && s->stack[s->depth - 1] >= 0 &&
        off > s->last_pos && !memchr(s->doc + s->last_pos, '<', off - s->last_pos)) {
        cap_item *it = &s->items[s->stack[s->depth - 1]];
        if (!(it->flags & (CAP_IF_HAS_CHILDREN | CAP_IF_SKIPPED)) && !it->value) {
            it->value = arena_copy(s, s->doc + s->last_pos, off - s->last_pos);
            it->value_len = it->value ? off - s->last_pos : 0;
            it->value_offset = s->last_pos;
            it->value_raw_len = it->value_len;
        }
    }
    /* what was open stays open */
    unsigned open = s->depth < CAP_MAX_DEPTH ? s->depth : CAP_MAX_DEPTH;
    for (unsigned k = 0; k < open; k++) {
        int idx = s->stack[k];
        if (idx < 0)
            continue;
        cap_item *it = &s->items[idx];
        it->flags |= CAP_IF_UNCLOSED;
        it->length = off > it->offset ? off - it->offset : 0;
    }
    /* GMarkup cannot go on after an error */
    g_markup_parse_context_free(s->ctx);
    s->ctx = NULL;
}

int cap_decode(const uint8_t *buf, size_t len, cap_msg *m)
{
    if (!m->st)
        cap_msg_init(m);
    cap_decode_state *s = m->st;
    /* reset the result, keep the buffers */
    m->proto = CAP_DOC_NONE;
    m->protocol = m->version = m->command_type = NULL;
    m->command = NULL;
    m->root = -1;
    m->n_items = m->items_dropped = 0;
    m->n_diags = m->diags_dropped = m->max_sev_plus1 = 0;
    m->xml_error = 0;
    m->xml_error_offset = 0;
    m->xml_error_line = m->xml_error_column = 0;
    m->xml_error_text[0] = '\0';
    m->buf = buf;
    m->len = len;
    m->items = s->items;
    s->m = m;

    if (len > UINT32_MAX / 4) {
        diag(m, CAP_SEV_ERROR, 0, -1, "document of %zu bytes is too large to decode", len);
        return -1;
    }
    /* Leading whitespace and a UTF-8 BOM are not part of the markup; GMarkup
     * would count a leading newline wrongly and, in a reused context, take a
     * BOM for text.  Trailing whitespace is dropped too. */
    size_t a = 0, z = len;
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
        a = 3;
    while (a < z && is_ws((char)buf[a]))
        a++;
    while (z > a && is_ws((char)buf[z - 1]))
        z--;
    if (a == z) {
        diag(m, CAP_SEV_ERROR, 0, -1, "empty document (%zu bytes of whitespace)", len);
        return -1;
    }
    s->doc = (const char *)buf + a;
    s->len = (uint32_t)(z - a);
    s->base = (uint32_t)a;
    size_t need = 3 * (size_t)s->len + 64;
    if (s->arena_size < need) {
        g_free(s->arena);
        s->arena_size = need < 4096 ? 4096 : need;
        s->arena = g_malloc(s->arena_size);
    }
    s->arena_used = 0;
    s->nl_count = 0;
    s->nl_pos = s->nl_scan = 0;
    s->last_pos = 0;
    s->depth = 0;
    s->skip_below = UINT_MAX;
    s->root_seen = s->root_closed = s->command_seen = 0;
    s->after_root_reported = s->depth_reported = 0;

    if (!s->ctx)
        s->ctx = g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, s, NULL);
    g_markup_parse_context_get_position(s->ctx, &s->base_line, &s->base_char);

    /* GMarkup takes UTF-8 only, and GLib 2.74 goes on parsing after some
     * invalid UTF-8 (then sets a second error over the first, with a
     * warning): give it only the valid part and report the rest here. */
    const char *valid_end = NULL;
    uint32_t feed = s->len;
    if (!utf8_valid(s->doc, s->len, &valid_end))
        feed = (uint32_t)(valid_end - s->doc);
    /* end_parse reports what is still open; it also frees GMarkup's text
     * buffer, which the next document would allocate again.  When the last
     * callback ended at the last byte with no element open, GMarkup is
     * between documents: nothing to report, the buffer is kept. */
    GError *e = NULL;
    int ok = g_markup_parse_context_parse(s->ctx, s->doc, (gssize)feed, &e);
    if (ok && feed == s->len && !(s->depth == 0 && s->root_seen && s->last_pos == s->len))
        ok = g_markup_parse_context_end_parse(s->ctx, &e);
    if (!ok) {
        int line = 0, chr = 0;
        g_markup_parse_context_get_position(s->ctx, &line, &chr);
        xml_error(s, pos_to_off(s, line, chr), e->message, 1);
        g_error_free(e);
    } else if (feed < s->len) {
        char text[96];
        snprintf(text, sizeof text, "Invalid UTF-8 encoded text: byte 0x%02x",
                 (unsigned char)s->doc[feed]);
        xml_error(s, feed, text, 0);
    }
    m->items = s->items;
    /* items were placed within the markup; report them within the buffer */
    if (s->base)
        for (unsigned i = 0; i < m->n_items; i++) {
            s->items[i].offset += s->base;
            s->items[i].value_offset += s->base;
        }

    if (!m->xml_error) {
        if (!s->root_seen)
            diag(m, CAP_SEV_ERROR, B(s, 0), -1, "no root element");
        else if (m->root >= 0 && m->proto != CAP_DOC_OCI && !s->command_seen)
            diag(m, CAP_SEV_ERROR, m->items[m->root].offset, m->root,
                 "<BroadsoftDocument> has no <command>");
    }
    return m->max_sev_plus1 > CAP_SEV_NOTE + 1 ? -1 : 0;
}

/* ------------------------------------------------------------------------ */

const char *cap_severity_name(cap_severity sev)
{
    switch (sev) {
    case CAP_SEV_NOTE: return "note";
    case CAP_SEV_WARN: return "warning";
    case CAP_SEV_ERROR: return "error";
    }
    return "?";
}

const char *cap_doc_proto_name(cap_doc_proto p)
{
    switch (p) {
    case CAP_DOC_NONE: return "none";
    case CAP_DOC_CAP: return "CAP";
    case CAP_DOC_OCI: return "OCI";
    case CAP_DOC_OTHER: return "other";
    }
    return "?";
}

unsigned cap_item_roles(const cap_item *it)
{
    if (it->kind == CAP_ITEM_ATTRIBUTE)
        return it->attr ? it->attr->roles : 0;
    if (it->kind == CAP_ITEM_ELEMENT)
        return it->elem ? it->elem->roles : 0;
    return 0;
}

const char *cap_item_field(const cap_item *it)
{
    if (it->kind == CAP_ITEM_ATTRIBUTE)
        return it->attr ? it->attr->field : NULL;
    if (it->kind == CAP_ITEM_ELEMENT)
        return it->elem ? it->elem->field : NULL;
    return NULL;
}

int cap_find_role(const cap_msg *m, unsigned roles, int from)
{
    for (unsigned i = from < 0 ? 0 : (unsigned)from; i < m->n_items; i++)
        if ((cap_item_roles(&m->items[i]) & roles) && m->items[i].value)
            return (int)i;
    return -1;
}

const char *cap_role_value(const cap_msg *m, unsigned roles)
{
    for (int i = cap_find_role(m, roles, 0); i >= 0; i = cap_find_role(m, roles, i + 1))
        if (*m->items[i].value)
            return m->items[i].value;
    return NULL;
}

/* ccx_decode.c - table-driven decoder for one CCX CTI message.
 *
 * Every read goes through the bounds of the message; nothing is allocated.
 * Problems become diagnostics naming the field and the offset, and decoding
 * goes on: reserved and unknown things are skipped by their lengths, the way
 * chapter 11 ("Handling Reserved Messages and Reserved Fields") tells
 * clients to.
 */
#include "ccx_decode.h"
#include "ccx_facts.h"
#include "ccx_table_internal.h"
#include "small_mem.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

/* Combined limit of NamedVariable + NamedArray data (Tables 186-187). */
#define CCX_NAMED_TOTAL_MAX 2000u

static void diag(ccx_msg *m, ccx_severity sev, uint32_t off, int field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void diag(ccx_msg *m, ccx_severity sev, uint32_t off, int field, const char *fmt, ...)
{
    if (m->max_sev_plus1 < (unsigned)sev + 1)
        m->max_sev_plus1 = (unsigned)sev + 1;
    if (!cti_diag_make_room(m->diags, sizeof m->diags[0], offsetof(ccx_diag, sev), &m->n_diags,
                            CCX_MAX_DIAGS, (int)sev, &m->diags_dropped))
        return;
    ccx_diag *d = &m->diags[m->n_diags++];
    d->sev = sev;
    d->offset = off;
    d->field = field;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->text, sizeof d->text, fmt, ap);
    va_end(ap);
}

static const char *fname(int field)
{
    return field >= 0 && field < CCXF_COUNT ? ccx_fields[field].name : "?";
}

/* The field entry's layout is chosen to stay small (see ccx_decode.h). */
_Static_assert(sizeof(ccx_decoded_field) <= 64, "ccx_decoded_field grew past a cache line: check its members");
/* its 16-bit offsets and lengths hold any position in a message */
_Static_assert(CCX_HEADER_LEN + CCX_MAX_BODY <= 0xFFFF, "ccx_decoded_field offsets are 16 bits");
/* ccx_msg's head and its members by name are the same bytes */
_Static_assert(offsetof(ccx_msg, max_sev_plus1) == offsetof(ccx_msg, head) +
               offsetof(ccx_msg_head, max_sev_plus1), "ccx_msg's head is laid out as ccx_msg_head");

int ccx_dtype_is_int(ccx_dtype t)
{
    return ccx_dtype_size(t) != 0;
}

/* The big-endian number in the n bytes at p (n at most 4). */
static inline uint32_t read_be(const uint8_t *p, uint32_t n)
{
    if (n == 4)
        return ccx_be32(p);
    if (n == 2)
        return (uint32_t)(p[0] << 8 | p[1]);
    if (n == 1)
        return p[0];
    uint32_t u = 0;
    for (uint32_t k = 0; k < n; k++)
        u = u << 8 | p[k];
    return u;
}

/* A fixed-part integer as cfix.rd says: its raw bits in *u and its signed
 * reading in *i.  0 when rd says it is not one (not valid). */
static inline int read_fixed(int rd, const uint8_t *p, uint32_t *u, int32_t *i)
{
    switch (rd) {
    case 0:  return 0;
    case 1:  *u = p[0]; *i = (int32_t)*u; break;
    case -1: *u = p[0]; *i = (int8_t)*u; break;
    case 2:  *u = (uint32_t)(p[0] << 8 | p[1]); *i = (int32_t)*u; break;
    case -2: *u = (uint32_t)(p[0] << 8 | p[1]); *i = (int16_t)*u; break;
    default: *u = ccx_be32(p); *i = (int32_t)*u; break;
    }
    return 1;
}

/* The signed reading of u, an integer of type t read whole. */
static inline int32_t signed_of(ccx_dtype t, uint32_t u)
{
    return t == CCX_CHAR ? (int8_t)u : t == CCX_SHORT ? (int16_t)u : (int32_t)u;
}

uint32_t ccx_min_fixed_len(const ccx_msg_def *m)
{
    ccx_table_init();
    return ccx_msg_info_of(m)->fixed_min;
}

/* Do the floating fields tile [pos, end) exactly? */
static int floating_tiles(const uint8_t *buf, uint32_t pos, uint32_t end)
{
    while (pos < end) {
        if (end - pos < 2)
            return 0;
        uint32_t l = buf[pos + 1];
        if (l > end - pos - 2)
            return 0;
        pos += 2 + l;
    }
    return 1;
}

/* Length of the fixed part for version v (0 = every field). */
static uint32_t fixed_len_for(const ccx_msg_def *d, unsigned v)
{
    uint32_t n = 0;
    for (size_t i = 0; i < d->n_fixed; i++)
        if (!d->fixed[i].min_version || v == 0 || v >= d->fixed[i].min_version)
            n += d->fixed[i].size;
    return n;
}

/* Choose the protocol version to decode the fixed part with.  Version-gated
 * fixed fields shift the floating part, so when the session's version is
 * unknown the tiling of the floating part decides. */
static unsigned choose_version(const ccx_msg_def *d, const ccx_msg_info *in, const uint8_t *buf,
                               uint32_t end, unsigned version)
{
    if (version || !in->gate)
        return version;
    uint32_t with = CCX_HEADER_LEN + in->fixed_all;
    if (with <= end && floating_tiles(buf, with, end))
        return 0;
    /* Without the gated fields: pretend to be the version just below. */
    uint32_t without = CCX_HEADER_LEN + fixed_len_for(d, in->gate - 1);
    if (without <= end && floating_tiles(buf, without, end))
        return in->gate - 1;
    return 0;
}

/* ---- the compact form: one definition of its records ---- */

/* The record of a valid field, before its value: every other member 0. */
static inline void compact_head(ccx_field_value *g, int field, ccx_dtype type, unsigned ref_no,
                                unsigned instance)
{
    *g = (ccx_field_value){ .field = (int16_t)field, .type = (uint8_t)type, .ref_no = (uint8_t)ref_no,
                       .instance = (uint16_t)instance };
}

/* STRING: the text before the NUL, at off in the message. */
static inline void compact_string(ccx_field_value *g, uint32_t off, uint32_t len)
{
    g->off = (uint16_t)off;
    g->len = (uint16_t)len;
}

/* NAMEDVAR, NAMEDARRAY: the name and the value, at offsets in the message. */
static inline void compact_named(ccx_field_value *g, uint8_t index, uint32_t name_off, uint32_t name_len,
                                 uint32_t value_off, uint32_t value_len)
{
    g->nv_index = index;
    g->off = (uint16_t)name_off;
    g->len = (uint16_t)name_len;
    g->v.val.off = (uint16_t)value_off;
    g->v.val.len = (uint16_t)value_len;
}

/* An integer: its raw bits. */
static inline void compact_int(ccx_field_value *g, uint32_t u)
{
    g->v.u = u;
}

/* ---- what is built once per ccx_field_filter ---- */

/* The fixed part of every message as decoded entries, built once: a whole
 * fixed part (the common case) is a copy of its template plus the values.
 * A template lists every fixed field, or (ccx_field_filter) those a reader wants
 * and the count fields.  Per entry: f, the full sink's entry; c, where its
 * value is, how to read it and the compact sink's record. */
typedef struct cfix {
    ccx_field_value proto;   /* the compact record, value 0 */
    uint16_t offset;    /* of the value in the message */
    int8_t rd;          /* how to read it: 0 not an integer of its size (not valid),
                           else the size, negated for signed types */
    int8_t group;       /* the count group the field counts, or -1 */
    uint8_t listed;     /* the compact form lists it (the keep wants it) */
} cfix;

typedef struct fixed_tmpl {
    unsigned n;
    ccx_decoded_field *f;
    cfix *c;
} fixed_tmpl;

struct ccx_field_filter {
    fixed_tmpl *t;   /* [ccx_n_messages] */
    uint8_t want[CCXF_COUNT];   /* the fields the compact form lists */
};

/* The entry of fixed ref r at offset pos, before its value is read. */
static void fixed_entry(ccx_decoded_field *f, const ccx_field_ref *r, size_t j, uint32_t pos)
{
    f->ref_no = (uint8_t)(1 + j);
    f->kind = CCX_D_FIXED;
    f->field = (int)r->field;
    f->ref = r;
    f->type = r->type;
    f->item_offset = f->offset = pos;
    f->length = r->size;
}

/* keep: 1 per CCXF_* to list, or NULL for all. */
static fixed_tmpl *templates_new(const uint8_t *keep)
{
    ccx_table_init();
    fixed_tmpl *tmpl = g_new0(fixed_tmpl, ccx_n_messages);
    for (size_t k = 0; k < ccx_n_messages; k++) {
        const ccx_msg_def *d = &ccx_messages[k];
        const ccx_msg_info *in = ccx_msg_info_of(d);
        fixed_tmpl *t = &tmpl[k];
        t->f = g_new0(ccx_decoded_field, d->n_fixed ? d->n_fixed : 1);
        t->c = g_new0(cfix, d->n_fixed ? d->n_fixed : 1);
        uint32_t pos = CCX_HEADER_LEN;
        for (size_t i = 0; i < d->n_fixed; i++) {
            const ccx_field_ref *r = &d->fixed[i];
            uint32_t at = pos;
            pos += r->size;
            if (keep && !keep[r->field] && in->fixed_group[i] < 0)
                continue;
            fixed_entry(&t->f[t->n], r, i, at);
            int sz = (int)ccx_dtype_size(r->type);
            int sgn = r->type == CCX_CHAR || r->type == CCX_SHORT || r->type == CCX_INT;
            cfix *c = &t->c[t->n];
            compact_head(&c->proto, (int)r->field, r->type, 1 + i, 0);
            c->offset = (uint16_t)at;
            c->rd = (int8_t)(sz == (int)r->size ? (sgn ? -sz : sz) : 0);
            c->group = in->fixed_group[i];
            c->listed = !keep || keep[r->field];
            t->n++;
        }
    }
    return tmpl;
}

static void templates_free(fixed_tmpl *tmpl)
{
    for (size_t k = 0; tmpl && k < ccx_n_messages; k++) {
        g_free(tmpl[k].f);
        g_free(tmpl[k].c);
    }
    g_free(tmpl);
}

static const ccx_field_filter *keep_all(void)
{
    static ccx_field_filter all;
    static gsize once;
    if (g_once_init_enter(&once)) {
        all.t = templates_new(NULL);
        memset(all.want, 1, sizeof all.want);
        g_once_init_leave(&once, 1);
    }
    return &all;
}

ccx_field_filter *ccx_field_filter_new(const uint8_t *keep)
{
    ccx_field_filter *k = g_new0(ccx_field_filter, 1);
    k->t = templates_new(keep);
    memcpy(k->want, keep, sizeof k->want);
    return k;
}

void ccx_field_filter_free(ccx_field_filter *k)
{
    if (!k)
        return;
    templates_free(k->t);
    g_free(k);
}

/* ---- one walk, two sinks ----
 *
 * The walk reads a message once and makes every check and every decision
 * about a problem in one place; what it writes depends on its sink:
 *
 * SINK_FULL (ccx_decode_some): every entry as a ccx_decoded_field and every problem
 * as a diagnostic, into a ccx_msg; decoding goes on past problems.
 *
 * SINK_COMPACT (ccx_decode_compact): the compact records of the wanted
 * fields, for a message with no problem worse than a note.  At the first
 * warning or error it gives up, and so it does where only the full sink
 * shows the message as it is (a type without a body definition, a fixed
 * part of an older protocol version or cut short, more records than the
 * caller has room for): the caller then runs the full sink, which says
 * what is wrong.
 *
 * The walk's functions are inlined into both entry points with the sink a
 * constant, so each entry point is compiled for its own sink. */
typedef enum sink { SINK_FULL, SINK_COMPACT } sink;

#define WALK static inline __attribute__((always_inline))

/* What a walk function returns when the compact sink gives up. */
#define GIVE_UP (-1)

/* The count fields met, per count group of the message: the first valid
 * occurrence (its value, offset and field) and how many there were. */
typedef struct counts {
    unsigned times[CCX_MAX_COUNT_GROUPS];
    uint32_t u[CCX_MAX_COUNT_GROUPS];
    uint32_t offset[CCX_MAX_COUNT_GROUPS];
    int field[CCX_MAX_COUNT_GROUPS];
} counts;

typedef struct walk {
    const uint8_t *buf;
    uint32_t end;               /* of the body, within what the caller has */
    const ccx_msg_def *d;       /* NULL until the header is read */
    const ccx_msg_info *in;
    const ccx_field_filter *keep;
    unsigned version;           /* the one the fixed part is decoded for */
    uint32_t fixed_end;
    counts cs;
    ccx_msg_head *h;            /* the message's head, which both sinks fill */
    ccx_msg *m;                 /* SINK_FULL: the result (h is its head) */
    ccx_field_value *out;            /* SINK_COMPACT: room records, n of them written */
    unsigned room, n;
    unsigned entries;           /* SINK_COMPACT: the entries the full sink would make */
} walk;

/* A problem the walk found: the full sink records it; the compact sink
 * gives up on anything worse than a note (the arguments are then not
 * evaluated).  True when the walk must give up. */
#define PROBLEM(K, w, sev, off, field, ...)                                   \
    ((K) == SINK_COMPACT ? (sev) > CCX_SEV_NOTE                               \
                         : (diag((w)->m, (sev), (off), (field), __VA_ARGS__), 0))

static inline void count_seen(counts *cs, int group, uint32_t u, uint32_t off, int field)
{
    if (cs->times[group]++ == 0) {
        cs->u[group] = u;
        cs->offset[group] = off;
        cs->field[group] = field;
    }
}

/* One more entry at off, *n entries made so far?  Past CCX_MAX_FIELDS
 * entries the rest of the body is reported, once, and not decoded.
 * 1: counted; 0: no room; GIVE_UP. */
WALK int entry_room(sink K, walk *w, unsigned *n, uint32_t off)
{
    if (*n < CCX_MAX_FIELDS) {
        (*n)++;
        return 1;
    }
    if (*n == CCX_MAX_FIELDS) {
        if (PROBLEM(K, w, CCX_SEV_ERROR, off, -1,
                    "more than %d fields in one message: the rest of the body is not decoded",
                    CCX_MAX_FIELDS))
            return GIVE_UP;
        (*n)++;   /* report once */
    }
    return 0;
}

/* The full sink's entry that entry_room just counted, blank. */
static inline __attribute__((always_inline)) ccx_decoded_field *new_entry(ccx_msg *m)
{
    /* A fixed-size copy of a template compiles to a few vector stores;
     * memset's rep stos costs more than the whole field decode. */
    static const ccx_decoded_field blank = { .field = -1 };
    ccx_decoded_field *f = &m->fields[m->n_fields - 1];
    memcpy(f, &blank, sizeof *f);
    return f;
}

/* The full sink's entry for len bytes at off that cannot be decoded. */
static void raw_entry(walk *w, uint32_t off, uint32_t len, int valid)
{
    if (entry_room(SINK_FULL, w, &w->m->n_fields, off) <= 0)
        return;
    ccx_decoded_field *f = new_entry(w->m);
    f->kind = CCX_D_RAW;
    f->type = CCX_UNSPEC;
    f->item_offset = f->offset = (uint16_t)off;
    f->length = (uint16_t)len;
    f->data = w->buf + off;
    f->valid = (uint8_t)valid;
}

/* A whole fixed part (every field of the latest version present): the
 * template's entries and their values. */
WALK int walk_fixed_whole(sink K, walk *w, const fixed_tmpl *t)
{
    ccx_decoded_field *f = NULL;
    unsigned n = 0;   /* the compact sink's records */
    if (K == SINK_FULL) {
        f = w->m->fields;
        w->m->n_fields = t->n;
    } else {
        if (t->n > w->room)
            return GIVE_UP;
        w->entries = t->n;
    }
    const ccx_decoded_field *tf = t->f;
    for (const cfix *c = t->c, *ce = c + t->n; c < ce; c++) {
        const uint8_t *p = w->buf + c->offset;
        if (K == SINK_FULL) {
            *f = *tf++;   /* a fixed-size copy: vector moves, no memcpy call */
            f->data = p;
        }
        uint32_t u;
        int32_t i;
        if (read_fixed(c->rd, p, &u, &i)) {
            if (K == SINK_FULL) {
                f->u = u;
                f->i = i;
                f->valid = 1;
            } else {
                w->out[n] = c->proto;
                compact_int(&w->out[n], u);
                n += c->listed;
            }
            if (c->group >= 0)
                count_seen(&w->cs, c->group, u, c->offset, c->proto.field);
        }
        if (K == SINK_FULL)
            f++;
    }
    w->n = n;
    w->fixed_end = w->h->fixed_end = CCX_HEADER_LEN + w->in->fixed_all;
    return 0;
}

/* A fixed part that is not whole (an older protocol version's, or cut
 * short), for the full sink only.  Returns 0, or -1 when the body ends
 * inside a non-gated fixed field (the floating part then cannot be placed
 * and is not looked for). */
static int decode_fixed_part(walk *w)
{
    ccx_msg *m = w->m;
    const ccx_msg_def *d = w->d;
    uint32_t pos = CCX_HEADER_LEN, end = w->end;
    for (size_t i = 0; i < d->n_fixed; i++) {
        const ccx_field_ref *r = &d->fixed[i];
        if (r->min_version && w->version && w->version < r->min_version)
            continue;
        if (end - pos < r->size) {
            if (r->min_version) {
                diag(m, CCX_SEV_NOTE, pos, (int)r->field,
                     "fixed part ends before %s (protocol version %u and later): "
                     "an older protocol version", fname((int)r->field), r->min_version);
            } else {
                diag(m, CCX_SEV_ERROR, pos, (int)r->field,
                     "fixed part truncated: %s needs %u bytes, %u left in the body",
                     fname((int)r->field), r->size, end - pos);
            }
            /* The rest of the body cannot be placed: show it raw. */
            if (pos < end)
                raw_entry(w, pos, end - pos, 0);
            w->fixed_end = end;
            return r->min_version ? 0 : -1;
        }
        if (entry_room(SINK_FULL, w, &m->n_fields, pos) <= 0)
            return -1;
        ccx_decoded_field *f = new_entry(m);
        fixed_entry(f, r, i, pos);
        f->data = w->buf + pos;
        if (ccx_dtype_size(r->type) == r->size) {
            f->u = read_be(f->data, r->size);
            f->i = signed_of(r->type, f->u);
            f->valid = 1;
            if (w->in->fixed_group[i] >= 0 && ccx_dtype_is_int(r->type))
                count_seen(&w->cs, w->in->fixed_group[i], f->u, pos, (int)r->field);
        }
        pos += r->size;
    }
    w->fixed_end = pos;
    return 0;
}

/* The first NUL in [p, p + n): device ids and names are a few bytes, for
 * which a loop beats a call to memchr. */
static const uint8_t *find_nul(const uint8_t *p, size_t n)
{
    if (n > 32)
        return memchr(p, 0, n);
    for (size_t i = 0; i < n; i++)
        if (!p[i])
            return p + i;
    return NULL;
}

/* STRING: the value up to the NUL; the spec's maximum includes the NUL.
 * f (full sink) or g (compact sink) is the entry. */
WALK int walk_string(sink K, walk *w, ccx_decoded_field *f, ccx_field_value *g, uint32_t item, uint32_t at,
                     uint32_t flen, int field)
{
    const uint8_t *p = w->buf + at;
    uint32_t str_len;
    if (flen == 0) {
        str_len = 0;   /* zero-length strings occur (ClientID, ClientPassword) */
    } else if (!p[flen - 1] && !cts_has_nul(p, flen - 1)) {
        str_len = flen - 1;   /* the NUL last, as it should be */
    } else {
        const uint8_t *nul = find_nul(p, flen);
        if (!nul) {
            str_len = flen;
            if (PROBLEM(K, w, CCX_SEV_WARN, item, field,
                        "STRING of %u bytes has no NUL terminator", flen))
                return GIVE_UP;
        } else {
            str_len = (uint32_t)(nul - p);
            if (PROBLEM(K, w, CCX_SEV_WARN, item, field,
                        "%u bytes after the NUL terminator", flen - str_len - 1))
                return GIVE_UP;
        }
    }
    if (K == SINK_FULL) {
        f->str_len = (uint16_t)str_len;
        f->valid = 1;
    } else {
        compact_string(g, at, str_len);
    }
    return 0;
}

/* NAMEDVAR: name NUL value NUL; NAMEDARRAY: index byte first (Tables
 * 186-187: the name at most 33 bytes and the value 211, NULs included). */
#define NV_NAME_MAX 33u
#define NV_VALUE_MAX 211u

static uint32_t named_min(ccx_dtype t)
{
    return t == CCX_NAMEDARRAY ? 4 : 3;
}

/* The parts of a named value of n bytes at p. */
typedef struct nv_parts {
    uint8_t index;             /* NAMEDARRAY */
    int nuls;                  /* NUL terminators found: 0, 1 or 2 */
    const uint8_t *name, *value, *end;
    uint32_t name_len, value_len;
    const uint8_t *nul2;       /* the value's NUL (nuls == 2) */
} nv_parts;

/* -1: a NAMEDARRAY without its index byte. */
static inline int named_split(const uint8_t *p, uint32_t n, ccx_dtype type, nv_parts *v)
{
    v->index = 0;
    if (type == CCX_NAMEDARRAY) {
        if (n < 1)
            return -1;
        v->index = p[0];
        p++;
        n--;
    }
    v->end = p + n;
    const uint8_t *nul1 = find_nul(p, n);
    v->nul2 = nul1 ? find_nul(nul1 + 1, (size_t)(p + n - nul1 - 1)) : NULL;
    v->nuls = !nul1 ? 0 : !v->nul2 ? 1 : 2;
    v->name = p;
    v->name_len = nul1 ? (uint32_t)(nul1 - p) : n;
    v->value = nul1 ? nul1 + 1 : p + n;
    v->value_len = !nul1 ? 0 : v->nul2 ? (uint32_t)(v->nul2 - nul1 - 1) : (uint32_t)(p + n - nul1 - 1);
    return 0;
}

/* NAMEDVAR, NAMEDARRAY.  f (full sink) or g (compact sink) is the entry. */
WALK int walk_named(sink K, walk *w, ccx_decoded_field *f, ccx_field_value *g, ccx_dtype type, uint32_t item,
                    uint32_t at, uint32_t flen, int field)
{
    nv_parts v;
    if (named_split(w->buf + at, flen, type, &v) < 0)
        return PROBLEM(K, w, CCX_SEV_ERROR, item, field, "empty: no VariableIndex") ? GIVE_UP : 0;
    if (K == SINK_FULL) {
        f->nv_index = v.index;
        f->nv_name = v.name;
        f->nv_name_len = (uint16_t)v.name_len;
        f->nv_value = v.value;
        f->nv_value_len = (uint16_t)v.value_len;
        f->valid = 1;
    } else {
        compact_named(g, v.index, (uint32_t)(v.name - w->buf), v.name_len,
                      (uint32_t)(v.value - w->buf), v.value_len);
    }
    if (v.nuls < 2)   /* what can be shown is shown: the name part */
        return PROBLEM(K, w, CCX_SEV_ERROR, item, field,
                       "%s of %u bytes lacks its two NUL terminators (found %d)",
                       ccx_dtype_name(type), flen, v.nuls) ? GIVE_UP : 0;
    if (v.nul2 != v.end - 1 &&
        PROBLEM(K, w, CCX_SEV_WARN, item, field, "%u bytes after the value's NUL terminator",
                (uint32_t)(v.end - v.nul2 - 1)))
        return GIVE_UP;
    if (flen < named_min(type) &&
        PROBLEM(K, w, CCX_SEV_WARN, item, field, "length %u is below the minimum %u", flen,
                named_min(type)))
        return GIVE_UP;
    if (v.name_len + 1 > NV_NAME_MAX &&
        PROBLEM(K, w, CCX_SEV_WARN, item, field, "VariableName of %u bytes exceeds %u (NUL included)",
                v.name_len + 1, NV_NAME_MAX))
        return GIVE_UP;
    if (v.value_len + 1 > NV_VALUE_MAX &&
        PROBLEM(K, w, CCX_SEV_WARN, item, field,
                "VariableValue of %u bytes exceeds %u (NUL included)", v.value_len + 1,
                NV_VALUE_MAX))
        return GIVE_UP;
    return 0;
}

/* An integer field of the type's size, or of the spec's own maximum when
 * that differs, up to 4 bytes (AutoWork: BOOL, maximum 4), read as one
 * big-endian number.  r: the message's ref, NULL for a foreign field. */
WALK int walk_int(sink K, walk *w, ccx_decoded_field *f, ccx_field_value *g, const ccx_field_ref *r,
                  ccx_dtype type, uint32_t item, uint32_t at, uint32_t flen, int field, int group)
{
    unsigned sz = ccx_dtype_size(type);
    if (flen != sz && !(r && flen == r->size && flen <= 4))
        return PROBLEM(K, w, CCX_SEV_ERROR, item, field, "%s needs %u bytes, length is %u",
                       ccx_dtype_name(type), sz, flen) ? GIVE_UP : 0;
    uint32_t u = read_be(w->buf + at, flen);
    if (K == SINK_FULL) {
        f->u = u;
        f->i = flen == sz ? signed_of(type, u) : (int32_t)u;
        f->valid = 1;
    } else {
        compact_int(g, u);
    }
    if (group >= 0)
        count_seen(&w->cs, group, u, at, field);
    return 0;
}

/* Required fields present?  A required field of a counted group (CSQID per
 * NumCSQs) is required once per count, which may be 0: the count check
 * covers it.  The required floating ref of req's lowest bit, when seen
 * says it is absent and version does not excuse it; else NULL. */
static const ccx_field_ref *missing_required(const ccx_msg_def *d, uint64_t req,
                                             const uint16_t *seen, unsigned version)
{
    unsigned i = (unsigned)__builtin_ctzll(req);
    const ccx_field_ref *r = &d->floating[i];
    if (seen[i] || (r->min_version && version && version < r->min_version))
        return NULL;
    return r;
}

/* Members of a counted group may be optional, so the group's size is its
 * most frequent member's count (the first of equals): that member. */
static unsigned group_most(const ccx_msg_info *in, unsigned g, const uint16_t *seen)
{
    unsigned most = CCX_MAX_FLOATING_REFS;
    for (uint64_t mem = in->groups[g].members; mem; mem &= mem - 1) {
        unsigned j = (unsigned)__builtin_ctzll(mem);
        if (most == CCX_MAX_FLOATING_REFS || seen[j] > seen[most])
            most = j;
    }
    return most;
}

WALK int walk_floating(sink K, walk *w)
{
    const ccx_msg_def *d = w->d;
    const ccx_msg_info *in = w->in;
    const uint8_t *buf = w->buf;
    const uint32_t end = w->end;
    uint16_t seen[CCX_MAX_FLOATING_REFS];   /* occurrences per floating ref */
    cts_zero(seen, sizeof seen);   /* 128 bytes in plain stores, no memset call */
    uint32_t named_total = 0;
    /* the compact sink's counts, in registers while it walks */
    unsigned n = w->n, entries = w->entries;
    unsigned *nent = K == SINK_FULL ? &w->m->n_fields : &entries;

    for (uint32_t pos = w->fixed_end; pos < end;) {
        if (end - pos < 2) {
            if (PROBLEM(K, w, CCX_SEV_ERROR, pos, -1,
                        "floating field at offset %u: 1 byte left, a FieldDataID and a length need 2",
                        pos))
                return GIVE_UP;
            raw_entry(w, pos, 1, 0);
            break;
        }
        uint8_t tag = buf[pos];
        uint32_t item = pos, at = pos + 2, flen = buf[pos + 1];
        int room = entry_room(K, w, nent, pos);
        if (room < 0)
            return GIVE_UP;
        if (!room)
            break;
        ccx_decoded_field *f = K == SINK_FULL ? new_entry(w->m) : NULL;
        ccx_field_value *g = NULL;

        const ccx_field_ref *r = ccx_msg_floating_ref(d, tag);
        const ccx_tag_def *t = r ? NULL : ccx_tag_by_id(tag);
        int field = -1, group = -1;   /* group: the count group this field is the count of */
        ccx_dtype type = CCX_UNSPEC;
        if (r) {
            size_t ri = (size_t)(r - d->floating);
            field = (int)r->field;
            type = r->type;
            group = in->floating_group[ri];
            unsigned ref_no = 1 + d->n_fixed + ri, instance = seen[ri]++;
            if (K == SINK_FULL) {
                f->kind = CCX_D_FLOATING;
                f->ref = r;
                f->ref_no = (uint8_t)ref_no;
                f->instance = (uint16_t)instance;
            } else {
                if (n == w->room)
                    return GIVE_UP;
                g = &w->out[n];
                compact_head(g, field, type, ref_no, instance);
            }
        } else if (t && t->field >= 0) {
            field = t->field;
            type = t->type;
            if (K == SINK_FULL)
                f->kind = CCX_D_FOREIGN;
            if (PROBLEM(K, w, CCX_SEV_WARN, pos, field, "FieldDataID %u (%s) is not defined for %s",
                        tag, fname(field), d->name))
                return GIVE_UP;
            for (unsigned gi = 0; gi < in->n_groups; gi++)
                if (in->groups[gi].count_field == field)
                    group = (int)gi;
        } else {
            if (K == SINK_FULL)
                f->kind = CCX_D_UNKNOWN;
            (void)PROBLEM(K, w, CCX_SEV_NOTE, pos, -1, "%s FieldDataID %u (%u bytes) skipped",
                          t ? "reserved" : "unknown", tag, flen);
        }
        if (K == SINK_FULL) {
            f->tag = tag;
            f->field = (int16_t)field;
            f->type = (uint8_t)type;
            f->item_offset = (uint16_t)item;
            f->offset = (uint16_t)at;
            f->data = buf + at;
        }
        if (flen > end - at) {
            char nbuf[48];
            if (PROBLEM(K, w, CCX_SEV_ERROR, pos, field,
                        "FieldDataID %u (%s): length %u runs %u bytes past the body end", tag,
                        ccx_decoded_field_name(f, nbuf, sizeof nbuf), flen, flen - (end - at)))
                return GIVE_UP;
            if (K == SINK_FULL)
                f->length = (uint16_t)(end - at);   /* keep what is there, raw */
            break;
        }
        if (K == SINK_FULL)
            f->length = (uint16_t)flen;
        pos = at + flen;

        if (r && flen > r->size &&
            PROBLEM(K, w, CCX_SEV_WARN, item, field, "%u bytes exceed the maximum size %u", flen,
                    r->size))
            return GIVE_UP;

        int st = 0;
        switch (type) {
        case CCX_STRING:
            st = walk_string(K, w, f, g, item, at, flen, field);
            break;
        case CCX_NAMEDVAR:
        case CCX_NAMEDARRAY:
            named_total += flen;
            st = walk_named(K, w, f, g, type, item, at, flen, field);
            break;
        case CCX_UNSPEC:
            if (K == SINK_FULL)
                f->valid = 1;
            break;
        default:
            st = walk_int(K, w, f, g, r, type, item, at, flen, field, group);
        }
        if (st < 0)
            return GIVE_UP;
        if (K == SINK_COMPACT && r)
            n += w->keep->want[field];
    }
    w->n = n;

    /* the message-wide checks */
    if (named_total > CCX_NAMED_TOTAL_MAX &&
        PROBLEM(K, w, CCX_SEV_WARN, w->fixed_end, CCXF_NamedVariable,
                "NamedVariable and NamedArray fields total %u bytes, over the %u the spec allows",
                named_total, CCX_NAMED_TOTAL_MAX))
        return GIVE_UP;
    for (uint64_t req = in->required; req; req &= req - 1) {
        const ccx_field_ref *r = missing_required(d, req, seen, w->version);
        if (r && PROBLEM(K, w, CCX_SEV_WARN, w->fixed_end, (int)r->field,
                         "required field %s (FieldDataID %u) is missing", fname((int)r->field),
                         r->tag))
            return GIVE_UP;
    }
    /* Count fields agree with the repeated fields present?  A count field
     * may be fixed (NumParties) or floating (NumPeripherals); one that
     * itself repeats (NumCSQs inside each CONFIG_AGENT_EVENT record) counts
     * per record and is not checked against the total. */
    const counts *cs = &w->cs;
    for (unsigned gi = 0; gi < in->n_groups; gi++) {
        if (cs->times[gi] != 1)
            continue;
        unsigned most = group_most(in, gi, seen);
        if (cs->u[gi] != seen[most] &&
            PROBLEM(K, w, CCX_SEV_WARN, cs->offset[gi], cs->field[gi],
                    "%s is %u but %u %s field%s present", fname(cs->field[gi]), cs->u[gi],
                    seen[most], fname((int)d->floating[most].field),
                    seen[most] == 1 ? " is" : "s are"))
            return GIVE_UP;
    }
    return 0;
}

/* The whole walk.  Returns 0, or GIVE_UP (the compact sink only). */
WALK int walk_message(sink K, walk *w, const uint8_t *buf, size_t len, unsigned version,
                      const ccx_field_filter *keep)
{
    ccx_msg *m = w->m;
    ccx_msg_head *h = w->h;   /* each member written once, when it is known */
    h->n_diags = 0;
    h->diags_dropped = 0;
    h->max_sev_plus1 = 0;
    if (K == SINK_FULL)
        h->n_fields = 0;   /* the entries, counted as they are made */
    w->buf = buf;
    w->fixed_end = CCX_HEADER_LEN;
    if (len < CCX_HEADER_LEN) {
        h->def = NULL;
        h->len = (uint32_t)len;
        h->body_len = 0;
        h->type_id = 0;
        h->version = version;
        h->fixed_end = CCX_HEADER_LEN;
        return PROBLEM(K, w, CCX_SEV_ERROR, 0, -1, "message header truncated: %zu of 8 bytes", len)
                   ? GIVE_UP : 0;
    }
    uint32_t body_len = ccx_be32(buf), type_id = ccx_be32(buf + 4);
    const ccx_msg_def *d = w->d = h->def = ccx_msg_by_id(type_id);
    h->body_len = body_len;
    h->type_id = type_id;
    /* Never look past the body, nor past what the caller has. */
    uint64_t want = (uint64_t)CCX_HEADER_LEN + body_len;
    uint64_t have = want < len ? want : len;
    if (have > CCX_HEADER_LEN + CCX_MAX_BODY) {
        /* No message is this long (the framers never pass one), and the
         * fields' 16-bit offsets reach only this far. */
        if (PROBLEM(K, w, CCX_SEV_ERROR, CCX_HEADER_LEN + CCX_MAX_BODY, -1,
                    "BodyLength %u exceeds the %u-byte cap: only the first %u body bytes are decoded",
                    body_len, CCX_MAX_BODY, CCX_MAX_BODY))
            return GIVE_UP;
        have = CCX_HEADER_LEN + CCX_MAX_BODY;
    } else if (want > len &&
               PROBLEM(K, w, CCX_SEV_ERROR, (uint32_t)have, -1,
                       "message truncated: BodyLength %u but only %u body bytes available",
                       body_len, (uint32_t)have - CCX_HEADER_LEN)) {
        return GIVE_UP;
    }
    uint32_t end = w->end = h->len = (uint32_t)have;

    if (!d || d->n_fixed + d->n_floating == 0) {
        if (K == SINK_COMPACT)
            return GIVE_UP;   /* the body shown raw is the full sink's */
        h->version = version;
        h->fixed_end = CCX_HEADER_LEN;
        if (d)
            diag(m, CCX_SEV_NOTE, 4, -1,
                 "%s (MessageTypeID %u) has no body definition in the spec: %u body bytes shown raw",
                 d->name, type_id, body_len);
        else if (ccx_msg_id_is_reserved(type_id))
            diag(m, CCX_SEV_NOTE, 4, -1,
                 "reserved MessageTypeID %u: %u body bytes skipped", type_id, body_len);
        else
            diag(m, CCX_SEV_WARN, 4, -1,
                 "unknown MessageTypeID %u: %u body bytes skipped by BodyLength",
                 type_id, body_len);
        if (end > CCX_HEADER_LEN)
            raw_entry(w, CCX_HEADER_LEN, end - CCX_HEADER_LEN, 1);
        return 0;
    }

    const ccx_msg_info *in = w->in = ccx_msg_info_of(d);
    w->keep = keep ? keep : keep_all();
    for (unsigned g = 0; g < CCX_MAX_COUNT_GROUPS; g++)
        w->cs.times[g] = 0;   /* the rest of a group is set when its times leaves 0 */
    w->version = h->version = choose_version(d, in, buf, end, version);
    if ((!w->version || w->version >= in->gate) && end - CCX_HEADER_LEN >= in->fixed_all) {
        if (walk_fixed_whole(K, w, &w->keep->t[d - ccx_messages]) < 0)
            return GIVE_UP;
    } else {
        if (K == SINK_COMPACT)
            return GIVE_UP;   /* an older version's fixed part, or one cut short */
        int placed = decode_fixed_part(w) == 0;
        h->fixed_end = w->fixed_end;
        if (!placed)
            return 0;
    }
    if (walk_floating(K, w) < 0)
        return GIVE_UP;
    if (K == SINK_COMPACT)
        h->n_fields = w->n;
    return 0;
}

int ccx_decode(const uint8_t *buf, size_t len, unsigned version, ccx_msg *m)
{
    return ccx_decode_some(buf, len, version, NULL, m);
}

int ccx_decode_some(const uint8_t *buf, size_t len, unsigned version, const ccx_field_filter *keep,
                    ccx_msg *m)
{
    m->fields = m->field_store;
    m->buf = buf;
    walk w;
    w.m = m;
    w.h = &m->head;
    walk_message(SINK_FULL, &w, buf, len, version, keep);
    return m->max_sev_plus1 > CCX_SEV_NOTE + 1 ? -1 : 0;
}

/* Not inlined into its caller (the reading thread's per-message function,
 * with link-time optimization): there the walk's state would compete for
 * registers with the caller's and live on the stack. */
__attribute__((noinline)) int ccx_decode_compact(const uint8_t *buf, size_t len, unsigned version,
                                                 const ccx_field_filter *keep, ccx_field_value *out,
                                                 unsigned room, ccx_msg_head *head)
{
    walk w;
    w.m = NULL;
    w.h = head;
    w.out = out;
    w.room = room;
    w.n = 0;
    return walk_message(SINK_COMPACT, &w, buf, len, version, keep) < 0 ? -1 : (int)w.n;
}

unsigned ccx_compact(const ccx_msg *m, const ccx_field_filter *keep, ccx_field_value *out)
{
    if (!keep)
        keep = keep_all();
    unsigned n = 0, nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    for (const ccx_decoded_field *f = m->fields, *end = f + nf; f < end; f++) {
        if (f->field < 0 || !keep->want[f->field] || !f->valid)
            continue;
        ccx_field_value *g = &out[n];
        compact_head(g, f->field, (ccx_dtype)f->type, f->ref_no, f->instance);
        if (f->type == CCX_STRING) {
            compact_string(g, (uint32_t)(f->data - m->buf), f->str_len);
        } else if (f->type == CCX_NAMEDVAR || f->type == CCX_NAMEDARRAY) {
            if (!f->nv_name)
                continue;
            compact_named(g, f->nv_index, (uint32_t)(f->nv_name - m->buf), f->nv_name_len,
                          (uint32_t)(f->nv_value - m->buf), f->nv_value_len);
        } else {
            compact_int(g, f->u);
        }
        n++;
    }
    return n;
}

int ccx_header_plausible(const uint8_t hdr[8], int strict)
{
    uint32_t body = ccx_be32(hdr);
    uint32_t type = ccx_be32(hdr + 4);
    if (body > CCX_MAX_BODY)
        return 0;
    const ccx_msg_def *d = ccx_msg_by_id(type);
    if (!d)
        return !strict && ccx_msg_id_is_reserved(type);
    if (d->n_fixed + d->n_floating == 0)
        return !strict;
    return body >= ccx_min_fixed_len(d);
}

int ccx_message_clean(const uint8_t *buf, size_t len)
{
    /* Cheap structural check, no ccx_msg needed: header plausible, body
     * whole, floating part tiles exactly after the fixed part (with or
     * without version-gated fields). */
    if (len < CCX_HEADER_LEN || !ccx_header_plausible(buf, 1))
        return 0;
    uint32_t body = ccx_be32(buf);
    if ((uint64_t)CCX_HEADER_LEN + body > len)
        return 0;
    const ccx_msg_def *d = ccx_msg_by_id(ccx_be32(buf + 4));
    uint32_t end = CCX_HEADER_LEN + body;
    const ccx_msg_info *in = ccx_msg_info_of(d);
    uint32_t with = CCX_HEADER_LEN + in->fixed_all;
    uint32_t without = CCX_HEADER_LEN + in->fixed_min;
    if (with <= end && floating_tiles(buf, with, end))
        return 1;
    return without <= end && floating_tiles(buf, without, end);
}

const char *ccx_msg_name(const ccx_msg *m, char *buf, size_t n)
{
    if (m->def)
        return m->def->name;
    snprintf(buf, n, "%s(%u)", ccx_msg_id_is_reserved(m->type_id) ? "RESERVED" : "UNKNOWN",
             m->type_id);
    return buf;
}

const char *ccx_severity_name(ccx_severity s)
{
    switch (s) {
    case CCX_SEV_NOTE: return "note";
    case CCX_SEV_WARN: return "warning";
    case CCX_SEV_ERROR: return "error";
    }
    return "?";
}

const char *ccx_decoded_field_name(const ccx_decoded_field *f, char *buf, size_t n)
{
    if (f->field >= 0 && f->field < CCXF_COUNT)
        return ccx_fields[f->field].name;
    if (f->kind == CCX_D_UNKNOWN) {
        const ccx_tag_def *t = ccx_tag_by_id(f->tag);
        snprintf(buf, n, "%s[%u]", t ? t->name : "unknown", f->tag);
        return buf;
    }
    snprintf(buf, n, "raw");
    return buf;
}

const char *ccx_first_error(const ccx_msg *m)
{
    if (m->max_sev_plus1 != CCX_SEV_ERROR + 1)
        return NULL;
    for (unsigned i = 0; i < m->n_diags; i++)
        if (m->diags[i].sev == CCX_SEV_ERROR)
            return m->diags[i].text;
    return NULL;
}

const char *ccx_value_name_of(int field, const ccx_field_ref *ref, ccx_dtype type, uint32_t u)
{
    if (!ccx_dtype_is_int(type) || field < 0)
        return NULL;
    const ccx_enum *e = ccx_ref_enum(field, ref);
    if (e && !e->is_mask) {
        const ccx_enum_val *v = ccx_enum_lookup(e, u);
        if (v)
            return v->name;
    }
    return ccx_null_name(field, type, u);
}

const char *ccx_value_name(const ccx_decoded_field *f)
{
    return f->valid ? ccx_value_name_of(f->field, f->ref, f->type, f->u) : NULL;
}

char *ccx_format_int(const ccx_decoded_field *f, char *out, size_t n)
{
    const ccx_enum *e = ccx_ref_enum(f->field, f->ref);
    int neg = (f->type == CCX_CHAR || f->type == CCX_SHORT || f->type == CCX_INT);
    if (e && e->is_mask) {
        size_t o = (size_t)snprintf(out, n, "0x%08x", f->u);
        uint32_t known = 0;
        const char *sep = " (";
        for (size_t i = 0; i < e->n_vals && o < n; i++) {
            uint32_t bit = e->vals[i].lo;
            if (bit && (f->u & bit) == bit) {
                o += (size_t)snprintf(out + o, n - o, "%s%s", sep, e->vals[i].name);
                sep = " | ";
                known |= bit;
            }
        }
        if (o < n && (f->u & ~known))
            o += (size_t)snprintf(out + o, n - o, "%sunknown bits 0x%08x", sep, f->u & ~known);
        if (o < n && f->u)
            snprintf(out + o, n - o, ")");
        return out;
    }
    const char *name = ccx_value_name(f);
    if (neg)
        snprintf(out, n, name ? "%d (%s)" : "%d", f->i, name);
    else
        snprintf(out, n, name ? "%u (%s)" : "%u", f->u, name);
    return out;
}

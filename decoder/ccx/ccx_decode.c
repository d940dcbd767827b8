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
    if (m->n_diags >= CCX_MAX_DIAGS) {
        /* Full: errors are kept first, then warnings, then notes.  The
         * last kept diagnostic of the lowest severity below this one makes
         * room (the others keep their order); otherwise this one goes. */
        m->diags_dropped++;
        int victim = -1;
        for (int i = (int)m->n_diags - 1; i >= 0; i--)
            if (m->diags[i].sev < sev && (victim < 0 || m->diags[i].sev < m->diags[victim].sev))
                victim = i;
        if (victim < 0)
            return;
        memmove(&m->diags[victim], &m->diags[victim + 1],
                (m->n_diags - 1 - (unsigned)victim) * sizeof m->diags[0]);
        m->n_diags--;
    }
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
_Static_assert(sizeof(ccx_dfield) <= 64, "ccx_dfield grew past a cache line: check its members");
/* its 16-bit offsets and lengths hold any position in a message */
_Static_assert(CCX_HEADER_LEN + CCX_MAX_BODY <= 0xFFFF, "ccx_dfield offsets are 16 bits");

static inline __attribute__((always_inline)) ccx_dfield *new_field(ccx_msg *m, uint32_t off)
{
    if (m->n_fields >= CCX_MAX_FIELDS) {
        if (m->n_fields == CCX_MAX_FIELDS) {
            diag(m, CCX_SEV_ERROR, off, -1,
                 "more than %d fields in one message: the rest of the body is not decoded",
                 CCX_MAX_FIELDS);
            m->n_fields++; /* report once */
        }
        return NULL;
    }
    /* A fixed-size copy of a template compiles to a few vector stores;
     * memset's rep stos costs more than the whole field decode. */
    static const ccx_dfield blank = { .field = -1 };
    ccx_dfield *f = &m->fields[m->n_fields++];
    memcpy(f, &blank, sizeof *f);
    return f;
}

int ccx_dtype_is_int(ccx_dtype t)
{
    return ccx_dtype_size(t) != 0;
}

/* Read an integer of type t from p (exactly ccx_dtype_size(t) bytes). */
static void read_int(ccx_dfield *f, const uint8_t *p)
{
    switch (f->type) {
    case CCX_CHAR:   f->u = p[0]; f->i = (int8_t)p[0]; break;
    case CCX_UCHAR:  f->u = p[0]; f->i = p[0]; break;
    case CCX_SHORT:  f->u = (uint32_t)(p[0] << 8 | p[1]); f->i = (int16_t)f->u; break;
    case CCX_USHORT:
    case CCX_BOOL:   f->u = (uint32_t)(p[0] << 8 | p[1]); f->i = (int32_t)f->u; break;
    case CCX_INT:    f->u = ccx_be32(p); f->i = (int32_t)f->u; break;
    case CCX_UINT:
    case CCX_TIME:   f->u = ccx_be32(p); f->i = (int32_t)f->u; break;
    default: break;
    }
    f->valid = 1;
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

/* The count fields met while decoding, per count group of the message:
 * the first valid occurrence and how many there were. */
typedef struct counts {
    const ccx_dfield *first[CCX_MAX_COUNT_GROUPS];
    unsigned times[CCX_MAX_COUNT_GROUPS];
} counts;

static void count_seen(counts *cs, int group, const ccx_dfield *f)
{
    if (group < 0 || !f->valid || !ccx_dtype_is_int(f->type))
        return;
    if (cs->times[group]++ == 0)
        cs->first[group] = f;
}

/* The fixed part of every message as decoded entries, built once: a whole
 * fixed part (the common case) is a copy of its template plus the values.
 * A template lists every fixed field, or (ccx_keep) those a reader wants
 * and the count fields.  rd says how to read each value: 0 not an integer
 * of its size, else the size, negated for signed types; group is the count
 * group the field counts, -1. */
typedef struct cfix cfix;
typedef struct fixed_tmpl {
    unsigned n;
    ccx_dfield *f;
    int8_t *rd;
    int8_t *group;
    cfix *c;         /* the same entries for ccx_decode_compact */
} fixed_tmpl;

/* A fixed-part entry of the compact form: the field with its value to
 * fill, where the value is, how to read it (rd, group as above) and
 * whether the compact form lists it (the keep wants it). */
struct cfix {
    ccx_cfield proto;
    uint16_t offset;
    int8_t rd, group;
    uint8_t listed;
};

struct ccx_keep {
    fixed_tmpl *t;   /* [ccx_n_messages] */
    uint8_t want[CCXF_COUNT];   /* the fields the compact form lists */
};

/* The entry of fixed ref r at offset pos, before its value is read. */
static void fixed_entry(ccx_dfield *f, const ccx_field_ref *r, size_t j, uint32_t pos)
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
        t->f = g_new0(ccx_dfield, d->n_fixed ? d->n_fixed : 1);
        t->rd = g_new0(int8_t, d->n_fixed ? d->n_fixed : 1);
        t->group = g_new0(int8_t, d->n_fixed ? d->n_fixed : 1);
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
            t->rd[t->n] = (int8_t)(sz == (int)r->size ? (sgn ? -sz : sz) : 0);
            t->group[t->n] = in->fixed_group[i];
            cfix *c = &t->c[t->n];
            c->proto.field = (int16_t)r->field;
            c->proto.type = (uint8_t)r->type;
            c->proto.ref_no = (uint8_t)(1 + i);
            c->offset = (uint16_t)at;
            c->rd = t->rd[t->n];
            c->group = t->group[t->n];
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
        g_free(tmpl[k].rd);
        g_free(tmpl[k].group);
        g_free(tmpl[k].c);
    }
    g_free(tmpl);
}

static const ccx_keep *keep_all(void)
{
    static ccx_keep all;
    static gsize once;
    if (g_once_init_enter(&once)) {
        all.t = templates_new(NULL);
        memset(all.want, 1, sizeof all.want);
        g_once_init_leave(&once, 1);
    }
    return &all;
}

ccx_keep *ccx_keep_new(const uint8_t *keep)
{
    ccx_keep *k = g_new0(ccx_keep, 1);
    k->t = templates_new(keep);
    memcpy(k->want, keep, sizeof k->want);
    return k;
}

void ccx_keep_free(ccx_keep *k)
{
    if (!k)
        return;
    templates_free(k->t);
    g_free(k);
}

/* A whole fixed part (every field of the latest version present): the
 * template's entries and their values. */
static void decode_fixed_whole(ccx_msg *m, const ccx_msg_info *in, const fixed_tmpl *t,
                               counts *cs)
{
    ccx_dfield *f = m->fields;
    m->n_fields = t->n;
    for (size_t i = 0; i < t->n; i++, f++) {
        *f = t->f[i];   /* a fixed-size copy: vector moves, no memcpy call */
        const uint8_t *p = m->buf + f->offset;
        f->data = p;
        switch (t->rd[i]) {
        case 1:  f->u = p[0]; f->i = (int32_t)f->u; break;
        case -1: f->u = p[0]; f->i = (int8_t)p[0]; break;
        case 2:  f->u = (uint32_t)(p[0] << 8 | p[1]); f->i = (int32_t)f->u; break;
        case -2: f->u = (uint32_t)(p[0] << 8 | p[1]); f->i = (int16_t)f->u; break;
        case 4:
        case -4: f->u = ccx_be32(p); f->i = (int32_t)f->u; break;
        default: continue;
        }
        f->valid = 1;
        if (t->group[i] >= 0)
            count_seen(cs, t->group[i], f);
    }
    m->fixed_end = CCX_HEADER_LEN + in->fixed_all;
}

/* Returns 0, or -1 when the body ends inside a non-gated fixed field (the
 * floating part then cannot be placed and is not looked for). */
static int decode_fixed(ccx_msg *m, const ccx_msg_info *in, const ccx_keep *keep, counts *cs,
                        uint32_t end)
{
    const ccx_msg_def *d = m->def;
    uint32_t pos = CCX_HEADER_LEN;
    if ((!m->version || m->version >= in->gate) && end - pos >= in->fixed_all) {
        decode_fixed_whole(m, in, &keep->t[d - ccx_messages], cs);
        return 0;
    }
    for (size_t i = 0; i < d->n_fixed; i++) {
        const ccx_field_ref *r = &d->fixed[i];
        if (r->min_version && m->version && m->version < r->min_version)
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
            if (pos < end) {
                ccx_dfield *f = new_field(m, pos);
                if (f) {
                    f->kind = CCX_D_RAW;
                    f->type = CCX_UNSPEC;
                    f->item_offset = f->offset = pos;
                    f->length = end - pos;
                    f->data = m->buf + pos;
                }
            }
            m->fixed_end = end;
            return r->min_version ? 0 : -1;
        }
        ccx_dfield *f = new_field(m, pos);
        if (!f)
            return -1;
        fixed_entry(f, r, i, pos);
        f->data = m->buf + pos;
        if (ccx_dtype_size(r->type) == r->size) {
            read_int(f, m->buf + pos);
            count_seen(cs, in->fixed_group[i], f);
        }
        pos += r->size;
    }
    m->fixed_end = pos;
    return 0;
}

/* STRING: value up to the NUL; the spec's maximum includes the NUL. */
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

static void decode_string(ccx_msg *m, ccx_dfield *f)
{
    const uint8_t *nul = find_nul(f->data, f->length);
    if (f->length == 0) {
        f->str_len = 0;   /* zero-length strings occur (ClientID, ClientPassword) */
    } else if (!nul) {
        f->str_len = f->length;
        diag(m, CCX_SEV_WARN, f->item_offset, f->field,
             "STRING of %u bytes has no NUL terminator", f->length);
    } else {
        f->str_len = (uint32_t)(nul - f->data);
        if (f->str_len + 1 != f->length)
            diag(m, CCX_SEV_WARN, f->item_offset, f->field,
                 "%u bytes after the NUL terminator", f->length - f->str_len - 1);
    }
    f->valid = 1;
}

/* NAMEDVAR: name NUL value NUL; NAMEDARRAY: index byte first (Tables
 * 186-187: the name at most 33 bytes and the value 211, NULs included). */
#define NV_NAME_MAX 33u
#define NV_VALUE_MAX 211u

static uint32_t named_min(ccx_dtype t)
{
    return t == CCX_NAMEDARRAY ? 4 : 3;
}

/* The parts of a named value of n bytes at p, as both decoders see them. */
typedef struct nv_parts {
    uint8_t index;             /* NAMEDARRAY */
    int nuls;                  /* NUL terminators found: 0, 1 or 2 */
    const uint8_t *name, *value, *end;
    uint32_t name_len, value_len;
    const uint8_t *nul2;       /* the value's NUL (nuls == 2) */
} nv_parts;

/* -1: a NAMEDARRAY without its index byte. */
static int named_split(const uint8_t *p, uint32_t n, ccx_dtype type, nv_parts *v)
{
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

static void decode_named(ccx_msg *m, ccx_dfield *f)
{
    nv_parts v;
    if (named_split(f->data, f->length, (ccx_dtype)f->type, &v) < 0) {
        diag(m, CCX_SEV_ERROR, f->item_offset, f->field, "empty: no VariableIndex");
        return;
    }
    f->nv_index = f->type == CCX_NAMEDARRAY ? v.index : 0;
    f->nv_name = v.name;
    f->nv_name_len = v.name_len;
    f->nv_value = v.value;
    f->nv_value_len = v.value_len;
    f->valid = 1;
    if (v.nuls < 2) {   /* what can be shown is shown: the name part */
        diag(m, CCX_SEV_ERROR, f->item_offset, f->field,
             "%s of %u bytes lacks its two NUL terminators (found %d)",
             ccx_dtype_name(f->type), f->length, v.nuls);
        return;
    }
    if (v.nul2 != v.end - 1)
        diag(m, CCX_SEV_WARN, f->item_offset, f->field,
             "%u bytes after the value's NUL terminator", (uint32_t)(v.end - v.nul2 - 1));
    if (f->length < named_min((ccx_dtype)f->type))
        diag(m, CCX_SEV_WARN, f->item_offset, f->field,
             "length %u is below the minimum %u", f->length, named_min((ccx_dtype)f->type));
    if (v.name_len + 1 > NV_NAME_MAX)
        diag(m, CCX_SEV_WARN, f->item_offset, f->field,
             "VariableName of %u bytes exceeds %u (NUL included)", v.name_len + 1, NV_NAME_MAX);
    if (v.value_len + 1 > NV_VALUE_MAX)
        diag(m, CCX_SEV_WARN, f->item_offset, f->field,
             "VariableValue of %u bytes exceeds %u (NUL included)", v.value_len + 1, NV_VALUE_MAX);
}

/* The required floating ref of req's lowest bit, when seen says it is
 * absent and version does not excuse it; else NULL. */
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

static void decode_floating(ccx_msg *m, const ccx_msg_info *in, counts *cs, uint32_t end)
{
    const ccx_msg_def *d = m->def;
    /* Occurrences per floating ref (index in d->floating). */
    uint16_t seen[CCX_MAX_FLOATING_REFS];
    size_t nref = d->n_floating;
    for (size_t i = 0; i < nref; i++)
        seen[i] = 0;
    uint32_t named_total = 0;
    uint32_t pos = m->fixed_end;

    while (pos < end) {
        if (end - pos < 2) {
            diag(m, CCX_SEV_ERROR, pos, -1,
                 "floating field at offset %u: 1 byte left, a FieldDataID and a length need 2",
                 pos);
            ccx_dfield *f = new_field(m, pos);
            if (f) {
                f->kind = CCX_D_RAW;
                f->type = CCX_UNSPEC;
                f->item_offset = f->offset = pos;
                f->length = 1;
                f->data = m->buf + pos;
            }
            break;
        }
        uint8_t tag = m->buf[pos];
        uint32_t flen = m->buf[pos + 1];
        ccx_dfield *f = new_field(m, pos);
        if (!f)
            break;
        f->tag = tag;
        f->item_offset = pos;
        f->offset = pos + 2;
        f->data = m->buf + pos + 2;

        const ccx_field_ref *r = ccx_msg_floating_ref(d, tag);
        const ccx_tag_def *t = r ? NULL : ccx_tag_by_id(tag);
        int group = -1;   /* the count group this field is the count of */
        if (r) {
            f->kind = CCX_D_FLOATING;
            f->ref = r;
            f->field = (int)r->field;
            f->type = r->type;
            size_t ri = (size_t)(r - d->floating);
            f->ref_no = (uint8_t)(1 + d->n_fixed + ri);
            f->instance = seen[ri]++;
            group = in->floating_group[ri];
        } else if (t && t->field >= 0) {
            f->kind = CCX_D_FOREIGN;
            f->field = t->field;
            f->type = t->type;
            diag(m, CCX_SEV_WARN, pos, t->field,
                 "FieldDataID %u (%s) is not defined for %s", tag, fname(t->field), d->name);
            for (unsigned g = 0; g < in->n_groups; g++)
                if (in->groups[g].count_field == t->field)
                    group = (int)g;
        } else {
            f->kind = CCX_D_UNKNOWN;
            f->type = CCX_UNSPEC;
            diag(m, CCX_SEV_NOTE, pos, -1,
                 "%s FieldDataID %u (%u bytes) skipped", t ? "reserved" : "unknown", tag, flen);
        }
        if (flen > end - pos - 2) {
            char nbuf[48];
            const char *name = ccx_dfield_name(f, nbuf, sizeof nbuf);
            diag(m, CCX_SEV_ERROR, pos, f->field,
                 "FieldDataID %u (%s): length %u runs %u bytes past the body end",
                 tag, name, flen, flen - (end - pos - 2));
            f->length = end - pos - 2;   /* keep what is there, raw */
            f->kind = f->kind == CCX_D_FLOATING ? CCX_D_FLOATING : f->kind;
            f->valid = 0;
            break;
        }
        f->length = flen;
        pos += 2 + flen;

        if (r && flen > r->size)
            diag(m, CCX_SEV_WARN, f->item_offset, f->field,
                 "%u bytes exceed the maximum size %u", flen, r->size);

        switch (f->type) {
        case CCX_STRING:
            decode_string(m, f);
            break;
        case CCX_NAMEDVAR:
        case CCX_NAMEDARRAY:
            named_total += flen;
            decode_named(m, f);
            break;
        case CCX_UNSPEC:
            f->valid = 1;
            break;
        default: {
            unsigned sz = ccx_dtype_size(f->type);
            if (flen == sz) {
                read_int(f, f->data);
            } else if (r && flen == r->size && flen <= 4) {
                /* The spec's own maximum differs from the type's size
                 * (AutoWork: BOOL, maximum 4): take the bytes as one
                 * big-endian number. */
                f->u = 0;
                for (uint32_t k = 0; k < flen; k++)
                    f->u = f->u << 8 | f->data[k];
                f->i = (int32_t)f->u;
                f->valid = 1;
            } else {
                diag(m, CCX_SEV_ERROR, f->item_offset, f->field,
                     "%s needs %u bytes, length is %u", ccx_dtype_name(f->type), sz, flen);
            }
            count_seen(cs, group, f);
        }
        }
    }

    if (named_total > CCX_NAMED_TOTAL_MAX)
        diag(m, CCX_SEV_WARN, m->fixed_end, CCXF_NamedVariable,
             "NamedVariable and NamedArray fields total %u bytes, over the %u the spec allows",
             named_total, CCX_NAMED_TOTAL_MAX);

    /* Required fields present?  A required field of a counted group
     * (CSQID per NumCSQs) is required once per count, which may be 0: the
     * count check below covers it. */
    for (uint64_t req = in->required; req; req &= req - 1) {
        const ccx_field_ref *r = missing_required(d, req, seen, m->version);
        if (r)
            diag(m, CCX_SEV_WARN, m->fixed_end, (int)r->field,
                 "required field %s (FieldDataID %u) is missing", fname((int)r->field), r->tag);
    }

    /* Count fields agree with the repeated fields present?  A count field
     * may be fixed (NumParties) or floating (NumPeripherals); one that
     * itself repeats (NumCSQs inside each CONFIG_AGENT_EVENT record) counts
     * per record and is not checked against the total.  Members of a
     * counted group may be optional, so the group size is its most
     * frequent member (the first of equals). */
    for (unsigned g = 0; g < in->n_groups; g++) {
        if (cs->times[g] != 1)
            continue;
        const ccx_dfield *c = cs->first[g];   /* set with times[g] */
        unsigned most = group_most(in, g, seen);
        if (c->u != seen[most])
            diag(m, CCX_SEV_WARN, c->offset, c->field, "%s is %u but %u %s field%s present",
                 fname(c->field), c->u, seen[most], fname((int)d->floating[most].field),
                 seen[most] == 1 ? " is" : "s are");
    }
}

int ccx_decode(const uint8_t *buf, size_t len, unsigned version, ccx_msg *m)
{
    return ccx_decode_some(buf, len, version, NULL, m);
}

int ccx_decode_some(const uint8_t *buf, size_t len, unsigned version, const ccx_keep *keep,
                    ccx_msg *m)
{
    m->fields = m->field_store;
    m->n_fields = 0;
    m->n_diags = 0;
    m->diags_dropped = 0;
    m->max_sev_plus1 = 0;
    m->def = NULL;
    m->buf = buf;
    m->fixed_end = CCX_HEADER_LEN;
    m->version = version;
    if (len < CCX_HEADER_LEN) {
        m->len = (uint32_t)len;
        m->body_len = 0;
        m->type_id = 0;
        diag(m, CCX_SEV_ERROR, 0, -1, "message header truncated: %zu of 8 bytes", len);
        return -1;
    }
    m->body_len = ccx_be32(buf);
    m->type_id = ccx_be32(buf + 4);
    /* Never look past the body, nor past what the caller has. */
    uint64_t want = (uint64_t)CCX_HEADER_LEN + m->body_len;
    uint64_t have = want < len ? want : len;
    if (have > CCX_HEADER_LEN + CCX_MAX_BODY) {
        /* No message is this long (the framers never pass one), and the
         * fields' 16-bit offsets reach only this far. */
        diag(m, CCX_SEV_ERROR, CCX_HEADER_LEN + CCX_MAX_BODY, -1,
             "BodyLength %u exceeds the %u-byte cap: only the first %u body bytes are decoded",
             m->body_len, CCX_MAX_BODY, CCX_MAX_BODY);
        have = CCX_HEADER_LEN + CCX_MAX_BODY;
    } else if (want > len) {
        diag(m, CCX_SEV_ERROR, (uint32_t)have, -1,
             "message truncated: BodyLength %u but only %u body bytes available",
             m->body_len, (uint32_t)have - CCX_HEADER_LEN);
    }
    uint32_t end = (uint32_t)have;
    m->len = end;

    m->def = ccx_msg_by_id(m->type_id);
    if (!m->def || m->def->n_fixed + m->def->n_floating == 0) {
        if (m->def)
            diag(m, CCX_SEV_NOTE, 4, -1,
                 "%s (MessageTypeID %u) has no body definition in the spec: %u body bytes shown raw",
                 m->def->name, m->type_id, m->body_len);
        else if (ccx_msg_id_is_reserved(m->type_id))
            diag(m, CCX_SEV_NOTE, 4, -1,
                 "reserved MessageTypeID %u: %u body bytes skipped", m->type_id, m->body_len);
        else
            diag(m, CCX_SEV_WARN, 4, -1,
                 "unknown MessageTypeID %u: %u body bytes skipped by BodyLength",
                 m->type_id, m->body_len);
        if (end > CCX_HEADER_LEN) {
            ccx_dfield *f = new_field(m, CCX_HEADER_LEN);
            if (f) {
                f->kind = CCX_D_RAW;
                f->type = CCX_UNSPEC;
                f->item_offset = f->offset = CCX_HEADER_LEN;
                f->length = end - CCX_HEADER_LEN;
                f->data = buf + CCX_HEADER_LEN;
                f->valid = 1;
            }
        }
        return m->max_sev_plus1 > CCX_SEV_NOTE + 1 ? -1 : 0;
    }

    const ccx_msg_info *in = ccx_msg_info_of(m->def);
    if (!keep)
        keep = keep_all();
    counts cs;   /* first[g] is set when times[g] leaves 0 */
    for (unsigned g = 0; g < CCX_MAX_COUNT_GROUPS; g++)
        cs.times[g] = 0;
    m->version = choose_version(m->def, in, buf, end, version);
    if (decode_fixed(m, in, keep, &cs, end) == 0)
        decode_floating(m, in, &cs, end);
    return m->max_sev_plus1 > CCX_SEV_NOTE + 1 ? -1 : 0;
}

/* ---- the compact form ---- */

unsigned ccx_compact(const ccx_msg *m, const ccx_keep *keep, ccx_cfield *out)
{
    if (!keep)
        keep = keep_all();
    unsigned n = 0, nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    for (const ccx_dfield *f = m->fields, *end = f + nf; f < end; f++) {
        if (f->field < 0 || !keep->want[f->field] || !f->valid)
            continue;
        ccx_cfield *g = &out[n];
        g->field = f->field;
        g->type = f->type;
        g->ref_no = f->ref_no;
        g->instance = f->instance;
        g->nv_index = f->nv_index;
        g->pad = 0;
        if (f->type == CCX_STRING) {
            g->off = (uint16_t)(f->data - m->buf);
            g->len = f->str_len;
            g->v.u = 0;
        } else if (f->type == CCX_NAMEDVAR || f->type == CCX_NAMEDARRAY) {
            if (!f->nv_name)
                continue;
            g->off = (uint16_t)(f->nv_name - m->buf);
            g->len = f->nv_name_len;
            g->v.val.off = (uint16_t)(f->nv_value - m->buf);
            g->v.val.len = f->nv_value_len;
        } else {
            g->off = g->len = 0;
            g->v.u = f->u;
        }
        n++;
    }
    return n;
}

/* A NAMEDVAR or NAMEDARRAY value of n bytes at offset at of buf that
 * decode_named would pass without a word, into g.  0: it would not. */
static int compact_named(const uint8_t *buf, uint32_t at, uint32_t n, ccx_dtype type, ccx_cfield *g)
{
    nv_parts v;
    if (n < named_min(type) || named_split(buf + at, n, type, &v) < 0 || v.nuls < 2 ||
        v.nul2 != v.end - 1 || v.name_len + 1 > NV_NAME_MAX || v.value_len + 1 > NV_VALUE_MAX)
        return 0;
    g->nv_index = type == CCX_NAMEDARRAY ? v.index : 0;
    g->off = (uint16_t)(v.name - buf);
    g->len = (uint16_t)v.name_len;
    g->v.val.off = (uint16_t)(v.value - buf);
    g->v.val.len = (uint16_t)v.value_len;
    return 1;
}

/* ccx_decode_some's walk for a message it would find clean, writing the
 * compact form as it goes: every check that would give a warning or an
 * error gives up instead (the caller's full decode then reports it), so
 * only the notes' cases (reserved and unknown tags, skipped) are handled.
 * test_ccx_decode checks, over mutated messages of every kind, that the
 * result is the full decoder's. */
int ccx_decode_compact(const uint8_t *buf, size_t len, unsigned version, const ccx_keep *keep,
                       ccx_cfield *out, unsigned room, const ccx_msg_def **def)
{
    *def = NULL;
    if (len < CCX_HEADER_LEN)
        return -1;
    const ccx_msg_def *d = *def = ccx_msg_by_id(ccx_be32(buf + 4));
    uint32_t body = ccx_be32(buf);
    if (body > CCX_MAX_BODY || body > len - CCX_HEADER_LEN)
        return -1;
    uint32_t end = CCX_HEADER_LEN + body;
    if (!d || d->n_fixed + d->n_floating == 0)
        return -1;
    const ccx_msg_info *in = ccx_msg_info_of(d);
    version = choose_version(d, in, buf, end, version);
    if ((version && version < in->gate) || body < in->fixed_all)
        return -1;
    if (!keep)
        keep = keep_all();
    const uint8_t *want = keep->want;
    uint32_t times[CCX_MAX_COUNT_GROUPS] = { 0 }, first[CCX_MAX_COUNT_GROUPS];

    /* the fixed part: the template's entries (decode_fixed_whole), each
     * written and kept when listed */
    const fixed_tmpl *t = &keep->t[d - ccx_messages];
    if (t->n > room)
        return -1;
    unsigned n = 0;
    for (const cfix *c = t->c, *ce = c + t->n; c < ce; c++) {
        if (!c->rd)
            continue;   /* not an integer of its size: not valid */
        const uint8_t *p = buf + c->offset;
        uint32_t u = c->rd == 1 || c->rd == -1 ? p[0]
                     : c->rd == 2 || c->rd == -2 ? (uint32_t)(p[0] << 8 | p[1])
                                                  : ccx_be32(p);
        if (c->group >= 0 && times[c->group]++ == 0)
            first[c->group] = u;
        out[n] = c->proto;
        out[n].v.u = u;
        n += c->listed;
    }

    /* the floating part (decode_floating) */
    uint16_t seen[CCX_MAX_FLOATING_REFS];
    cts_zero(seen, sizeof seen);   /* 128 bytes in plain stores, no memset call */
    uint32_t named_total = 0;
    unsigned listed = t->n;   /* entries ccx_decode_some would list */
    for (uint32_t pos = CCX_HEADER_LEN + in->fixed_all; pos < end;) {
        if (end - pos < 2 || listed++ >= CCX_MAX_FIELDS)
            return -1;
        uint8_t tag = buf[pos];
        uint32_t at = pos + 2, flen = buf[pos + 1];
        if (flen > end - at)
            return -1;
        pos = at + flen;
        const ccx_field_ref *r = ccx_msg_floating_ref(d, tag);
        if (!r) {
            const ccx_tag_def *td = ccx_tag_by_id(tag);
            if (td && td->field >= 0)
                return -1;   /* a known field this message does not list: a warning */
            continue;        /* reserved or unknown: a note, not listed */
        }
        if (flen > r->size || n == room)
            return -1;
        size_t ri = (size_t)(r - d->floating);
        ccx_cfield *g = &out[n];   /* kept when wanted */
        *g = (ccx_cfield){ .field = (int16_t)r->field, .type = (uint8_t)r->type,
                           .ref_no = (uint8_t)(1 + d->n_fixed + ri), .instance = seen[ri]++ };
        switch (r->type) {
        case CCX_STRING:
            if (flen && (buf[pos - 1] || cts_has_nul(buf + at, flen - 1)))
                return -1;   /* no NUL, or bytes after it */
            g->off = (uint16_t)at;
            g->len = (uint16_t)(flen ? flen - 1 : 0);
            break;
        case CCX_NAMEDVAR:
        case CCX_NAMEDARRAY:
            named_total += flen;
            if (!compact_named(buf, at, flen, r->type, g))
                return -1;
            break;
        case CCX_UNSPEC:
            break;
        default: {
            /* the type's size, or the spec's own maximum up to 4 bytes
             * (read_int and the AutoWork case both give the big-endian
             * number) */
            if (flen != ccx_dtype_size(r->type) && !(flen == r->size && flen <= 4))
                return -1;
            uint32_t u = 0;
            for (uint32_t k = 0; k < flen; k++)
                u = u << 8 | buf[at + k];
            g->v.u = u;
            int grp = in->floating_group[ri];
            if (grp >= 0 && times[grp]++ == 0)
                first[grp] = u;
        }
        }
        n += want[r->field];
    }

    /* the message-wide checks */
    if (named_total > CCX_NAMED_TOTAL_MAX)
        return -1;
    for (uint64_t req = in->required; req; req &= req - 1)
        if (missing_required(d, req, seen, version))
            return -1;
    for (unsigned g = 0; g < in->n_groups; g++)
        if (times[g] == 1 && first[g] != seen[group_most(in, g, seen)])
            return -1;
    return (int)n;
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

const char *ccx_dfield_name(const ccx_dfield *f, char *buf, size_t n)
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

const char *ccx_value_name(const ccx_dfield *f)
{
    return f->valid ? ccx_value_name_of(f->field, f->ref, f->type, f->u) : NULL;
}

char *ccx_format_int(const ccx_dfield *f, char *out, size_t n)
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

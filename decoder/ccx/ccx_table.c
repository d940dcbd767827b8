/* ccx_table.c - lookups over the CCX tables.
 *
 * Message lookup by id is a 256-entry direct index (all ids fit in a byte
 * today; larger ids fall back to a linear scan), and each message gets a
 * tag -> floating-reference index so decoding a field is O(1).  The indexes
 * are built once, on first use, from the tables themselves.
 */
#include "ccx_table.h"
#include "ccx_table_internal.h"

#include <ctype.h>
#include <string.h>
#include <glib.h>

static const ccx_msg_def *msg_by_small_id[256];
static uint8_t *tag_index;        /* [ccx_n_messages][256]: 1 + ref index, 0 = none */
static const ccx_tag_def *tag_by_id[256];
static uint8_t reserved_small[256];
static ccx_msg_info *msg_info;    /* [ccx_n_messages] */

static void build_info(size_t i)
{
    const ccx_msg_def *m = &ccx_messages[i];
    ccx_msg_info *in = &msg_info[i];
    if (m->n_fixed > CCX_MAX_FLOATING_REFS || m->n_floating > CCX_MAX_FLOATING_REFS)
        g_error("ccx tables: %s has more than %d fixed or floating refs", m->name,
                CCX_MAX_FLOATING_REFS);
    memset(in->fixed_group, -1, sizeof in->fixed_group);
    memset(in->floating_group, -1, sizeof in->floating_group);
    for (size_t j = 0; j < m->n_fixed; j++) {
        const ccx_field_ref *r = &m->fixed[j];
        in->fixed_all += r->size;
        if (!r->min_version)
            in->fixed_min += r->size;
        if (r->min_version > in->gate)
            in->gate = r->min_version;
    }
    for (size_t j = 0; j < m->n_floating; j++) {
        const ccx_field_ref *r = &m->floating[j];
        if (r->count_field < 0) {
            if (r->flags & CCX_REQ)
                in->required |= 1ull << j;
            continue;
        }
        unsigned g = 0;
        while (g < in->n_groups && in->groups[g].count_field != r->count_field)
            g++;
        if (g == in->n_groups) {
            if (g == CCX_MAX_COUNT_GROUPS)
                g_error("ccx tables: %s has more than %d count groups", m->name,
                        CCX_MAX_COUNT_GROUPS);
            in->groups[in->n_groups++].count_field = r->count_field;
        }
        in->groups[g].members |= 1ull << j;
    }
    /* where each group's count field sits: fixed (NumParties) or floating */
    for (unsigned g = 0; g < in->n_groups; g++) {
        for (size_t j = 0; j < m->n_fixed; j++)
            if ((int)m->fixed[j].field == in->groups[g].count_field)
                in->fixed_group[j] = (int8_t)g;
        for (size_t j = 0; j < m->n_floating; j++)
            if ((int)m->floating[j].field == in->groups[g].count_field)
                in->floating_group[j] = (int8_t)g;
    }
}

static void build_enum_index(void);

static void build_indexes(void)
{
    tag_index = g_malloc0(ccx_n_messages * 256);
    msg_info = g_new0(ccx_msg_info, ccx_n_messages);
    for (size_t i = 0; i < ccx_n_messages; i++) {
        const ccx_msg_def *m = &ccx_messages[i];
        if (m->id < 256)
            msg_by_small_id[m->id] = m;
        /* Floating refs: the first reference of a tag wins (a tag listed
         * twice in one message would be a table error; the table test
         * checks there is none). */
        for (size_t j = m->n_floating; j-- > 0;)
            tag_index[i * 256 + m->floating[j].tag] = (uint8_t)(j + 1);
        build_info(i);
    }
    for (size_t i = 0; i < ccx_n_tags; i++)
        tag_by_id[ccx_tags[i].tag] = &ccx_tags[i];
    for (size_t i = 0; i < ccx_n_reserved_msg_ids; i++)
        if (ccx_reserved_msg_ids[i] < 256)
            reserved_small[ccx_reserved_msg_ids[i]] = 1;
    build_enum_index();
}

void ccx_table_init(void)
{
    static gsize once = 0;
    if (g_once_init_enter(&once)) {
        build_indexes();
        g_once_init_leave(&once, 1);
    }
}

const ccx_msg_def *ccx_msg_by_id(uint32_t id)
{
    ccx_table_init();
    if (id < 256)
        return msg_by_small_id[id];
    for (size_t i = 0; i < ccx_n_messages; i++)
        if (ccx_messages[i].id == id)
            return &ccx_messages[i];
    return NULL;
}

const ccx_msg_def *ccx_msg_by_name(const char *name)
{
    ccx_table_init();
    for (size_t i = 0; i < ccx_n_messages; i++)
        if (strcmp(ccx_messages[i].name, name) == 0)
            return &ccx_messages[i];
    return NULL;
}

int ccx_msg_id_is_reserved(uint32_t id)
{
    ccx_table_init();
    if (id < 256)
        return reserved_small[id];
    for (size_t i = 0; i < ccx_n_reserved_msg_ids; i++)
        if (ccx_reserved_msg_ids[i] == id)
            return 1;
    return 0;
}

/* m comes from ccx_msg_by_id / ccx_msg_by_name, which built the index:
 * no init check here, this runs for every floating field. */
const ccx_field_ref *ccx_msg_floating_ref(const ccx_msg_def *m, uint8_t tag)
{
    size_t i = (size_t)(m - ccx_messages);
    uint8_t k = tag_index[i * 256 + tag];
    return k ? &m->floating[k - 1] : NULL;
}

const ccx_msg_info *ccx_msg_info_of(const ccx_msg_def *m)
{
    return &msg_info[m - ccx_messages];
}

const ccx_tag_def *ccx_tag_by_id(uint8_t tag)
{
    ccx_table_init();
    return tag_by_id[tag];
}

int ccx_field_by_name(const char *name)
{
    for (int i = 0; i < CCXF_COUNT; i++)
        if (strcmp(ccx_fields[i].name, name) == 0)
            return i;
    for (int i = 0; i < CCXF_COUNT; i++)
        if (strcmp(ccx_field_ids[i], name) == 0)
            return i;
    return -1;
}

/* Enum values below 256 (nearly all of them) are found through a direct
 * index per enum: EventCause alone has dozens of entries, and names are
 * looked up for most integer fields of every message printed.  The enum
 * comes as a pointer; a small open-addressing table maps it to its index. */
#define ENUM_SLOTS 256
static struct enum_slot {
    const ccx_enum *e;
    uint8_t *first;      /* [256]: 1 + index of the first entry covering v, 0 = none */
} enum_slots[ENUM_SLOTS];

static unsigned enum_slot_of(const ccx_enum *e)
{
    return (unsigned)(((uintptr_t)e >> 3) * 2654435761u) % ENUM_SLOTS;
}

static void build_enum_index(void)
{
    for (size_t k = 0; k < ccx_n_enums; k++) {
        const ccx_enum *e = ccx_all_enums[k];
        if (e->n_vals >= 255)
            continue;   /* the index holds 1 + an entry number in a byte */
        unsigned h = enum_slot_of(e);
        while (enum_slots[h].e && enum_slots[h].e != e)
            h = (h + 1) % ENUM_SLOTS;
        if (enum_slots[h].e)
            continue;
        uint8_t *first = g_malloc0(256);
        for (size_t i = e->n_vals; i-- > 0;)   /* the first entry covering v wins */
            for (uint32_t v = e->vals[i].lo; v <= e->vals[i].hi && v < 256; v++)
                first[v] = (uint8_t)(i + 1);
        enum_slots[h].e = e;
        enum_slots[h].first = first;
    }
}

const ccx_enum_val *ccx_enum_lookup(const ccx_enum *e, uint32_t v)
{
    if (!e)
        return NULL;
    if (v < 256) {
        ccx_table_init();
        for (unsigned h = enum_slot_of(e); enum_slots[h].e; h = (h + 1) % ENUM_SLOTS)
            if (enum_slots[h].e == e) {
                uint8_t k = enum_slots[h].first[v];
                return k ? &e->vals[k - 1] : NULL;
            }
    }
    for (size_t i = 0; i < e->n_vals; i++)
        if (v >= e->vals[i].lo && v <= e->vals[i].hi)
            return &e->vals[i];
    return NULL;
}

const ccx_enum_val *ccx_enum_by_name(const ccx_enum *e, const char *name)
{
    for (size_t i = 0; e && i < e->n_vals; i++)
        if (strcmp(e->vals[i].name, name) == 0)
            return &e->vals[i];
    return NULL;
}

const ccx_enum *ccx_ref_enum(int field, const ccx_field_ref *ref)
{
    if (ref && ref->enm)
        return ref->enm;
    return field >= 0 && field < CCXF_COUNT ? ccx_fields[field].enm : NULL;
}

static const char *const dtype_names[CCX_DTYPE_COUNT] = {
    "CHAR", "UCHAR", "SHORT", "USHORT", "INT", "UINT", "BOOL", "TIME",
    "STRING", "UNSPEC", "NAMEDVAR", "NAMEDARRAY",
};

const char *ccx_dtype_name(ccx_dtype t)
{
    return (unsigned)t < CCX_DTYPE_COUNT ? dtype_names[t] : "?";
}

static const char *const class_names[CCX_CLASS_COUNT] = {
    "Session", "Error", "Configuration", "Agent state", "Call event",
    "Call control", "Miscellaneous", "Reserved",
};

const char *ccx_class_name(ccx_msg_class c)
{
    return (unsigned)c < CCX_CLASS_COUNT ? class_names[c] : "?";
}

char *ccx_snake_name(const char *s, char *out, size_t n)
{
    size_t o = 0;
    if (n == 0)
        return out;
    for (size_t i = 0; s[i] && o + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c)) {
            /* spaces, dots, dashes: one underscore, never doubled */
            if (o > 0 && out[o - 1] != '_' && s[i + 1])
                out[o++] = '_';
            continue;
        }
        if (isupper(c) && o > 0 && out[o - 1] != '_') {
            unsigned char p = (unsigned char)s[i - 1];
            unsigned char nx = (unsigned char)s[i + 1];
            /* word break: aB -> a_b, 1B -> 1_b, and ABc -> a_bc (end of an
             * acronym), but an acronym's trailing plural stays: CSQs -> csqs */
            int acronym_end = isupper(p) && islower(nx) &&
                              !(nx == 's' && !isalnum((unsigned char)s[i + 2]));
            if (islower(p) || isdigit(p) || acronym_end)
                out[o++] = '_';
            if (o + 1 >= n)
                break;
        }
        out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
    return out;
}

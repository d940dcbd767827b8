/* cap_table.c - lookups over the CAP tables.
 *
 * Element names (and aliases) are found in a hash index built once, on
 * first use (g_once: thread-safe, allocation-free static arrays), every
 * start tag of every document asks it; attributes by a scan of the few (at
 * most 4) of their element.
 */
#include "cap_table.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define CAP_MAX_ELEMENTS 256
#define CAP_MAX_NAMES    (CAP_MAX_ELEMENTS + 16)
#define CAP_MAX_ATTRS    6

typedef struct name_ix {
    const char *name;
    size_t len;
    const cap_element *e;
} name_ix;

static name_ix names[CAP_MAX_NAMES];
static size_t n_names;
/* open addressing over names[]: index + 1, 0 = empty; 4x the names at least */
#define NAME_SLOTS 2048
static uint16_t name_slot[NAME_SLOTS];

static inline uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}
static const cap_attribute *elem_attrs[CAP_MAX_ELEMENTS][CAP_MAX_ATTRS];
static uint8_t n_elem_attrs[CAP_MAX_ELEMENTS];

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const name_ix *)a)->name, ((const name_ix *)b)->name);
}

static void build_index(void)
{
    g_assert(cap_n_elements <= CAP_MAX_ELEMENTS);
    for (size_t i = 0; i < cap_n_elements; i++) {
        const cap_element *e = &cap_elements[i];
        g_assert(n_names < CAP_MAX_NAMES);
        names[n_names++] = (name_ix){ e->name, strlen(e->name), e };
        for (const char *const *a = e->aliases; a && *a; a++) {
            g_assert(n_names < CAP_MAX_NAMES);
            names[n_names++] = (name_ix){ *a, strlen(*a), e };
        }
    }
    qsort(names, n_names, sizeof names[0], cmp_name);
    G_STATIC_ASSERT(NAME_SLOTS >= 4 * CAP_MAX_NAMES);
    for (size_t i = 0; i < n_names; i++) {
        uint32_t h = name_hash(names[i].name, names[i].len) & (NAME_SLOTS - 1);
        while (name_slot[h])
            h = (h + 1) & (NAME_SLOTS - 1);
        name_slot[h] = (uint16_t)(i + 1);
    }
    for (size_t i = 0; i < cap_n_attributes; i++) {
        const cap_attribute *a = &cap_attributes[i];
        for (size_t ei = 0; ei < cap_n_elements; ei++) {
            if (!strcmp(cap_elements[ei].name, a->element)) {
                g_assert(n_elem_attrs[ei] < CAP_MAX_ATTRS);
                elem_attrs[ei][n_elem_attrs[ei]++] = a;
                break;
            }
        }
    }
}

static void ensure_index(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        build_index();
        g_once_init_leave(&done, 1);
    }
}

const cap_command *cap_command_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < cap_n_commands; i++)
        if (!strcmp(cap_commands[i].name, name))
            return &cap_commands[i];
    return NULL;
}

const cap_element *cap_element_by_name(const char *name, size_t len)
{
    if (!name)
        return NULL;
    if (len == (size_t)-1)
        len = strlen(name);
    ensure_index();
    for (uint32_t h = name_hash(name, len) & (NAME_SLOTS - 1); name_slot[h];
         h = (h + 1) & (NAME_SLOTS - 1)) {
        const name_ix *x = &names[name_slot[h] - 1];
        if (x->len == len && memcmp(x->name, name, len) == 0)
            return x->e;
    }
    return NULL;
}

const cap_parent *cap_element_parent(const cap_element *e, const char *parent)
{
    if (!e)
        return NULL;
    for (size_t i = 0; i < e->n_parents; i++) {
        const cap_parent *p = &e->parents[i];
        if (parent && !strcmp(p->parent, parent))
            return p;
    }
    return NULL;
}

const cap_element *cap_element_in(const char *name, const char *parent)
{
    const cap_element *e = cap_element_by_name(name, (size_t)-1);
    if (!e)
        return NULL;
    if (!parent)
        return e->n_parents == 0 && !strcmp(e->name, "BroadsoftDocument") ? e : NULL;
    /* the parent may be written with an alias too */
    const cap_element *pe = cap_element_by_name(parent, (size_t)-1);
    return cap_element_parent(e, pe ? pe->name : parent) ? e : NULL;
}

const cap_attribute *cap_attribute_by_name(const cap_element *e, const char *name)
{
    if (!e || !name)
        return NULL;
    ensure_index();
    size_t ei = (size_t)(e - cap_elements);
    if (ei >= cap_n_elements)
        return NULL;
    for (unsigned i = 0; i < n_elem_attrs[ei]; i++)
        if (!strcmp(elem_attrs[ei][i]->name, name))
            return elem_attrs[ei][i];
    return NULL;
}

size_t cap_element_attributes(const cap_element *e, const cap_attribute **out, size_t max)
{
    if (!e)
        return 0;
    ensure_index();
    size_t ei = (size_t)(e - cap_elements);
    if (ei >= cap_n_elements)
        return 0;
    size_t n = n_elem_attrs[ei];
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = elem_attrs[ei][i];
    return n;
}

int cap_element_is_flag(const cap_element *e)
{
    return e && e->content == CAP_CONTENT_EMPTY && cap_element_attributes(e, NULL, 0) == 0;
}

const cap_enum_val *cap_enum_lookup(const cap_enum *e, const char *value, size_t len)
{
    if (!e || !value)
        return NULL;
    if (len == (size_t)-1)
        len = strlen(value);
    for (size_t i = 0; i < e->n_vals; i++) {
        const char *v = e->vals[i].value;
        if (strnlen(v, len + 1) == len && memcmp(v, value, len) == 0)
            return &e->vals[i];
    }
    return NULL;
}

int cap_parent_repeats(const cap_parent *p)
{
    return p && (cap_occ_repeats(p->capc) || cap_occ_repeats(p->ccc2) ||
                 cap_occ_repeats(p->text));
}

char *cap_snake_name(const char *s, char *out, size_t n)
{
    size_t o = 0;
    if (!n)
        return out;
    for (size_t i = 0; s[i] && o + 1 < n; i++) {
        char c = s[i];
        if (g_ascii_isupper(c)) {
            int prev_lower = i > 0 && (g_ascii_islower(s[i - 1]) || g_ascii_isdigit(s[i - 1]));
            int acronym_end = i > 0 && g_ascii_isupper(s[i - 1]) && g_ascii_islower(s[i + 1]);
            if ((prev_lower || acronym_end) && o + 2 < n)
                out[o++] = '_';
            out[o++] = g_ascii_tolower(c);
        } else if (c == ' ' || c == '-') {
            if (o > 0 && out[o - 1] != '_')
                out[o++] = '_';
        } else {
            out[o++] = c;
        }
    }
    out[o] = '\0';
    return out;
}

char *cap_element_filter(const cap_element *e, char *out, size_t n)
{
    snprintf(out, n, CAP_FILTER_PREFIX ".%s", e ? e->field : "?");
    return out;
}

char *cap_attribute_filter(const cap_attribute *a, char *out, size_t n)
{
    snprintf(out, n, CAP_FILTER_PREFIX ".%s", a ? a->field : "?");
    return out;
}

const char *cap_direction_name(cap_direction d)
{
    switch (d) {
    case CAP_DIR_C2S: return "client to server";
    case CAP_DIR_S2C: return "server to client";
    case CAP_DIR_BOTH: return "client to server or server to client";
    }
    return "?";
}

const char *cap_protocols_name(unsigned p)
{
    switch (p & CAP_PROTO_BOTH) {
    case CAP_PROTO_CAPC: return "CAP-C";
    case CAP_PROTO_CCC2: return "CCC2";
    case CAP_PROTO_BOTH: return "CAP-C, CCC2";
    }
    return "none";
}

/* ccx_encode.c - text -> CCX CTI message, driven by the tables. */
#include "ccx_encode.h"
#include "ccx_decode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 512

typedef struct token {
    char *name;
    char *value;
} token;

/* Split "A=b C=\"d e\"" into name/value tokens (in place). */
static int tokenize(char *s, token *tok, int max, char *err, size_t errlen)
{
    int n = 0;
    while (*s) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s || *s == '#')
            break;
        if (n == max) {
            snprintf(err, errlen, "more than %d tokens", max);
            return -1;
        }
        char *start = s;
        char *eq = NULL;
        char *w = s;    /* write pointer: quotes are removed in place */
        int quoted = 0;
        while (*s && (quoted || !isspace((unsigned char)*s))) {
            if (*s == '"') {
                quoted = !quoted;
                s++;
                continue;
            }
            if (*s == '=' && !eq && !quoted)
                eq = w;
            if (*s == '\\' && quoted && s[1]) {
                s++;
                *w++ = *s == 'n' ? '\n' : *s;
                s++;
                continue;
            }
            *w++ = *s++;
        }
        if (quoted) {
            snprintf(err, errlen, "unterminated quote in \"%s\"", start);
            return -1;
        }
        int more = *s != '\0';
        if (more)
            s++;
        *w = '\0';
        tok[n].name = start;
        tok[n].value = NULL;
        if (eq) {
            *eq = '\0';
            tok[n].value = eq + 1;
        }
        n++;
        if (!more)
            break;
    }
    return n;
}

static int parse_hex(const char *hex, GByteArray *out, char *err, size_t errlen)
{
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        if (isspace((unsigned char)*p) || *p == ':')
            continue;
        if (!isxdigit((unsigned char)*p)) {
            snprintf(err, errlen, "bad hex digit '%c'", *p);
            return -1;
        }
        int v = g_ascii_xdigit_value(*p);
        if (hi < 0) {
            hi = v;
        } else {
            guint8 b = (guint8)(hi << 4 | v);
            g_byte_array_append(out, &b, 1);
            hi = -1;
        }
    }
    if (hi >= 0) {
        snprintf(err, errlen, "odd number of hex digits");
        return -1;
    }
    return 0;
}

int ccx_encode_hex(const char *hex, GByteArray *out, char *err, size_t errlen)
{
    return parse_hex(hex, out, err, errlen);
}

/* Integer or enum/mask name(s). */
static int parse_int(int field, const ccx_field_ref *ref, const char *v, uint32_t *out, char *err,
                     size_t errlen)
{
    const ccx_enum *e = ccx_ref_enum(field, ref);
    char *end;
    errno = 0;
    if (isdigit((unsigned char)v[0]) || v[0] == '-') {
        long long x = strtoll(v, &end, 0);
        if (*end || errno || x < INT32_MIN || x > (long long)UINT32_MAX) {
            snprintf(err, errlen, "bad number \"%s\"", v);
            return -1;
        }
        *out = (uint32_t)x;
        return 0;
    }
    /* Names: for masks, NAME|NAME. */
    uint32_t acc = 0;
    char *buf = g_strdup(v);
    int rc = 0;
    for (char *save = NULL, *p = strtok_r(buf, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
        int found = 0;
        for (size_t i = 0; e && i < e->n_vals; i++) {
            if (strcmp(e->vals[i].name, p) == 0) {
                acc |= e->vals[i].lo;
                found = 1;
                break;
            }
        }
        if (!found) {
            snprintf(err, errlen, "\"%s\" is not a value name of %s", p,
                     field >= 0 ? ccx_fields[field].name : "this field");
            rc = -1;
            break;
        }
        if (!e->is_mask)
            break;
    }
    g_free(buf);
    *out = acc;
    return rc;
}

static void put_int(GByteArray *b, ccx_dtype t, uint32_t v)
{
    guint8 p[4];
    unsigned sz = ccx_dtype_size(t);
    for (unsigned i = 0; i < sz; i++)
        p[i] = (guint8)(v >> (8 * (sz - 1 - i)));
    g_byte_array_append(b, p, sz);
}

int ccx_encode_text(const char *line, GByteArray *out, char *err, size_t errlen)
{
    char *copy = g_strdup(line);
    token tok[MAX_TOKENS];
    int rc = -1;
    int n = tokenize(copy, tok, MAX_TOKENS, err, errlen);
    GByteArray *flt = NULL;
    if (n <= 0) {
        if (n == 0)
            snprintf(err, errlen, "empty message line");
        goto done;
    }
    const ccx_msg_def *d = ccx_msg_by_name(tok[0].name);
    if (!d || tok[0].value) {
        snprintf(err, errlen, "unknown message name \"%s\"", tok[0].name);
        goto done;
    }

    uint32_t fixed_val[64];
    uint8_t fixed_set[64];
    memset(fixed_set, 0, sizeof fixed_set);
    if (d->n_fixed > 64) {
        snprintf(err, errlen, "%s: too many fixed fields", d->name);
        goto done;
    }
    uint16_t count_of[CCXF_COUNT];   /* occurrences per counted ref's count field */
    uint16_t occ[64];
    memset(occ, 0, sizeof occ);
    flt = g_byte_array_new();

    for (int t = 1; t < n; t++) {
        if (!tok[t].value) {
            snprintf(err, errlen, "%s: \"%s\" is not Field=value", d->name, tok[t].name);
            goto done;
        }
        int fid = ccx_field_by_name(tok[t].name);
        if (fid < 0) {
            snprintf(err, errlen, "%s: unknown field \"%s\"", d->name, tok[t].name);
            goto done;
        }
        /* Fixed field? */
        size_t i;
        for (i = 0; i < d->n_fixed; i++)
            if ((int)d->fixed[i].field == fid && fid != CCXF_reserved)
                break;
        if (i < d->n_fixed) {
            if (parse_int(fid, &d->fixed[i], tok[t].value, &fixed_val[i], err, errlen) < 0)
                goto done;
            fixed_set[i] = 1;
            continue;
        }
        /* Floating field. */
        for (i = 0; i < d->n_floating; i++)
            if ((int)d->floating[i].field == fid)
                break;
        if (i == d->n_floating) {
            snprintf(err, errlen, "%s has no field %s", d->name, tok[t].name);
            goto done;
        }
        const ccx_field_ref *r = &d->floating[i];
        if (i < 64)
            occ[i]++;
        GByteArray *data = g_byte_array_new();
        const char *v = tok[t].value;
        int ok = 0;
        if (g_str_has_prefix(v, "hex:")) {
            ok = parse_hex(v + 4, data, err, errlen);
        } else if (ccx_dtype_is_int(r->type)) {
            uint32_t x;
            ok = parse_int(fid, r, v, &x, err, errlen);
            if (ok == 0)
                put_int(data, r->type, x);
        } else if (r->type == CCX_NAMEDVAR || r->type == CCX_NAMEDARRAY) {
            if (r->type == CCX_NAMEDARRAY) {
                char *colon = strchr(v, ':');
                if (!colon) {
                    snprintf(err, errlen, "NamedArray wants index:name=value");
                    ok = -1;
                } else {
                    guint8 idx = (guint8)atoi(v);
                    g_byte_array_append(data, &idx, 1);
                    v = colon + 1;
                }
            }
            const char *eq = strchr(v, '=');
            if (ok == 0 && !eq) {
                snprintf(err, errlen, "%s wants name=value", tok[t].name);
                ok = -1;
            }
            if (ok == 0) {
                g_byte_array_append(data, (const guint8 *)v, (guint)(eq - v + 1));
                data->data[data->len - 1] = 0;
                g_byte_array_append(data, (const guint8 *)eq + 1, (guint)strlen(eq + 1) + 1);
            }
        } else if (r->type == CCX_STRING) {
            g_byte_array_append(data, (const guint8 *)v, (guint)strlen(v) + 1);
        } else {
            g_byte_array_append(data, (const guint8 *)v, (guint)strlen(v));
        }
        if (ok == 0 && data->len > 255) {
            snprintf(err, errlen, "%s: %u bytes do not fit a floating field", tok[t].name, data->len);
            ok = -1;
        }
        if (ok < 0) {
            g_byte_array_unref(data);
            goto done;
        }
        guint8 hdr[2] = { r->tag, (guint8)data->len };
        g_byte_array_append(flt, hdr, 2);
        g_byte_array_append(flt, data->data, data->len);
        g_byte_array_unref(data);
    }

    /* Count fields not given: the most frequent of the refs they count. */
    memset(count_of, 0, sizeof count_of);
    for (size_t i = 0; i < d->n_floating && i < 64; i++) {
        int c = d->floating[i].count_field;
        if (c >= 0 && occ[i] > count_of[c])
            count_of[c] = occ[i];
    }

    GByteArray *msg = g_byte_array_new();
    guint8 hdr[8] = { 0 };
    g_byte_array_append(msg, hdr, 8);
    for (size_t i = 0; i < d->n_fixed; i++) {
        const ccx_field_ref *r = &d->fixed[i];
        uint32_t v = 0;
        if (fixed_set[i])
            v = fixed_val[i];
        else if (r->flags & CCX_HAS_DEFAULT)
            v = r->dflt;
        else if (ccx_fields[r->field].roles & CCX_ROLE_COUNT)
            v = count_of[r->field];
        if (ccx_dtype_size(r->type) == r->size) {
            put_int(msg, r->type, v);
        } else {
            guint8 z[64] = { 0 };
            g_byte_array_append(msg, z, r->size < 64 ? r->size : 64);
        }
    }
    g_byte_array_append(msg, flt->data, flt->len);
    uint32_t body = msg->len - 8;
    for (int i = 0; i < 4; i++) {
        msg->data[i] = (guint8)(body >> (24 - 8 * i));
        msg->data[4 + i] = (guint8)(d->id >> (24 - 8 * i));
    }
    g_byte_array_append(out, msg->data, msg->len);
    g_byte_array_unref(msg);
    rc = 0;
done:
    if (flt)
        g_byte_array_unref(flt);
    g_free(copy);
    return rc;
}

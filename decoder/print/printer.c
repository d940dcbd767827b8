/* printer.c - text and JSON Lines printers for decoded CTI messages. */
#include "printer.h"
#include "ccx_facts.h"

#include <string.h>
#include <time.h>

#include "fast_append.h"   /* fa_*: a JSON line is many short appends */

/* "\"CallID\":" for every field, made once: field names need no escaping
 * and JSON lines are mostly keys. */
static char *json_keys[CCXF_COUNT];
static size_t json_key_len[CCXF_COUNT];

void cts_printer_flush(cts_printer *p);

cts_printer *cts_printer_new(FILE *out, cts_format format)
{
    if (!json_keys[0])
        for (int i = 0; i < CCXF_COUNT; i++) {
            json_keys[i] = g_strdup_printf("\"%s\":", ccx_fields[i].name);
            json_key_len[i] = strlen(json_keys[i]);
        }
    cts_printer *p = g_new0(cts_printer, 1);
    p->out = out;
    p->format = format;
    p->line = g_string_sized_new(4096);
    return p;
}

void cts_printer_free(cts_printer *p)
{
    if (!p)
        return;
    cts_printer_flush(p);
    g_string_free(p->line, TRUE);
    for (size_t i = 0; i < G_N_ELEMENTS(p->enum_text); i++)
        g_free(p->enum_text[i].text);
    if (p->cap_links)
        g_array_free(p->cap_links, TRUE);
    if (p->cap_kids)
        g_array_free(p->cap_kids, TRUE);
    g_free(p);
}

void cts_format_rfc3339(int64_t sec, int32_t usec, char *out, size_t n)
{
    time_t t = (time_t)sec;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)usec);
}

/* ---- escaping ---- */

/* Text: printable ASCII and valid UTF-8 as is; the rest as \xNN. */
static void text_escape(GString *s, const uint8_t *d, size_t n)
{
    fa_c(s, '"');
    size_t i = 0, l;
    while (i < n) {
        uint8_t c = d[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            fa_c(s, (char)c);
            i++;
        } else if (c == '"' || c == '\\') {
            fa_c(s, '\\');
            fa_c(s, (char)c);
            i++;
        } else if (c >= 0x80 && (l = fa_utf8_len((const char *)d + i, n - i)) != 0) {
            fa_len(s, (const char *)d + i, l);
            i += l;
        } else {
            g_string_append_printf(s, "\\x%02x", c);
            i++;
        }
    }
    fa_c(s, '"');
}



/* JSON: RFC 8259 string; invalid UTF-8 bytes become U+FFFD. */
static void json_escape(GString *s, const uint8_t *d, size_t n)
{
    fa_json_escape(s, (const char *)d, n);
}

static void json_str(GString *s, const char *z)
{
    if (!z) {
        fa_s(s, "null");
        return;
    }
    json_escape(s, (const uint8_t *)z, strlen(z));
}

static void hex(GString *s, const uint8_t *d, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        fa_c(s, hx[d[i] >> 4]);
        fa_c(s, hx[d[i] & 15]);
    }
}

/* Lines collect in p->line and go out 64 KiB at a time: an fwrite per
 * message would take stdio's lock and copy once per message. */
static void flush_line(cts_printer *p)
{
    if (p->line->len >= (1u << 16) || p->flush_each)
        cts_printer_flush(p);
}

void cts_printer_flush(cts_printer *p)
{
    if (p->line->len)
        fwrite(p->line->str, 1, p->line->len, p->out);
    g_string_truncate(p->line, 0);
}

/* ---- text ---- */

static void text_time(cts_printer *p, const cts_item_ctx *c)
{
    if (c->ts_sec != p->last_sec || !p->sec_text[0]) {
        time_t t = (time_t)c->ts_sec;
        struct tm tm;
        gmtime_r(&t, &tm);
        char date[16];
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        if (strcmp(date, p->last_date) != 0) {
            fa_s(p->line, "-- ");
            fa_s(p->line, date);
            fa_s(p->line, " (UTC) --\n");
            memcpy(p->last_date, date, sizeof date);
        }
        strftime(p->sec_text, sizeof p->sec_text, "%H:%M:%S", &tm);
        p->last_sec = c->ts_sec;
    }
    char us[8];
    unsigned u = (unsigned)c->ts_usec % 1000000u;
    us[0] = '.';
    for (int k = 6; k >= 1; k--, u /= 10)
        us[k] = (char)('0' + u % 10);
    us[7] = '\0';
    cts_frame_append(p->line, p->files, c->frame);
    fa_c(p->line, ' ');
    fa_s(p->line, p->sec_text);
    fa_s(p->line, us);
    fa_c(p->line, ' ');
    fa_s(p->line, c->src);
    fa_s(p->line, p->ascii ? " -> " : " \u2192 ");
    fa_s(p->line, c->dst);
    fa_c(p->line, ' ');
}

/* An integer field as ccx_format_int writes it ("2 (LCS_ALERTING)",
 * "4294967295 (NULL_CALL_ID)", masks "0x00000014 (A | B)"), without printf
 * for all but masks: most lines of the text output are numbers. */
static void text_int(GString *s, const ccx_decoded_field *f, char *b, size_t n)
{
    const ccx_enum *e = ccx_ref_enum(f->field, f->ref);
    if (e && e->is_mask) {
        fa_s(s, ccx_format_int(f, b, n));
        return;
    }
    if (f->type == CCX_CHAR || f->type == CCX_SHORT || f->type == CCX_INT)
        fa_int(s, f->i);
    else
        fa_uint(s, f->u, 1);
    const char *name = ccx_value_name(f);
    if (name) {
        fa_s(s, " (");
        fa_s(s, name);
        fa_c(s, ')');
    }
}

static void text_value(cts_printer *p, const ccx_decoded_field *f)
{
    GString *s = p->line;
    char b[1024];   /* a mask with every bit named */
    if (!f->valid) {
        g_string_append_printf(s, "<%u bytes, not decodable", f->length);
        if (f->length) {
            fa_s(s, ": ");
            hex(s, f->data, f->length);
        }
        fa_c(s, '>');
        return;
    }
    switch (f->type) {
    case CCX_STRING:
        text_escape(s, f->data, f->str_len);
        break;
    case CCX_NAMEDVAR:
    case CCX_NAMEDARRAY:
        text_escape(s, f->nv_name, f->nv_name_len);
        if (f->type == CCX_NAMEDARRAY)
            g_string_append_printf(s, "[%u]", f->nv_index);
        fa_s(s, " = ");
        text_escape(s, f->nv_value, f->nv_value_len);
        break;
    case CCX_UNSPEC:
        if (!f->length) {
            fa_s(s, "(empty)");
        } else {
            fa_s(s, "0x");
            hex(s, f->data, f->length);
        }
        break;
    default:
        text_int(s, f, b, sizeof b);
        if (f->type == CCX_TIME) {
            cts_format_rfc3339(f->u, 0, b, sizeof b);
            g_string_append_printf(s, " (%s)", b);
        }
        break;
    }
}

static unsigned count_sev(const ccx_msg *m, ccx_severity sev)
{
    unsigned n = 0;
    for (unsigned i = 0; i < m->n_diags; i++)
        n += m->diags[i].sev == sev;
    return n;
}

/* --color: SGR sequences, as grep and ls write them. */
#define SGR_BOLD "\033[1m"
#define SGR_OFF "\033[m"
static const char *sev_sgr(int sev)   /* ccx_severity and cap_severity rank alike */
{
    return sev == CCX_SEV_ERROR ? "\033[1;31m" : sev == CCX_SEV_WARN ? "\033[33m" : "\033[36m";
}

/* A message's name (the first word of text), bold with --color. */
static void name_text(cts_printer *p, const char *text)
{
    GString *s = p->line;
    if (!p->color) {
        fa_s(s, text);
        return;
    }
    const char *sp = strchr(text, ' ');
    size_t n = sp ? (size_t)(sp - text) : strlen(text);
    fa_s(s, SGR_BOLD);
    g_string_append_len(s, text, (gssize)n);
    fa_s(s, SGR_OFF);
    fa_s(s, text + n);
}

/* --brief: the header line ends with the problem counts, "[1 error, 2 warnings]". */
static void end_brief_line(cts_printer *p, unsigned e, unsigned w)
{
    GString *s = p->line;
    if (e || w) {
        if (p->color)
            fa_s(s, sev_sgr(e ? CCX_SEV_ERROR : CCX_SEV_WARN));
        fa_s(s, " [");
        if (e)
            g_string_append_printf(s, "%u error%s%s", e, e > 1 ? "s" : "", w ? ", " : "");
        if (w)
            g_string_append_printf(s, "%u warning%s", w, w > 1 ? "s" : "");
        fa_c(s, ']');
        if (p->color)
            fa_s(s, SGR_OFF);
    }
    fa_c(s, '\n');
    flush_line(p);
}

static void print_text(cts_printer *p, const cts_item_ctx *c, const ccx_msg *m)
{
    GString *s = p->line;
    char nb[64], sum[512];
    text_time(p, c);
    name_text(p, ccx_msg_name(m, nb, sizeof nb));
    ccx_summary(m, p->ascii ? "->" : "\u2192", sum, sizeof sum);
    if (sum[0]) {
        fa_c(s, ' ');
        fa_s(s, sum);
    }
    if (p->format == CTS_BRIEF) {
        unsigned e = count_sev(m, CCX_SEV_ERROR), w = count_sev(m, CCX_SEV_WARN);
        end_brief_line(p, e, w);
        return;
    }
    fa_c(s, '\n');
    for (unsigned i = 0; i < m->n_fields && i < CCX_MAX_FIELDS; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        if (f->field == CCXF_reserved && !p->show_reserved)
            continue;
        fa_s(s, "    ");
        fa_s(s, ccx_decoded_field_name(f, nb, sizeof nb));
        if (f->ref && f->ref->count_field >= 0) {
            fa_c(s, '[');
            fa_uint(s, f->instance, 1);
            fa_c(s, ']');
        }
        fa_s(s, ": ");
        text_value(p, f);
        if (f->kind == CCX_D_FOREIGN)
            fa_s(s, "  (not defined for this message)");
        fa_c(s, '\n');
    }
    for (unsigned i = 0; i < m->n_diags; i++) {
        const ccx_diag *d = &m->diags[i];
        if (p->color)
            fa_s(s, sev_sgr(d->sev));
        g_string_append_printf(s, "    ! %s at offset %u", ccx_severity_name(d->sev), d->offset);
        if (d->field >= 0)
            g_string_append_printf(s, " [%s]", ccx_fields[d->field].name);
        g_string_append_printf(s, ": %s%s\n", d->text, p->color ? SGR_OFF : "");
    }
    if (m->diags_dropped)
        g_string_append_printf(s, "    ! " CTI_DIAGS_DROPPED_FMT "\n", m->diags_dropped);
    flush_line(p);
}

/* ---- JSON ---- */

static void json_head(cts_printer *p, const cts_item_ctx *c)
{
    /* The date and time of day change once a second at most: format them
     * then, and only the microseconds for every message. */
    if (c->ts_sec != p->last_sec || !p->sec_text[0]) {
        char t[40];
        cts_format_rfc3339(c->ts_sec, 0, t, sizeof t);
        t[19] = '\0';   /* "YYYY-MM-DDTHH:MM:SS" */
        memcpy(p->sec_text, t, 20);
        p->last_sec = c->ts_sec;
    }
    char us[7];
    unsigned u = (unsigned)c->ts_usec % 1000000u;
    for (int k = 5; k >= 0; k--, u /= 10)
        us[k] = (char)('0' + u % 10);
    us[6] = '\0';
    int log = cts_frame_is_log(p->files, c->frame);
    if (log) {
        /* a MIVR log's message: its file and line, and who sent it (the
         * addresses are synthesized, mivr_synth.h) */
        const char *f = cts_frame_file_name(p->files, c->frame);
        fa_s(p->line, "{\"source\":{\"file\":");
        fa_json_escape(p->line, f, strlen(f));
        fa_s(p->line, ",\"line\":");
        fa_uint(p->line, cts_frame_number(c->frame), 1);
        fa_c(p->line, '}');
    } else {
        fa_s(p->line, "{\"frame\":");
        cts_frame_json(p->line, p->files, c->frame, "file");
    }
    fa_s(p->line, ",\"time\":\"");
    fa_s(p->line, p->sec_text);
    fa_c(p->line, '.');
    fa_s(p->line, us);
    /* addresses and protocol names are plain ASCII: no escaping */
    if (log) {
        fa_s(p->line, "Z\",\"from\":\"");
        fa_s(p->line, strcmp(c->src, CTS_LOG_SERVER) == 0   ? "server"
                      : strcmp(c->dst, CTS_LOG_SERVER) == 0 ? "client"
                                                            : "unknown");
    } else {
        fa_s(p->line, "Z\",\"src\":\"");
        fa_s(p->line, c->src);
        fa_s(p->line, "\",\"dst\":\"");
        fa_s(p->line, c->dst);
    }
    fa_s(p->line, "\",\"protocol\":\"");
    fa_s(p->line, c->protocol);
    fa_s(p->line, "\",\"stream_offset\":");
    fa_uint(p->line, c->stream_off, 1);
}

static void json_enum_value(GString *s, const ccx_enum *e, const ccx_decoded_field *f, int neg);

static void json_value(cts_printer *p, const ccx_decoded_field *f)
{
    GString *s = p->line;
    if (!f->valid) {
        fa_s(s, "{\"raw\":\"");
        hex(s, f->data, f->length);
        fa_s(s, "\"}");
        return;
    }
    switch (f->type) {
    case CCX_STRING:
        json_escape(s, f->data, f->str_len);
        return;
    case CCX_NAMEDVAR:
    case CCX_NAMEDARRAY:
        fa_s(s, "{\"name\":");
        json_escape(s, f->nv_name, f->nv_name_len);
        if (f->type == CCX_NAMEDARRAY)
            g_string_append_printf(s, ",\"index\":%u", f->nv_index);
        fa_s(s, ",\"value\":");
        json_escape(s, f->nv_value, f->nv_value_len);
        fa_c(s, '}');
        return;
    case CCX_UNSPEC:
        fa_c(s, '"');
        hex(s, f->data, f->length);
        fa_c(s, '"');
        return;
    default:
        break;
    }
    int neg = f->type == CCX_CHAR || f->type == CCX_SHORT || f->type == CCX_INT;
    const ccx_enum *e = ccx_ref_enum(f->field, f->ref);
    if (!e) {
        if (neg)
            fa_int(s, f->i);
        else
            fa_uint(s, f->u, 1);
        return;
    }
    /* The same few values come again and again: their text is cached
     * (not for a field that has a Table 198 NULL constant, whose name
     * depends on the field as well as the value: NULL_CALL_ID). */
    if (ccx_field_null(f->field)) {
        json_enum_value(s, e, f, neg);
        return;
    }
    uintptr_t h = ((uintptr_t)e >> 4) * 31u + f->u * 2654435761u + (unsigned)neg;
    struct cts_enum_text *c = &p->enum_text[(h >> 7) % G_N_ELEMENTS(p->enum_text)];
    if (c->text && c->e == e && c->v == f->u && c->neg == (uint32_t)neg) {
        fa_len(s, c->text, c->len);
        return;
    }
    size_t start = s->len;
    json_enum_value(s, e, f, neg);
    g_free(c->text);
    c->e = e;
    c->v = f->u;
    c->neg = (uint32_t)neg;
    c->len = s->len - start;
    c->text = g_memdup2(s->str + start, c->len);
}

/* {"value":N,"name":...} of an enum or mask field. */
static void json_enum_value(GString *s, const ccx_enum *e, const ccx_decoded_field *f, int neg)
{
    fa_s(s, "{\"value\":");
    if (neg)
        fa_int(s, f->i);
    else
        fa_uint(s, f->u, 1);
    fa_s(s, ",\"name\":");
    if (e->is_mask) {
        /* names are plain identifiers: no escaping needed */
        uint32_t known = 0;
        if (!f->u)
            fa_s(s, "null");
        else
            fa_c(s, '"');
        for (size_t i = 0; i < e->n_vals && f->u; i++) {
            uint32_t bit = e->vals[i].lo;
            if (bit && (f->u & bit) == bit) {
                if (known)
                    fa_c(s, '|');
                fa_s(s, e->vals[i].name);
                known |= bit;
            }
        }
        if (f->u)
            fa_c(s, '"');
        if (f->u & ~known) {
            fa_s(s, ",\"unknown_bits\":");
            fa_uint(s, f->u & ~known, 1);
        }
    } else {
        /* value names are identifiers: no escaping */
        const char *name = ccx_value_name(f);
        if (name) {
            fa_c(s, '"');
            fa_s(s, name);
            fa_c(s, '"');
        } else {
            fa_s(s, "null");
        }
    }
    fa_c(s, '}');
}

static void json_diags(cts_printer *p, const ccx_msg *m)
{
    GString *s = p->line;
    fa_s(s, ",\"diagnostics\":[");
    for (unsigned i = 0; i < m->n_diags; i++) {
        const ccx_diag *d = &m->diags[i];
        g_string_append_printf(s, "%s{\"severity\":\"%s\",\"field\":", i ? "," : "",
                               ccx_severity_name(d->sev));
        json_str(s, d->field >= 0 ? ccx_fields[d->field].name : NULL);
        g_string_append_printf(s, ",\"offset\":%u,\"text\":", d->offset);
        json_str(s, d->text);
        fa_c(s, '}');
    }
    fa_s(s, "],\"diagnostics_dropped\":");
    fa_uint(s, m->diags_dropped, 1);
}

/* Key of a decoded entry in "fields". */
static void json_key(cts_printer *p, const ccx_decoded_field *f)
{
    char b[48];
    if (f->field >= 0) {
        fa_len(p->line, json_keys[f->field], json_key_len[f->field]);
        return;
    }
    if (f->kind == CCX_D_UNKNOWN) {
        snprintf(b, sizeof b, "FieldDataID_%u", f->tag);
        json_str(p->line, b);
    } else {
        json_str(p->line, "raw");
    }
    fa_c(p->line, ':');
}

static int is_list(const ccx_decoded_field *f)
{
    return f->type == CCX_NAMEDVAR || f->type == CCX_NAMEDARRAY ||
           (f->ref && f->ref->count_field >= 0);
}

static void print_json(cts_printer *p, const cts_item_ctx *c, const ccx_msg *m)
{
    GString *s = p->line;
    char nb[64];
    unsigned n = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    json_head(p, c);
    fa_s(s, ",\"message\":");
    json_str(s, ccx_msg_name(m, nb, sizeof nb));
    fa_s(s, ",\"type_id\":");
    fa_uint(s, m->type_id, 1);
    fa_s(s, ",\"fields\":{");

    /* Chain the occurrences of each field (O(n)): next_same[i] is the next
     * entry with the same key; keys with field -1 are chained by kind/tag. */
    if (++p->stamp == 0) {
        memset(p->seen_stamp, 0, sizeof p->seen_stamp);
        p->stamp = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        p->next_same[i] = -1;
        if (f->field >= 0) {
            if (p->seen_stamp[f->field] == p->stamp)
                p->next_same[p->last_seen[f->field]] = (int)i;
            p->seen_stamp[f->field] = p->stamp;
            p->last_seen[f->field] = (int)i;
        } /* unknown tags and raw bytes: each its own key */
    }
    /* Emit each key at its first occurrence. */
    int first = 1;
    for (unsigned i = 0; i < n; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        if (f->field == CCXF_reserved && !p->show_reserved)
            continue;
        /* An entry already printed in its field's list is skipped. */
        if (f->field >= 0 && p->seen_stamp[f->field] != p->stamp)
            continue;
        if (!first)
            fa_c(s, ',');
        first = 0;
        json_key(p, f);
        int list = is_list(f) || (f->field >= 0 && p->next_same[i] >= 0);
        if (f->field >= 0)
            p->seen_stamp[f->field] = p->stamp - 1; /* later entries are continuations */
        if (!list) {
            json_value(p, f);
            continue;
        }
        fa_c(s, '[');
        for (int k = (int)i; k >= 0; k = p->next_same[k]) {
            if (k != (int)i)
                fa_c(s, ',');
            json_value(p, &m->fields[k]);
        }
        fa_c(s, ']');
    }
    fa_c(s, '}');
    json_diags(p, m);
    fa_s(s, "}\n");
    flush_line(p);
}

void cts_print_ccx(cts_printer *p, const cts_item_ctx *c, const ccx_msg *m)
{
    if (!cts_msgsel_ccx(p->sel, m))
        return;
    if (p->format == CTS_JSON)
        print_json(p, c, m);
    else
        print_text(p, c, m);
}

void cts_print_problem(cts_printer *p, const cts_item_ctx *c, ccx_severity sev, const char *text)
{
    GString *s = p->line;
    if (p->format == CTS_JSON) {
        json_head(p, c);
        g_string_append_printf(s, ",\"message\":null,\"fields\":{},"
                                  "\"diagnostics\":[{\"severity\":\"%s\",\"field\":null,"
                                  "\"offset\":null,\"text\":",
                               ccx_severity_name(sev));
        json_str(s, text);
        fa_s(s, "}]}\n");
    } else {
        text_time(p, c);
        g_string_append_printf(s, "%s!! %s: %s%s\n", p->color ? sev_sgr(sev) : "",
                               ccx_severity_name(sev), text, p->color ? SGR_OFF : "");
    }
    flush_line(p);
}

/* ---- BroadWorks CAP documents ---- */

static unsigned cap_count_sev(const cap_msg *m, cap_severity sev)
{
    unsigned n = 0;
    for (unsigned i = 0; i < m->n_diags; i++)
        n += m->diags[i].sev == sev;
    return n;
}

/* value text of an attribute or a text-only element */
static void cap_text_value(GString *s, const cap_item *it)
{
    text_escape(s, (const uint8_t *)(it->value ? it->value : ""), it->value ? it->value_len : 0);
    if (it->enum_val && it->enum_val->name && strcmp(it->enum_val->name, it->value) != 0) {
        fa_s(s, " (");
        fa_s(s, it->enum_val->name);
        fa_c(s, ')');
    }
}

static void print_cap_text(cts_printer *p, const cts_item_ctx *c, const cap_msg *m)
{
    GString *s = p->line;
    char sum[512];
    text_time(p, c);
    name_text(p, cap_summary(m, sum, sizeof sum));   /* as the plugin's Info column */
    if (p->format == CTS_BRIEF) {
        unsigned e = cap_count_sev(m, CAP_SEV_ERROR), w = cap_count_sev(m, CAP_SEV_WARN);
        end_brief_line(p, e, w);
        return;
    }
    fa_c(s, '\n');
    /* One line per element, its attributes on the same line. */
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        if (it->kind == CAP_ITEM_ATTRIBUTE)
            continue;   /* printed with their element */
        for (unsigned d = 0; d < 2u + it->depth; d++)
            fa_s(s, "  ");
        if (it->kind == CAP_ITEM_TEXT) {
            fa_s(s, "#text: ");
            cap_text_value(s, it);
            fa_c(s, '\n');
            continue;
        }
        fa_len(s, it->name, it->name_len);
        for (unsigned k = i + 1; k < m->n_items && m->items[k].kind == CAP_ITEM_ATTRIBUTE &&
                                 m->items[k].parent == (int32_t)i; k++) {
            const cap_item *a = &m->items[k];
            fa_c(s, ' ');
            fa_len(s, a->name, a->name_len);
            fa_c(s, '=');
            cap_text_value(s, a);
        }
        if (!(it->flags & CAP_IF_HAS_CHILDREN) && it->value && it->value_len) {
            fa_s(s, ": ");
            cap_text_value(s, it);
        }
        if (it->flags & CAP_IF_UNKNOWN)
            fa_s(s, "  (not in the spec)");
        else if (it->flags & CAP_IF_UNEXPECTED)
            fa_s(s, "  (not expected here)");
        if (it->flags & CAP_IF_UNCLOSED)
            fa_s(s, "  (not closed)");
        fa_c(s, '\n');
    }
    for (unsigned i = 0; i < m->n_diags; i++) {
        const cap_diag *d = &m->diags[i];
        g_string_append_printf(s, "%s    ! %s at offset %u: %s%s\n", p->color ? sev_sgr((int)d->sev) : "",
                               cap_severity_name(d->sev), d->offset, d->text, p->color ? SGR_OFF : "");
    }
    if (m->diags_dropped)
        g_string_append_printf(s, "    ! " CTI_DIAGS_DROPPED_FMT "\n", m->diags_dropped);
    flush_line(p);
}

static void cap_json_value(GString *s, const cap_item *it)
{
    const char *v = it->value ? it->value : "";
    size_t n = it->value ? it->value_len : 0;
    if (it->enum_val) {
        fa_s(s, "{\"value\":");
        json_escape(s, (const uint8_t *)v, n);
        fa_s(s, ",\"name\":");
        json_str(s, it->enum_val->name);
        fa_c(s, '}');
    } else {
        json_escape(s, (const uint8_t *)v, n);
    }
}

typedef struct cap_child {
    const char *name;
    uint32_t len;
    int idx;
    int first;     /* index of the first child of the same name */
} cap_child;

static int cap_child_by_name(const void *a, const void *b)
{
    const cap_child *x = a, *y = b;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->idx - y->idx;
}

static int cap_child_by_first(const void *a, const void *b)
{
    const cap_child *x = a, *y = b;
    if (x->first != y->first)
        return x->first - y->first;
    return x->idx - y->idx;
}

/* The content of element e as JSON: attributes and child elements by their
 * names (in document order of first appearance), a repeatable or repeated
 * child as an array, mixed text as "#text".  Children are found through
 * first_child/next_sibling, grouped by sorting: O(k log k) per element. */
static void cap_json_element(cts_printer *p, const cap_msg *m, int e, const int *first_child,
                             const int *next_sibling, unsigned depth)
{
    GString *s = p->line;
    const cap_item *el = &m->items[e];
    int has_attr = 0, has_child = 0;
    for (int k = first_child[e]; k >= 0; k = next_sibling[k]) {
        has_attr |= m->items[k].kind == CAP_ITEM_ATTRIBUTE;
        has_child |= m->items[k].kind != CAP_ITEM_ATTRIBUTE;
    }
    if (!has_attr && !has_child) {
        /* an element the DTDs declare EMPTY, present with nothing in it
         * (<initialUpdate/>): its presence is what it says */
        if (el->elem && el->elem->content == CAP_CONTENT_EMPTY && !el->value_len && !el->enum_val)
            fa_s(s, "true");
        else
            cap_json_value(s, el);
        return;
    }
    if (depth > CAP_MAX_DEPTH) {
        fa_s(s, "null");
        return;
    }
    fa_c(s, '{');
    int comma = 0;
    /* attributes, in order */
    for (int k = first_child[e]; k >= 0; k = next_sibling[k]) {
        const cap_item *a = &m->items[k];
        if (a->kind != CAP_ITEM_ATTRIBUTE)
            continue;
        if (comma)
            fa_c(s, ',');
        comma = 1;
        json_escape(s, (const uint8_t *)a->name, a->name_len);
        fa_c(s, ':');
        cap_json_value(s, a);
    }
    /* child elements (and text), grouped by name; this element's children
     * sit at [base, base + nk) of the printer's stack, deeper elements push
     * theirs above (and may move the stack: ks is taken afresh) */
    GArray *kids = p->cap_kids;
    guint base = kids->len;
    for (int k = first_child[e]; k >= 0; k = next_sibling[k]) {
        const cap_item *c = &m->items[k];
        if (c->kind == CAP_ITEM_ATTRIBUTE)
            continue;
        cap_child ch = { c->kind == CAP_ITEM_TEXT ? "#text" : c->name,
                         c->kind == CAP_ITEM_TEXT ? 5u : c->name_len, k, k };
        g_array_append_val(kids, ch);
    }
    guint nk = kids->len - base;
#define KS (&g_array_index(kids, cap_child, base))
    if (nk > 1 && nk <= 32) {
        /* a few children (nearly always): each takes the first of its name,
         * then a stable insertion by it; two qsorts per element were 4% of
         * --json's instructions */
        cap_child *ks = KS;
        for (guint i = 1; i < nk; i++)
            for (guint j = 0; j < i; j++)
                if (ks[j].len == ks[i].len && memcmp(ks[j].name, ks[i].name, ks[i].len) == 0) {
                    ks[i].first = ks[j].first;
                    break;
                }
        for (guint i = 1; i < nk; i++) {
            cap_child x = ks[i];
            guint j = i;
            for (; j > 0 && ks[j - 1].first > x.first; j--)
                ks[j] = ks[j - 1];
            ks[j] = x;
        }
    } else if (nk > 1) {
        cap_child *ks = KS;
        qsort(ks, nk, sizeof *ks, cap_child_by_name);
        for (guint i = 1; i < nk; i++)
            if (ks[i].len == ks[i - 1].len && memcmp(ks[i].name, ks[i - 1].name, ks[i].len) == 0)
                ks[i].first = ks[i - 1].first;
        qsort(ks, nk, sizeof *ks, cap_child_by_first);
    }
    for (guint i = 0; i < nk;) {
        guint j = i;
        while (j < nk && KS[j].first == KS[i].first)
            j++;
        const cap_item *c = &m->items[KS[i].idx];
        int list = j - i > 1;
        if (!list && c->kind == CAP_ITEM_ELEMENT && c->elem && el->elem) {
            const cap_parent *pp = cap_element_parent(c->elem, el->elem->name);
            list = pp && cap_parent_repeats(pp);
        }
        if (comma)
            fa_c(s, ',');
        comma = 1;
        json_escape(s, (const uint8_t *)KS[i].name, KS[i].len);
        fa_c(s, ':');
        if (list)
            fa_c(s, '[');
        for (guint k = i; k < j; k++) {
            if (k > i)
                fa_c(s, ',');
            int idx = KS[k].idx;
            if (m->items[idx].kind == CAP_ITEM_TEXT)
                cap_json_value(s, &m->items[idx]);
            else
                cap_json_element(p, m, idx, first_child, next_sibling, depth + 1);
        }
        if (list)
            fa_c(s, ']');
        i = j;
    }
#undef KS
    g_array_set_size(kids, base);
    if (!(el->flags & CAP_IF_HAS_CHILDREN) && el->value && el->value_len && has_attr) {
        fa_s(s, ",\"#text\":");
        cap_json_value(s, el);
    }
    fa_c(s, '}');
}

static void print_cap_json(cts_printer *p, const cts_item_ctx *c, const cap_msg *m)
{
    GString *s = p->line;
    json_head(p, c);
    fa_s(s, ",\"message\":");
    json_str(s, m->proto == CAP_DOC_OCI ? "OCI" : m->command_type);
    fa_s(s, ",\"cap_protocol\":");
    json_str(s, m->protocol);
    fa_s(s, ",\"version\":");
    json_str(s, m->version);
    if (m->proto == CAP_DOC_OCI) {
        /* labelled, not decoded: its command types and session */
        cap_oci o;
        cap_oci_info(m, &o);
        fa_s(s, ",\"oci\":{\"commands\":");
        json_str(s, o.command_len ? o.commands : NULL);
        fa_s(s, ",\"session_id\":");
        if (o.session_len) {
            char *sid = g_strndup((const char *)m->buf + o.session_off, o.session_len);
            json_str(s, sid);
            g_free(sid);
        } else {
            json_str(s, NULL);
        }
        fa_c(s, '}');
    }
    fa_s(s, ",\"fields\":");
    /* child links, one pass */
    unsigned n = m->n_items;
    if (!p->cap_links) {
        p->cap_links = g_array_new(FALSE, FALSE, sizeof(int));
        p->cap_kids = g_array_new(FALSE, FALSE, sizeof(cap_child));
    }
    g_array_set_size(p->cap_links, 3 * (n ? n : 1));
    int *first_child = &g_array_index(p->cap_links, int, 0);
    int *next_sibling = first_child + (n ? n : 1), *last_child = next_sibling + (n ? n : 1);
    for (unsigned i = 0; i < n; i++)
        first_child[i] = next_sibling[i] = last_child[i] = -1;
    for (unsigned i = 0; i < n; i++) {
        int par = m->items[i].parent;
        if (par < 0 || (unsigned)par >= n)
            continue;
        if (last_child[par] < 0)
            first_child[par] = (int)i;
        else
            next_sibling[last_child[par]] = (int)i;
        last_child[par] = (int)i;
    }
    /* fields: the <command> element's content, or the root's */
    int top = -1;
    for (unsigned i = 0; i < n && top < 0; i++)
        if (m->items[i].kind == CAP_ITEM_ELEMENT && m->items[i].depth == 1 &&
            m->items[i].name_len == 7 && memcmp(m->items[i].name, "command", 7) == 0)
            top = (int)i;
    if (top < 0)
        top = m->root;
    if (m->proto == CAP_DOC_OCI || top < 0)
        fa_s(s, "{}");
    else
        cap_json_element(p, m, top, first_child, next_sibling, 0);
    fa_s(s, ",\"diagnostics\":[");
    for (unsigned i = 0; i < m->n_diags; i++) {
        const cap_diag *d = &m->diags[i];
        g_string_append_printf(s, "%s{\"severity\":\"%s\",\"field\":", i ? "," : "",
                               cap_severity_name(d->sev));
        const cap_item *it = d->item >= 0 && (unsigned)d->item < n ? &m->items[d->item] : NULL;
        if (it && it->name)
            json_escape(s, (const uint8_t *)it->name, it->name_len);
        else
            fa_s(s, "null");
        g_string_append_printf(s, ",\"offset\":%u,\"text\":", d->offset);
        json_str(s, d->text);
        fa_c(s, '}');
    }
    fa_s(s, "],\"diagnostics_dropped\":");
    fa_uint(s, m->diags_dropped, 1);
    fa_s(s, "}\n");
    flush_line(p);
}

void cts_print_cap(cts_printer *p, const cts_item_ctx *c, const cap_msg *m)
{
    if (!cts_msgsel_cap(p->sel, m))
        return;
    if (p->format == CTS_JSON)
        print_cap_json(p, c, m);
    else
        print_cap_text(p, c, m);
}

/* mivr_text.c - a high-level (text) trace of a MIVR log made into the
 * message's bytes (see mivr_text.h).
 *
 * The trace names fields its own way (chapter 11: "Some field names used
 * in a Unified CCX high-level trace log file are different from the ones
 * used in this document"); the table below maps them to the spec's, as
 * chapter 11's examples show them.  A name not in it is looked up among
 * the spec's names, case aside ("callType" is CallType); a name found
 * nowhere is reported and left out.  Values are typed by the spec's field
 * (the encoder of decoder/ccx/ reads them by the message's table), "null"
 * is an absent field.
 */
#include "mivr_text.h"

#include <stdio.h>
#include <string.h>

#include "ccx_encode.h"
#include "ccx_table.h"

/* Trace name -> spec name.  NULL: a field the spec lists as reserved (the
 * encoder writes the value the spec states). */
static const struct { const char *trace, *spec; } trace_names[] = {
    /* Example 1 (BEGIN_CALL_EVENT; Table 65) */
    { "monitorID", NULL },                    /* reserved (0) */
    { "peripheralID", NULL },                 /* reserved (1) */
    { "peripheralType", NULL },               /* reserved (21) */
    { "numNamedVars", "NumNamedVariables" },
    { "connectionCallID", "CallID" },
    { "ani2", "ANI" },                        /* the bytes of Example 2 carry it as ANI (tag 8) */
    { "callVar1", "CallVariable1" },  { "callVar2", "CallVariable2" },
    { "callVar3", "CallVariable3" },  { "callVar4", "CallVariable4" },
    { "callVar5", "CallVariable5" },  { "callVar6", "CallVariable6" },
    { "callVar7", "CallVariable7" },  { "callVar8", "CallVariable8" },
    { "callVar9", "CallVariable9" },  { "callVar10", "CallVariable10" },
    { "wrapupData", "CallWrapupData" },
    /* the call-event flows of chapter 11 ("MsgType: ..." rows) */
    { "NumNamedVars", "NumNamedVariables" },
    { "ConnectionCallID", "CallID" },
    { "LastRedirectedDeviceType", "LastRedirectDeviceType" },
    { "LastRedirectedDeviceID", "LastRedirectDeviceID" },
    { "CsqID", "CSQID" },                     /* CsqID[0], CsqID[1] ...: the floating CSQIDs */
};

/* The spec's field of a trace name: CCXF_*, -1 reserved, -2 unknown. */
static int field_of(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(trace_names); i++)
        if (strcmp(trace_names[i].trace, name) == 0)
            return trace_names[i].spec ? ccx_field_by_name(trace_names[i].spec) : -1;
    int f = ccx_field_by_name(name);
    if (f >= 0)
        return f;
    for (int i = 0; i < CCXF_COUNT; i++)
        if (ccx_fields[i].name && g_ascii_strcasecmp(ccx_fields[i].name, name) == 0)
            return i;
    return -2;
}

/* The message of a trace's type: BEGIN_CALL_EVENT, or CallDequeuedEvent. */
static const ccx_msg_def *msg_of(const char *type)
{
    const ccx_msg_def *d = ccx_msg_by_name(type);
    if (d)
        return d;
    char snake[128];
    size_t n = 0;
    for (const char *p = type; *p && n + 2 < sizeof snake; p++) {
        if (g_ascii_isupper(*p) && p != type && n)
            snake[n++] = '_';
        snake[n++] = g_ascii_toupper(*p);
    }
    snake[n] = '\0';
    return ccx_msg_by_name(snake);
}

static int in_message(const ccx_msg_def *d, int f)
{
    for (size_t i = 0; i < d->n_fixed; i++)
        if ((int)d->fixed[i].field == f)
            return 1;
    for (size_t i = 0; i < d->n_floating; i++)
        if ((int)d->floating[i].field == f)
            return 1;
    return 0;
}

/* An identifier with an optional [n] then ':' at p: its end (the ':'),
 * or NULL. */
static const char *name_end(const char *p)
{
    const char *s = p;
    while (g_ascii_isalnum(*p) || *p == '_')
        p++;
    if (p == s || g_ascii_isdigit(*s))
        return NULL;
    if (*p == '[') {
        p++;
        while (g_ascii_isdigit(*p))
            p++;
        if (*p++ != ']')
            return NULL;
    }
    return *p == ':' ? p : NULL;
}

int mivr_text_encode(const char *text, GByteArray *out, mivr_text_note_fn note, void *ud,
                     char *err, size_t errlen)
{
    const char *p = strchr(text, '{');
    const char *close = strrchr(text, '}');
    if (!p || !close || close < p) {
        snprintf(err, errlen, "no { ... } in the trace");
        return -1;
    }
    const char *t = strstr(p, "type=");
    if (!t || t > close) {
        snprintf(err, errlen, "no type= in the trace");
        return -1;
    }
    t += 5;
    size_t tl = 0;
    while (g_ascii_isalnum(t[tl]) || t[tl] == '_')
        tl++;
    char type[128];
    snprintf(type, sizeof type, "%.*s", (int)(tl < sizeof type ? tl : sizeof type - 1), t);
    const ccx_msg_def *d = msg_of(type);
    if (!d) {
        snprintf(err, errlen, "type=%s is no message of the spec", type);
        return -1;
    }
    GString *line = g_string_new(d->name);
    p = t + tl;
    while (p < close) {
        while (p < close && (*p == ',' || *p == ' ' || *p == '\t'))
            p++;
        const char *ne = name_end(p);
        if (!ne || ne >= close)
            break;
        const char *v = ne + 1;
        while (*v == ' ')
            v++;
        /* the value runs to the next ", name:" or the closing brace */
        const char *e = v;
        while (e < close) {
            if (*e == ',' && e[1] == ' ' && name_end(e + 2))
                break;
            e++;
        }
        const char *ve = e;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
        char name[64];
        size_t nl = (size_t)(ne - p);
        snprintf(name, sizeof name, "%.*s", (int)(nl < sizeof name ? nl : sizeof name - 1), p);
        char *br = strchr(name, '[');
        char base[64];
        snprintf(base, sizeof base, "%.*s", (int)(br ? (size_t)(br - name) : strlen(name)), name);
        char *value = g_strndup(v, (gsize)(ve - v));
        p = e;
        if (strcmp(value, "null") == 0) {   /* absent */
            g_free(value);
            continue;
        }
        int f = field_of(base);
        char msg[256];
        if (f == -2 || (f >= 0 && !in_message(d, f))) {
            snprintf(msg, sizeof msg, "%s: field \"%s\" (value \"%.80s\") is %s: left out", d->name,
                     name, value, f == -2 ? "not in ctiscope's table of trace names" :
                                             "not a field of this message in the spec");
            note(ud, msg);
            g_free(value);
            continue;
        }
        if (f >= 0) {
            g_string_append_printf(line, " %s=\"", ccx_field_ids[f]);
            for (const char *c = value; *c; c++) {
                if (*c == '"' || *c == '\\')
                    g_string_append_c(line, '\\');
                g_string_append_c(line, *c);
            }
            g_string_append_c(line, '"');
        }
        g_free(value);
    }
    int rc = ccx_encode_text(line->str, out, err, errlen);
    g_string_free(line, TRUE);
    return rc;
}

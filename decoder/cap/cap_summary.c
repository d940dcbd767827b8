/* cap_summary.c - what both front ends say about a CAP document: its
 * one-line summary, which items name calls, what an OCI document is (see
 * cap_decode.h).  The CLI prints these words, the plugin shows them: one
 * builder, one text. */
#include "cap_decode.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

int cap_item_is_call_id(const cap_msg *m, unsigned i)
{
    const cap_item *it = &m->items[i];
    if (!it->value || !*it->value)
        return 0;
    if (cap_item_roles(it) & CAP_ROLE_CALL_ID)
        return 1;
    if (it->kind != CAP_ITEM_ELEMENT || !it->elem || !(it->elem->roles & CAP_ROLE_ACTION_PARAM))
        return 0;
    /* the actionParamName attribute right after the element */
    for (unsigned j = i + 1; j < m->n_items && m->items[j].kind == CAP_ITEM_ATTRIBUTE &&
                             m->items[j].parent == (int32_t)i; j++)
        if ((cap_item_roles(&m->items[j]) & CAP_ROLE_ACTION_PARAM_NAME) && m->items[j].value)
            return strcmp(m->items[j].value, "CallId") == 0;
    return 0;
}

int cap_release_cause_shown(const cap_msg *m, unsigned i)
{
    const cap_item *it = &m->items[i];
    if (!it->value || !*it->value)
        return 0;
    if (strcmp(it->value, "0"))
        return 1;
    int si = cap_find_role(m, CAP_ROLE_STATE, 0);
    return si >= 0 && !strcmp(m->items[si].value, "5");
}

int cap_item_says_failed(const cap_item *it)
{
    return it->kind == CAP_ITEM_ATTRIBUTE && it->attr && (it->attr->roles & CAP_ROLE_RESULT) &&
           it->value && !strcmp(it->value, "False");
}

const cap_command *cap_awaited_response(const cap_msg *m)
{
    const cap_command *cmd = m->command;
    if (!cmd || !cmd->response)
        return NULL;
    if (!strcmp(cmd->name, "callAction")) {
        int asked = 0;
        for (unsigned i = 0; i < m->n_items; i++) {
            const cap_item *it = &m->items[i];
            if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr && it->value &&
                !strcmp(it->attr->name, "responseRequested") && !strcmp(it->attr->element, "action"))
                asked = !strcmp(it->value, "True");
        }
        if (!asked)
            return NULL;
    }
    return cap_command_by_name(cmd->response);
}

typedef struct sbuf {
    char *out;
    size_t n, o;
} sbuf;

static void put(sbuf *b, const char *s, size_t len)
{
    if (b->o + 1 >= b->n)
        return;
    size_t room = b->n - 1 - b->o;
    if (len > room)
        len = room;
    memcpy(b->out + b->o, s, len);
    b->o += len;
    b->out[b->o] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* A value from the wire: at most 64 bytes (never cutting a UTF-8
 * sequence, "..." after), control characters and bytes that are not UTF-8
 * as \xNN: the result is printable UTF-8, whatever came. */
static void put_value(sbuf *b, const char *v)
{
    size_t len = strlen(v), max = 64, cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)v[len] & 0xC0) == 0x80)
            len--;
    }
    size_t i = 0;
    while (i < len) {
        const gchar *valid_end;
        g_utf8_validate(v + i, (gssize)(len - i), &valid_end);
        size_t ok = (size_t)(valid_end - (v + i));
        for (size_t k = 0; k < ok; k++) {
            unsigned char c = (unsigned char)v[i + k];
            if (c < 0x20 || c == 0x7F) {
                char e[5];
                snprintf(e, sizeof e, "\\x%02X", c);
                puts_(b, e);
            } else {
                put(b, v + i + k, 1);
            }
        }
        i += ok;
        if (i < len) {   /* a byte that is not UTF-8 */
            char e[5];
            snprintf(e, sizeof e, "\\x%02X", (unsigned char)v[i]);
            puts_(b, e);
            i++;
        }
    }
    if (cut)
        puts_(b, "...");
}

/* " key=value" */
static void kv(sbuf *b, const char *key, const char *v)
{
    puts_(b, " ");
    puts_(b, key);
    puts_(b, "=");
    put_value(b, v);
}

/* " key=value (name)" for an enumerated item */
static void kv_enum(sbuf *b, const char *key, const cap_item *it)
{
    kv(b, key, it->value);
    if (it->enum_val && strcmp(it->enum_val->name, it->value)) {
        puts_(b, " (");
        puts_(b, it->enum_val->name);
        puts_(b, ")");
    }
}

char *cap_summary(const cap_msg *m, char *out, size_t n)
{
    sbuf b = { out, n, 0 };
    if (n)
        out[0] = '\0';
    if (m->proto == CAP_DOC_OCI) {
        cap_oci o;
        cap_oci_info(m, &o);
        puts_(&b, "OCI");
        if (o.commands[0]) {
            puts_(&b, " ");
            put_value(&b, o.commands);
        }
        return out;
    }
    if (m->root < 0) {
        puts_(&b, m->xml_error ? "(not well-formed XML)" : "(no BroadsoftDocument)");
        return out;
    }
    if (m->command_type)
        put_value(&b, m->command_type);
    else
        puts_(&b, "(no commandType)");
    const char *v;
    if ((v = cap_role_value(m, CAP_ROLE_USER_ID)) || (v = cap_role_value(m, CAP_ROLE_USER_UID)))
        kv(&b, "user", v);
    if ((v = cap_role_value(m, CAP_ROLE_MONITORED_USER_ID)) ||
        (v = cap_role_value(m, CAP_ROLE_MONITORED_USER_UID)))
        kv(&b, "monitored", v);
    if ((v = cap_role_value(m, CAP_ROLE_ACTION_TYPE))) {
        puts_(&b, " ");
        put_value(&b, v);
    }
    for (int i = cap_find_role(m, CAP_ROLE_ACTION_PARAM, 0); i >= 0;
         i = cap_find_role(m, CAP_ROLE_ACTION_PARAM, i + 1)) {
        puts_(&b, " ");
        put_value(&b, m->items[i].value);
    }
    if ((v = cap_role_value(m, CAP_ROLE_QUEUE_REASON))) {
        puts_(&b, " ");
        put_value(&b, v);
    }
    unsigned calls = 0;
    for (unsigned i = 0; i < m->n_items; i++) {
        if (m->items[i].elem && (m->items[i].elem->roles & CAP_ROLE_ACTION_PARAM))
            continue;   /* shown with the action */
        if (cap_item_is_call_id(m, i) && calls++ < 3)
            kv(&b, "call", m->items[i].value);
    }
    if (calls > 3) {
        char more[48];
        snprintf(more, sizeof more, " (+%u more calls)", calls - 3);
        puts_(&b, more);
    }
    int si = cap_find_role(m, CAP_ROLE_STATE, 0);
    if (si >= 0 && *m->items[si].value)
        kv_enum(&b, "state", &m->items[si]);
    int pi = cap_find_role(m, CAP_ROLE_PERSONALITY, 0);
    if (pi >= 0 && *m->items[pi].value)
        kv_enum(&b, "personality", &m->items[pi]);
    int ci = cap_find_role(m, CAP_ROLE_RELEASE_CAUSE, 0);
    if (ci >= 0 && cap_release_cause_shown(m, (unsigned)ci))
        kv_enum(&b, "cause", &m->items[ci]);
    if ((v = cap_role_value(m, CAP_ROLE_REMOTE_NUMBER)))
        kv(&b, "remote", v);
    if ((v = cap_role_value(m, CAP_ROLE_CONFERENCE_STATE)))
        kv(&b, "conference", v);
    if ((v = cap_role_value(m, CAP_ROLE_OFF_HOOK)))
        kv(&b, "offHook", v);
    if ((v = cap_role_value(m, CAP_ROLE_ACD_STATE)))
        kv(&b, "acd", v);
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        if (it->kind == CAP_ITEM_ELEMENT && (cap_item_roles(it) & CAP_ROLE_VERSION) && it->value &&
            *it->value)
            kv(&b, "version", it->value);
    }
    if ((v = cap_role_value(m, CAP_ROLE_FAILURE)))
        kv(&b, "failure", v);
    if ((v = cap_role_value(m, CAP_ROLE_RESULT)))
        kv(&b, "success", v);
    if (m->xml_error)
        puts_(&b, " (not well-formed XML)");
    return out;
}

/* ---- OCI ---- */

static const char *find_bytes(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    while (p + n <= end) {
        const char *q = memchr(p, needle[0], (size_t)(end - p));
        if (!q || q + n > end)
            return NULL;
        if (!memcmp(q, needle, n))
            return q;
        p = q + 1;
    }
    return NULL;
}

void cap_oci_info(const cap_msg *m, cap_oci *o)
{
    memset(o, 0, sizeof *o);
    const char *start = (const char *)m->buf, *end = start + m->len, *p = start;
    sbuf b = { o->commands, sizeof o->commands, 0 };
    /* the command types: <command ... xsi:type="X"> (any prefix: "type=") */
    while ((p = find_bytes(p, end, "<command")) != NULL) {
        const char *tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end)
            break;
        const char *t = find_bytes(p, tag_end, "type=");
        p = tag_end;
        if (!t || t + 6 > tag_end || (t[5] != '"' && t[5] != '\''))
            continue;
        const char *v = t + 6;
        const char *ve = memchr(v, t[5], (size_t)(tag_end - v));
        if (!ve)
            continue;
        if (!o->command_len) {
            o->command_off = (uint32_t)(v - start);
            o->command_len = (uint32_t)(ve - v);
        } else {
            puts_(&b, ", ");
        }
        put(&b, v, (size_t)(ve - v));
        if (b.o > 200)
            break;
    }
    /* <sessionId ...>value</sessionId> */
    const char *s = find_bytes(start, end, "<sessionId");
    const char *gt = s ? memchr(s, '>', (size_t)(end - s)) : NULL;
    const char *lt = gt ? memchr(gt, '<', (size_t)(end - gt)) : NULL;
    if (lt) {
        o->session_off = (uint32_t)(gt + 1 - start);
        o->session_len = (uint32_t)(lt - gt - 1);
    }
    /* OCI-P documents usually declare ISO-8859-1 (and mean it) */
    const char *decl_end = find_bytes(start, start + (m->len < 200 ? m->len : 200), "?>");
    o->latin1 = decl_end && (find_bytes(start, decl_end, "ISO-8859-1") ||
                             find_bytes(start, decl_end, "iso-8859-1"));
}

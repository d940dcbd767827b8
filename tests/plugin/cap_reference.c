/* cap_reference - what the shared CAP decoder says about a capture, without
 * Wireshark: the reference the plugin tests hold tshark to while the
 * ctiscope CLI does not decode CAP.
 *
 *     cap_reference CAPTURE... > lines.jsonl
 *
 * Reads the capture(s) with the project's capture layer (pcap_source,
 * packet, tcp_reasm: every TCP connection, each direction in stream order),
 * cuts each direction into documents with cap_framer (a connection is CAP
 * when its first bytes in either direction pass cap_looks_like, or when it
 * uses a CAP port) and decodes each one with cap_decode.  One JSON object a
 * line:
 *   {"frame":N,"kind":"document"|"partial","proto":"CAP"|"OCI"|...,
 *    "command":"callUpdate"|null,
 *    "diags":[{"sev":"warning","text":"..."}...],
 *    "items":[["bwcap.call_id","localHost220335:0"],...],   (every element and
 *             attribute the tables know, in document order; the value is
 *             null for an element with child elements)
 *    "calls":[...], "users":[...]}                            (distinct ids)
 *   {"frame":N,"kind":"problem","sev":"error","text":"..."}   (framer)
 * N is the frame whose bytes complete the document (as in Wireshark).
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cap_decode.h"
#include "cap_framer.h"
#include "packet.h"
#include "pcap_source.h"
#include "tcp_reasm.h"

typedef struct conn conn;
typedef struct dirstate {
    conn *c;
    cap_framer fr;
} dirstate;

struct conn {
    int decided;   /* 1 CAP, -1 not CAP, 0 undecided */
    dirstate d[2];
};

static cap_msg msg;
static uint64_t cur_frame;

static void json_str(GString *o, const char *s)
{
    if (!s) {
        g_string_append(o, "null");
        return;
    }
    g_string_append_c(o, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(o, "\\%c", *p);
        else if (*p < 0x20)
            g_string_append_printf(o, "\\u%04x", *p);
        else
            g_string_append_c(o, (char)*p);
    }
    g_string_append_c(o, '"');
}

static int is_call_id(const cap_msg *m, unsigned i)
{
    const cap_item *it = &m->items[i];
    if (!it->value || !*it->value)
        return 0;
    if (cap_item_roles(it) & CAP_ROLE_CALL_ID)
        return 1;
    if (it->kind == CAP_ITEM_ELEMENT && it->elem && (it->elem->roles & CAP_ROLE_ACTION_PARAM))
        for (unsigned j = i + 1; j < m->n_items && m->items[j].kind == CAP_ITEM_ATTRIBUTE &&
                                 m->items[j].parent == (int32_t)i; j++)
            if ((cap_item_roles(&m->items[j]) & CAP_ROLE_ACTION_PARAM_NAME) && m->items[j].value &&
                !strcmp(m->items[j].value, "CallId"))
                return 1;
    return 0;
}

static void ids(GString *o, const cap_msg *m, int users)
{
    const unsigned user_roles = CAP_ROLE_USER_ID | CAP_ROLE_USER_UID | CAP_ROLE_MONITORED_USER_ID |
                                CAP_ROLE_MONITORED_USER_UID;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    int first = 1;
    g_string_append_c(o, '[');
    for (unsigned i = 0; m->proto != CAP_DOC_OCI && i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        int want = users ? (cap_item_roles(it) & user_roles) && it->value && *it->value : is_call_id(m, i);
        if (!want || g_hash_table_contains(seen, it->value))
            continue;
        g_hash_table_add(seen, (gpointer)it->value);
        if (!first)
            g_string_append_c(o, ',');
        first = 0;
        json_str(o, it->value);
    }
    g_string_append_c(o, ']');
    g_hash_table_destroy(seen);
}

static void emit_doc(const uint8_t *doc, size_t len, const char *kind)
{
    cap_msg *m = &msg;
    cap_decode(doc, len, m);
    GString *o = g_string_new(NULL);
    g_string_append_printf(o, "{\"frame\":%llu,\"kind\":\"%s\",\"proto\":", (unsigned long long)cur_frame, kind);
    json_str(o, cap_doc_proto_name(m->proto));
    g_string_append(o, ",\"command\":");
    json_str(o, m->command_type);
    g_string_append(o, ",\"diags\":[");
    for (unsigned i = 0; i < m->n_diags; i++) {
        g_string_append_printf(o, "%s{\"sev\":\"%s\",\"text\":", i ? "," : "", cap_severity_name(m->diags[i].sev));
        json_str(o, m->diags[i].text);
        g_string_append_c(o, '}');
    }
    if (m->diags_dropped)
        g_string_append_printf(o, "%s{\"sev\":\"note\",\"text\":\"%u more diagnostics not shown\"}",
                               m->n_diags ? "," : "", m->diags_dropped);
    g_string_append(o, "],\"items\":[");
    int first = 1;
    char filt[128];
    for (unsigned i = 0; i < m->n_items; i++) {
        const cap_item *it = &m->items[i];
        if (it->kind == CAP_ITEM_ATTRIBUTE && it->attr)
            cap_attribute_filter(it->attr, filt, sizeof filt);
        else if (it->kind == CAP_ITEM_ELEMENT && it->elem)
            cap_element_filter(it->elem, filt, sizeof filt);
        else
            continue;
        g_string_append(o, first ? "[" : ",[");
        first = 0;
        json_str(o, filt);
        g_string_append_c(o, ',');
        json_str(o, (it->flags & CAP_IF_HAS_CHILDREN) ? NULL : it->value);
        g_string_append_c(o, ']');
    }
    g_string_append(o, "],\"calls\":");
    ids(o, m, 0);
    g_string_append(o, ",\"users\":");
    ids(o, m, 1);
    g_string_append(o, "}\n");
    fputs(o->str, stdout);
    g_string_free(o, TRUE);
}

static void on_document(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    (void)ctx;
    (void)off;
    emit_doc(doc, len, "document");
}

static void on_partial(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    (void)ctx;
    (void)off;
    emit_doc(doc, len, "partial");
}

static void on_problem(void *ctx, cap_severity sev, uint64_t off, const char *text)
{
    (void)ctx;
    (void)off;
    GString *o = g_string_new(NULL);
    g_string_append_printf(o, "{\"frame\":%llu,\"kind\":\"problem\",\"sev\":\"%s\",\"text\":",
                           (unsigned long long)cur_frame, cap_severity_name(sev));
    json_str(o, text);
    g_string_append(o, "}\n");
    fputs(o->str, stdout);
    g_string_free(o, TRUE);
}

static const cap_framer_cb framer_cb = { on_document, on_problem, on_partial };

static int cap_port(uint16_t p)
{
    return p == CAP_PORT_AS || p == CAP_PORT_OCS || p == CAP_PORT_CCC2;
}

static conn *get_conn(cts_flow *f)
{
    if (!f->user) {
        conn *c = g_new0(conn, 1);
        for (int d = 0; d < 2; d++) {
            c->d[d].c = c;
            cap_framer_init(&c->d[d].fr, &framer_cb, &c->d[d]);
        }
        if (cap_port(f->port[0]) || cap_port(f->port[1]))
            c->decided = 1;
        f->user = c;
    }
    return f->user;
}

static void on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len, const cts_pktinfo *pi)
{
    (void)ctx;
    conn *c = get_conn(f);
    cur_frame = pi ? pi->frame : 0;
    if (c->decided == 0)   /* like the plugin's heuristic: the first bytes of a segment */
        c->decided = cap_looks_like(data, len) != CAP_LOOKS_NO ? 1 : 0;
    if (c->decided == 1)
        cap_framer_feed(&c->d[dir].fr, data, len);
}

static void on_gap(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t missing, const cts_pktinfo *pi)
{
    (void)ctx;
    (void)off;
    conn *c = get_conn(f);
    cur_frame = pi ? pi->frame : 0;
    if (c->decided == 1)
        cap_framer_gap(&c->d[dir].fr, missing);
}

static void on_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    (void)ctx;
    conn *c = f->user;
    if (!c)
        return;
    cur_frame = pi ? pi->frame : cur_frame;
    for (int d = 0; d < 2; d++) {
        if (c->decided == 1)
            cap_framer_close(&c->d[d].fr, how);
        cap_framer_free(&c->d[d].fr);
    }
    g_free(c);
    f->user = NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: cap_reference CAPTURE...\n");
        return 2;
    }
    cap_msg_init(&msg);
    cts_reasm_callbacks cb = { on_data, on_gap, on_close, NULL };
    cts_reasm *r = cts_reasm_new(&cb, NULL, NULL);
    uint64_t frame = 0;
    cts_pktinfo last = { 0, 0, 0 };
    for (int i = 1; i < argc; i++) {
        char err[256];
        cts_pcap_source *src = cts_pcap_open(argv[i], frame + 1, err, sizeof err);
        if (!src) {
            fprintf(stderr, "cap_reference: %s\n", err);
            return 1;
        }
        int linktype = cts_pcap_linktype(src);
        cts_frame fr;
        int rc;
        while ((rc = cts_pcap_next(src, &fr, err, sizeof err)) > 0) {
            cts_packet pk;
            last = fr.info;
            if (cts_packet_parse(linktype, fr.data, fr.caplen, fr.wirelen, &pk, NULL, 0) == 1)
                cts_reasm_segment(r, &pk, &fr.info);
        }
        frame = cts_pcap_next_number(src) - 1;
        cts_pcap_close(src);
        if (rc < 0)
            fprintf(stderr, "cap_reference: %s\n", err);
    }
    cts_reasm_flush(r, &last);
    cts_reasm_free(r);
    cap_msg_free(&msg);
    return 0;
}

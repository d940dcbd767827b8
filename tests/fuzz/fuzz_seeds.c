/* fuzz_seeds - the seed inputs of the fuzz targets, from captures and CAP
 * documents (make_corpus.sh runs it; README.md in this folder).
 *
 *   fuzz_seeds OUTDIR FILE...
 *
 * A FILE ending in .xml is a CAP document (the spec's samples): a seed of
 * cap_decode, and of cap_framer as a stream.  Any other FILE is a capture:
 * it is read with the project's own reader and reassembler, and gives
 *   pcap/        the capture itself (when at most 16 KiB)
 *   tcp_reasm/   its TCP segments in fuzz_tcp_reasm's record form
 *   ccx_framer/, cap_framer/   each direction of each connection that
 *                carries CCX or CAP (by port, else by cti_detect): its
 *                bytes, with fuzz_framer.h's control byte in front
 *   ccx_decode/, cap_decode/   each message and document the framers cut
 *   flow/        the capture's sessions, messages, documents, problems,
 *                gaps and ends in fuzz_flow's record form
 * under OUTDIR/<target>/, each file named by a hash of its bytes, at most
 * 16 KiB each (cut there).  Nothing here decides anything the decoder
 * decides: it only collects what the decoder's own stages hand out.
 *
 *   fuzz_seeds --dicts DIR
 *
 * writes libFuzzer's dictionaries from the tables: DIR/ccx.dict (every
 * MessageTypeID as its 4 header bytes, every FieldDataID of Table 188 with
 * its length when its type has one size, the NamedVariable prefixes) and
 * DIR/cap.dict (the document's framing, every element as start and end
 * tag, every attribute, every enumerated value as element text and as an
 * attribute value).
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cap_framer.h"
#include "cap_table.h"
#include "ccx_table.h"
#include "ccx_framer.h"
#include "cti_detect.h"
#include "packet.h"
#include "pcap_source.h"
#include "tcp_reasm.h"

#define MAX_SEED (16u * 1024u)

static const char *outdir;

static void save(const char *target, const uint8_t *p, size_t n)
{
    if (!n)
        return;
    if (n > MAX_SEED)
        n = MAX_SEED;
    char *dir = g_build_filename(outdir, target, NULL);
    g_mkdir_with_parents(dir, 0755);
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, p, n);
    char *path = g_build_filename(dir, sum, NULL);
    if (!g_file_set_contents(path, (const char *)p, (gssize)n, NULL))
        fprintf(stderr, "fuzz_seeds: cannot write %s\n", path);
    g_free(path);
    g_free(sum);
    g_free(dir);
}

/* ---- fuzz_flow records ---- */

static GByteArray *flow_rec;
static int64_t flow_last_ts;
static unsigned n_sessions;

static void flow_add(int kind, unsigned session, int from_client, int64_t ts, const void *p, size_t n)
{
    int64_t steps = flow_last_ts && ts > flow_last_ts ? (ts - flow_last_ts) / 131000 : 0;
    flow_last_ts = ts;
    if (n > 0xffff)
        n = 0xffff;
    uint8_t h[4] = { (uint8_t)(kind | (steps > 31 ? 31 : steps) << 3),
                     (uint8_t)((session & 0x7f) | (from_client ? 0x80 : 0)), (uint8_t)(n >> 8),
                     (uint8_t)n };
    g_byte_array_append(flow_rec, h, 4);
    g_byte_array_append(flow_rec, p, (guint)n);
}

/* ---- one connection ---- */

typedef struct piece {
    int dir;
    int64_t ts;
    int is_gap;
    uint64_t missing;
    GByteArray *bytes;
} piece;

typedef struct conn {
    GArray *pieces;          /* piece, in the order reassembly handed them out */
    GByteArray *stream[2];   /* each direction's bytes (gaps left out) */
    uint16_t port[2];
} conn;

/* what the framers hand out while a connection is replayed */
typedef struct replay {
    unsigned session;
    int dir, client;
    int64_t ts;
    int proto;               /* CTI_DETECT_CCX / CAP */
} replay;

static void r_message(void *ctx, const uint8_t *m, size_t len, uint64_t off)
{
    replay *r = ctx;
    (void)off;
    save(r->proto == CTI_DETECT_CCX ? "ccx_decode" : "cap_decode", m, len);
    flow_add(r->proto == CTI_DETECT_CCX ? 2 : 3, r->session, r->dir == r->client, r->ts, m, len);
}

static void r_problem(void *ctx, int sev, const char *text)
{
    replay *r = ctx;
    flow_add(sev == CCX_SEV_ERROR ? 7 : 4, r->session, r->dir == r->client, r->ts, text, strlen(text));
}

static void r_ccx_problem(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text)
{
    (void)off, (void)len;
    r_problem(ctx, (int)sev, text);
}

static void r_cap_problem(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text)
{
    (void)off, (void)len;
    r_problem(ctx, sev == CAP_SEV_ERROR ? CCX_SEV_ERROR : CCX_SEV_WARN, text);
}

static const ccx_framer_cb ccx_cb = { r_message, r_ccx_problem };
static const cap_framer_cb cap_cb = { r_message, r_cap_problem, r_message };

static int port_proto(uint16_t port)
{
    if (port == CCX_DEFAULT_PORT)
        return CTI_DETECT_CCX;
    return port == 2206 || port == 2208 || port == 2212 ? CTI_DETECT_CAP : 0;
}

static void conn_done(conn *c, const char *how)
{
    int proto = port_proto(c->port[1]) ? port_proto(c->port[1]) : port_proto(c->port[0]);
    int client = port_proto(c->port[0]) && !port_proto(c->port[1]) ? 1 : 0;
    for (int d = 0; d < 2 && !proto; d++) {
        int k = c->stream[d]->len ? cti_detect(c->stream[d]->data, c->stream[d]->len) : CTI_DETECT_NO;
        if (k > 0)
            proto = k;
    }
    if (proto) {
        for (int d = 0; d < 2; d++) {
            if (!c->stream[d]->len)
                continue;
            GByteArray *s = g_byte_array_new();
            uint8_t ctl = 7;   /* chunks of 1 to 57 bytes, no gap */
            g_byte_array_append(s, &ctl, 1);
            g_byte_array_append(s, c->stream[d]->data, MIN(c->stream[d]->len, MAX_SEED - 1));
            save(proto == CTI_DETECT_CCX ? "ccx_framer" : "cap_framer", s->data, s->len);
            g_byte_array_unref(s);
        }
        replay r = { n_sessions++, 0, client, 0, proto };
        ccx_framer cf[2];
        cap_framer kf[2];
        for (int d = 0; d < 2; d++) {
            ccx_framer_init(&cf[d], &ccx_cb, &r);
            cap_framer_init(&kf[d], &cap_cb, &r);
        }
        for (guint i = 0; i < c->pieces->len; i++) {
            const piece *p = &g_array_index(c->pieces, piece, i);
            if (i == 0)
                flow_add(proto == CTI_DETECT_CCX ? 0 : 1, r.session, 0, p->ts, NULL, 0);
            r.dir = p->dir;
            r.ts = p->ts;
            if (p->is_gap) {
                uint8_t be[8];
                for (int k = 0; k < 8; k++)
                    be[k] = (uint8_t)(p->missing >> (56 - 8 * k));
                flow_add(5, r.session, p->dir == client, p->ts, be, 8);
                if (proto == CTI_DETECT_CCX)
                    ccx_framer_gap(&cf[p->dir], p->missing);
                else
                    cap_framer_gap(&kf[p->dir], p->missing);
            } else if (proto == CTI_DETECT_CCX) {
                ccx_framer_feed(&cf[p->dir], p->bytes->data, p->bytes->len);
            } else {
                cap_framer_feed(&kf[p->dir], p->bytes->data, p->bytes->len);
            }
        }
        for (int d = 0; d < 2; d++) {
            r.dir = d;
            ccx_framer_close(&cf[d], how);
            cap_framer_close(&kf[d], how);
            ccx_framer_free(&cf[d]);
            cap_framer_free(&kf[d]);
        }
        flow_add(6, r.session, 0, r.ts, how[0] == 'R' ? "\1" : "\0", 1);
    }
    for (guint i = 0; i < c->pieces->len; i++) {
        piece *p = &g_array_index(c->pieces, piece, i);
        if (p->bytes)
            g_byte_array_unref(p->bytes);
    }
    g_array_free(c->pieces, TRUE);
    g_byte_array_unref(c->stream[0]);
    g_byte_array_unref(c->stream[1]);
    g_free(c);
}

static conn *conn_of(cts_flow *f)
{
    if (!f->user) {
        conn *c = g_new0(conn, 1);
        c->pieces = g_array_new(FALSE, TRUE, sizeof(piece));
        c->stream[0] = g_byte_array_new();
        c->stream[1] = g_byte_array_new();
        c->port[0] = f->port[0];
        c->port[1] = f->port[1];
        f->user = c;
    }
    return f->user;
}

static void on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len, const cts_pktinfo *pi)
{
    (void)ctx;
    conn *c = conn_of(f);
    piece p = { dir, pi->ts_sec * 1000000 + pi->ts_usec, 0, 0, g_byte_array_new() };
    g_byte_array_append(p.bytes, data, (guint)len);
    g_array_append_val(c->pieces, p);
    if (c->stream[dir]->len < MAX_SEED)
        g_byte_array_append(c->stream[dir], data, (guint)MIN(len, MAX_SEED));
}

static void on_gap(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t missing, const cts_pktinfo *pi)
{
    (void)ctx, (void)off;
    piece p = { dir, pi->ts_sec * 1000000 + pi->ts_usec, 1, missing, NULL };
    g_array_append_val(conn_of(f)->pieces, p);
}

static void on_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    (void)ctx, (void)pi;
    if (f->user)
        conn_done(f->user, how);
    f->user = NULL;
}

static const cts_reasm_callbacks reasm_cb = { on_data, on_gap, on_close, NULL, NULL };

/* ---- fuzz_tcp_reasm records ---- */

typedef struct tcp_side {
    cts_addr a[2];
    uint16_t port[2];
    uint32_t base[2];
    int have[2];
} tcp_side;

static void tcp_record(GByteArray *out, tcp_side *conns, unsigned *n_conns, const cts_packet *p,
                       int64_t dt)
{
    unsigned k;
    int dir = 0;
    for (k = 0; k < *n_conns; k++) {
        tcp_side *t = &conns[k];
        if (!memcmp(&t->a[0], &p->src, sizeof p->src) && t->port[0] == p->sport &&
            !memcmp(&t->a[1], &p->dst, sizeof p->dst) && t->port[1] == p->dport)
            break;
        if (!memcmp(&t->a[1], &p->src, sizeof p->src) && t->port[1] == p->sport &&
            !memcmp(&t->a[0], &p->dst, sizeof p->dst) && t->port[0] == p->dport) {
            dir = 1;
            break;
        }
    }
    if (k == *n_conns) {
        if (k == 4)
            return;   /* fuzz_tcp_reasm has 4 connections */
        memset(&conns[k], 0, sizeof conns[k]);
        conns[k].a[0] = p->src;
        conns[k].a[1] = p->dst;
        conns[k].port[0] = p->sport;
        conns[k].port[1] = p->dport;
        (*n_conns)++;
    }
    tcp_side *t = &conns[k];
    if (!t->have[dir]) {
        t->base[dir] = p->seq - 16;
        t->have[dir] = 1;
    }
    uint32_t seq = p->seq - t->base[dir];
    uint32_t ack = t->have[!dir] ? p->ack - t->base[!dir] : 0;
    const uint8_t *pl = p->payload;
    uint32_t left = p->payload_len;
    do {
        uint32_t n = left > 255 ? 255 : left;
        int last = n == left;
        uint8_t fl = (uint8_t)(p->flags & 0x1f);
        if (!last)
            fl &= (uint8_t)~CTS_TCP_FIN;
        if (last && p->missing_tail)
            fl |= 0x20;
        fl |= dt >= 2 ? 0x80 : dt >= 1 ? 0x40 : 0;
        dt = 0;
        uint8_t h[9] = { fl, (uint8_t)(k | dir << 2), (uint8_t)(seq >> 16), (uint8_t)(seq >> 8), (uint8_t)seq,
                         (uint8_t)(ack >> 16), (uint8_t)(ack >> 8), (uint8_t)ack, (uint8_t)n };
        g_byte_array_append(out, h, sizeof h);
        if (n)
            g_byte_array_append(out, pl, n);
        if (last && p->missing_tail) {
            uint8_t m = (uint8_t)(p->missing_tail > 255 ? 255 : p->missing_tail);
            g_byte_array_append(out, &m, 1);
        }
        pl += n;
        left -= n;
        seq += n;
    } while (left);
}

static void capture(const char *path)
{
    char err[512];
    cts_pcap_source *src = cts_pcap_open(path, 1, err, sizeof err);
    if (!src) {
        fprintf(stderr, "fuzz_seeds: %s\n", err);
        return;
    }
    gchar *whole;
    gsize whole_len;
    if (g_file_get_contents(path, &whole, &whole_len, NULL)) {
        if (whole_len <= MAX_SEED)
            save("pcap", (const uint8_t *)whole, whole_len);
        g_free(whole);
    }
    flow_rec = g_byte_array_new();
    uint8_t opt = 0;
    g_byte_array_append(flow_rec, &opt, 1);
    flow_last_ts = 0;
    n_sessions = 0;
    GByteArray *tcp = g_byte_array_new();
    uint8_t limits = 0x3f;   /* the default limits */
    g_byte_array_append(tcp, &limits, 1);
    tcp_side conns[4];
    unsigned n_conns = 0;
    int64_t last_sec = -1;

    cts_reasm *r = cts_reasm_new(&reasm_cb, NULL, NULL);
    int linktype = cts_pcap_linktype(src);
    cts_frame fr;
    cts_pktinfo last = { 0, 0, 0 };
    while (cts_pcap_next(src, &fr, err, sizeof err) > 0) {
        cts_packet pk;
        last = fr.info;
        if (cts_packet_parse(linktype, fr.data, fr.caplen, fr.wirelen, &pk, NULL, 0) <= 0)
            continue;
        cts_reasm_segment(r, &pk, &fr.info);
        if (tcp->len < MAX_SEED - 300)
            tcp_record(tcp, conns, &n_conns, &pk, last_sec < 0 ? 0 : fr.info.ts_sec - last_sec);
        last_sec = fr.info.ts_sec;
    }
    cts_reasm_flush(r, &last);
    cts_reasm_free(r);
    cts_pcap_close(src);
    save("tcp_reasm", tcp->data, tcp->len);
    save("flow", flow_rec->data, flow_rec->len);
    g_byte_array_unref(tcp);
    g_byte_array_unref(flow_rec);
}

/* ---- dictionaries ---- */

static void dict_entry(FILE *f, const uint8_t *p, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
            fputc(p[i], f);
        else
            fprintf(f, "\\x%02x", p[i]);
    }
    fputs("\"\n", f);
}

static void dict_str(FILE *f, const char *a, const char *b, const char *c)
{
    char *s = g_strconcat(a, b, c, NULL);
    dict_entry(f, (const uint8_t *)s, strlen(s));
    g_free(s);
}

static int dicts(const char *dir)
{
    g_mkdir_with_parents(dir, 0755);
    char *path = g_build_filename(dir, "ccx.dict", NULL);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "fuzz_seeds: cannot write %s\n", path);
        return 1;
    }
    fprintf(f, "# CCX CTI: made by fuzz_seeds --dicts from the tables (make_corpus.sh)\n");
    for (size_t i = 0; i < ccx_n_messages; i++) {
        uint32_t id = ccx_messages[i].id;
        uint8_t b[4] = { (uint8_t)(id >> 24), (uint8_t)(id >> 16), (uint8_t)(id >> 8), (uint8_t)id };
        fprintf(f, "# %s\n", ccx_messages[i].name);
        dict_entry(f, b, 4);
    }
    for (size_t i = 0; i < ccx_n_tags; i++) {
        const ccx_tag_def *t = &ccx_tags[i];
        unsigned sz = ccx_dtype_size(t->type);
        uint8_t b[2] = { t->tag, (uint8_t)sz };
        fprintf(f, "# FieldDataID %u %s\n", t->tag, t->name);
        dict_entry(f, b, sz ? 2 : 1);
    }
    dict_str(f, "user.", "", "");
    dict_str(f, "BACampaign", "", "");
    fclose(f);
    g_free(path);

    path = g_build_filename(dir, "cap.dict", NULL);
    f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "fuzz_seeds: cannot write %s\n", path);
        return 1;
    }
    fprintf(f, "# BroadWorks CAP: made by fuzz_seeds --dicts from the tables (make_corpus.sh)\n");
    static const char *const framing[] = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        "<BroadsoftDocument protocol=\"CAP\" version=\"17.0\">", "<BroadsoftDocument protocol=\"OCI\"",
        "</BroadsoftDocument>", "<command commandType=\"", "xsi:type=\"", "&amp;", "&lt;", "&#x",
        "<![CDATA[", "]]>", "<!--", "-->", "/>", "\xef\xbb\xbf",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(framing); i++)
        dict_str(f, framing[i], "", "");
    for (size_t i = 0; i < cap_n_elements; i++) {
        dict_str(f, "<", cap_elements[i].name, ">");
        dict_str(f, "</", cap_elements[i].name, ">");
    }
    for (size_t i = 0; i < cap_n_attributes; i++)
        dict_str(f, " ", cap_attributes[i].name, "=\"");
    for (size_t i = 0; i < cap_n_enums; i++)
        for (size_t k = 0; k < cap_all_enums[i]->n_vals; k++) {
            const char *v = cap_all_enums[i]->vals[k].value;
            if (!*v)
                continue;
            dict_str(f, ">", v, "<");
            dict_str(f, "\"", v, "\"");
        }
    fclose(f);
    g_free(path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--dicts"))
        return dicts(argv[2]);
    if (argc < 3) {
        fprintf(stderr, "usage: fuzz_seeds OUTDIR FILE...\n");
        return 2;
    }
    outdir = argv[1];
    for (int i = 2; i < argc; i++) {
        if (g_str_has_suffix(argv[i], ".xml")) {
            gchar *d;
            gsize n;
            if (!g_file_get_contents(argv[i], &d, &n, NULL)) {
                fprintf(stderr, "fuzz_seeds: cannot read %s\n", argv[i]);
                continue;
            }
            save("cap_decode", (const uint8_t *)d, n);
            GByteArray *s = g_byte_array_new();
            uint8_t ctl = 7;
            g_byte_array_append(s, &ctl, 1);
            g_byte_array_append(s, (const guint8 *)d, (guint)MIN(n, MAX_SEED - 1));
            save("cap_framer", s->data, s->len);
            g_byte_array_unref(s);
            g_free(d);
            continue;
        }
        capture(argv[i]);
    }
    return 0;
}

/* bench_gen - write a capture of CTI call flows for the benchmark.
 *
 *   bench_gen OUT.pcap ccx N          N CCX messages over 8 connections
 *   bench_gen OUT.pcap ccx-packed N   the same, the server's bytes packed
 *                                     into full segments (1448 bytes)
 *   bench_gen OUT.pcap cap N CAPDIR   N sets of the shipped CAP captures
 *                                     (CAPDIR/cap-*.pcapng), one long
 *                                     connection per capture
 *   bench_gen OUT.pcap churn N CAPDIR N short connections, CCX and CAP in
 *                                     turn, 8 open at a time
 *   bench_gen split IN.pcap K PREFIX  cut IN into K files PREFIX-00.pcap ...
 *                                     (a ring buffer, read as one capture)
 *   bench_gen OUT.log ccx N           the CCX call flows as a Unified CCX
 *                                     MIVR log's low-level traces, one
 *                                     client session (a log does not say
 *                                     which client a message is for)
 *
 * Every capture is Ethernet/IPv4/TCP with handshakes, FINs, and ACKs: the
 * receiver of data acknowledges every second segment (delayed ACK) and
 * whatever is left before the FIN, as a real stack does.  (Without ACKs
 * tshark's TCP analysis keeps every unacknowledged segment and goes
 * quadratic.)  Frames are 250 us apart.
 *
 * CCX: each call is the chapter-11 queued-and-answered flow (begin,
 * originated, delivered to the CTI port, established, queued, agent
 * states, a data update with named variables, delivered and established at
 * the agent, dequeued, connection cleared, cleared, end) with its own
 * CallID, on a bridge-mode connection to port 42027 that opens with
 * OPEN_REQ / OPEN_CONF.  Messages are encoded once from the tables and
 * patched per call.  In `ccx` most segments carry one message; every 5th
 * call's messages are coalesced three to a segment and every 7th message
 * is split over two segments, so the framer's every path is measured; in
 * `ccx-packed` the server's stream is cut into 1448-byte segments
 * wherever the boundary falls.
 *
 * CAP: the TCP payloads of the shipped captures (CAP-C on 2208 and 2206,
 * CCC2 on 2212), segment for segment as recorded, with every call id made
 * unique per copy ("localHost" becomes a 9-character tag of the copy), so
 * each copy's calls are new calls.
 *
 * Churn: every connection carries one CCX call (OPEN, the call, CLOSE) or
 * one shipped CAP capture, and closes with FIN: the shape of a day of
 * client reconnects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include <pcap/pcap.h>

#include "ccx_decode.h"
#include "ccx_encode.h"

static const char *const flow[] = {
    "BEGIN_CALL_EVENT CallType=9 CallID=1 ConnectionDeviceID=2005 ANI=2005 DNIS=7000 DialedNumber=7000",
    "CALL_ORIGINATED_EVENT CallID=1 ApplicationID=-1 CSQID=-1 CallingDeviceType=76 CalledDeviceType=74 LocalConnectionState=LCS_INITIATE EventCause=CEC_NONE ConnectionDeviceID=2005 CallingDeviceID=2005 CalledDeviceID=7000",
    "CALL_DELIVERED_EVENT CallID=1 ApplicationID=2 CSQID=-1 AlertingDeviceType=73 CallingDeviceType=76 CalledDeviceType=73 LocalConnectionState=LCS_ALERTING EventCause=CEC_NEW_CALL ConnectionDeviceID=9019 AlertingDeviceID=9019 CallingDeviceID=2005 CalledDeviceID=9019 ANI=2005 DNIS=7000 DialedNumber=7000",
    "CALL_ESTABLISHED_EVENT CallID=1 ApplicationID=2 CSQID=-1 AnsweringDeviceType=73 CallingDeviceType=76 CalledDeviceType=73 LocalConnectionState=LCS_CONNECT EventCause=CEC_NEW_CALL ConnectionDeviceID=9019 AnsweringDeviceID=9019 CallingDeviceID=2005 CalledDeviceID=9019",
    "CALL_QUEUED_EVENT CallID=1 ApplicationID=2 QueueDeviceType=77 CallingDeviceType=76 CalledDeviceType=74 LocalConnectionState=LCS_QUEUED EventCause=CEC_NONE ConnectionDeviceID=9019 QueueDeviceID=1 CallingDeviceID=2005 CalledDeviceID=7000 CSQID=1",
    "AGENT_STATE_EVENT CSQState=AGENT_STATE_RESERVED CSQID=-1 AgentState=AGENT_STATE_RESERVED AgentExtension=2006 AgentID=agt2006 NextAgentState=65535",
    "CALL_DELIVERED_EVENT CallID=1 ApplicationID=2 CSQID=1 AlertingDeviceType=76 CallingDeviceType=76 CalledDeviceType=76 LocalConnectionState=LCS_ALERTING EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 AlertingDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006 SecondaryCallID=2",
    "AGENT_STATE_EVENT CSQState=AGENT_STATE_TALKING CSQID=-1 AgentState=AGENT_STATE_TALKING AgentExtension=2006 AgentID=agt2006 NextAgentState=AGENT_STATE_READY",
    "CALL_DATA_UPDATE_EVENT CallType=10 CallID=1 ConnectionDeviceID=2005 NewConnectionDeviceID=2005 NamedVariable=user.account=AC111 NamedVariable=user.language=en CallVariable1=gold",
    "CALL_ESTABLISHED_EVENT CallID=1 ApplicationID=-1 CSQID=1 AnsweringDeviceType=76 CallingDeviceType=76 CalledDeviceType=76 LocalConnectionState=LCS_CONNECT EventCause=CEC_NEW_CALL ConnectionDeviceID=2006 AnsweringDeviceID=2006 CallingDeviceID=2005 CalledDeviceID=2006 LastRedirectDeviceID=9019",
    "CALL_DEQUEUED_EVENT CallID=1 ApplicationID=-1 LocalConnectionState=LCS_CONNECT EventCause=CEC_NONE ConnectionDeviceID=9019 QueueDeviceID=1",
    "CALL_CONNECTION_CLEARED_EVENT CallID=1 LocalConnectionState=LCS_NONE EventCause=CEC_REDIRECTED ConnectionDeviceID=9019 ReleasingDeviceID=9019",
    "CALL_CONNECTION_CLEARED_EVENT CallID=1 LocalConnectionState=LCS_NONE EventCause=CEC_NONE ConnectionDeviceID=2005 ReleasingDeviceID=2005",
    "AGENT_STATE_EVENT CSQState=AGENT_STATE_READY CSQID=-1 AgentState=AGENT_STATE_READY AgentExtension=2006 AgentID=agt2006 NextAgentState=65535",
    "CALL_CONNECTION_CLEARED_EVENT CallID=1 LocalConnectionState=LCS_NONE EventCause=CEC_NONE ConnectionDeviceID=2006 ReleasingDeviceID=2006",
    "CALL_CLEARED_EVENT CallID=1 LocalConnectionState=LCS_NULL EventCause=1014 ConnectionDeviceID=2005",
    "END_CALL_EVENT CallID=1 ConnectionDeviceID=2005",
};
#define FLOW_N (sizeof flow / sizeof flow[0])
#define MSS 1448u
#define SLOTS 8u              /* connections open at a time */

typedef struct tmpl {
    GByteArray *bytes;
    unsigned n_call;        /* offsets of call-id fields holding 1 (this call) or 2 (its consult) */
    uint32_t call_off[8];
    uint32_t call_add[8];
} tmpl;

static tmpl t[FLOW_N];
static GByteArray *open_req, *open_conf, *close_req, *close_conf;

/* One segment to send: its side and its bytes. */
typedef struct seg {
    int from_server;
    GByteArray *b;
} seg;

/* A shipped CAP capture: its server port and its segments. */
typedef struct capfile {
    uint16_t sport;
    GPtrArray *segs;        /* seg * */
} capfile;
static capfile caps[16];
static unsigned n_caps;

typedef struct conn {
    uint32_t sip, cip;
    uint16_t sport, cport;
    uint32_t seq_s, seq_c;  /* next server / client sequence numbers */
    unsigned unacked[2];    /* data segments not yet acknowledged: [0] client's, [1] server's */
    GQueue q;               /* seg * waiting to be sent */
    int kind;               /* what it carries: K_CCX, K_CAP */
    uint64_t units;         /* calls / capture copies it still has to carry (steady kinds) */
    unsigned cap;           /* which shipped capture (K_CAP) */
    GByteArray *pack;       /* ccx-packed: the server's bytes not yet sent */
    int open;
} conn;

enum { K_CCX, K_CCX_PACKED, K_CAP };

static FILE *out;
static uint64_t usec = 1700000000ull * 1000000;
static uint64_t n_msgs, n_conns;
static uint32_t call_id = 16777216;
static uint32_t cap_copy;

/* OUT ending in ".log": each message as a MIVR log's low-level trace (a
 * "writing..." or "reading..." line, MHDR, MDATA rows of 16 bytes with
 * their ASCII) after a line of another facility, times in UTC to the
 * millisecond; no frames (README, "MIVR trace logs"). */
static int log_mode;
static uint64_t log_seq = 1000000;

static void log_rows(const char *first, const uint8_t *d, uint32_t len)
{
    static const char hx[] = "0123456789ABCDEF";
    for (uint32_t off = 0; off < len; off += 16) {
        char row[128];
        char *w = row;
        uint32_t n = len - off < 16 ? len - off : 16;
        if (off == 0)
            w += sprintf(w, "%s", first);
        w += sprintf(w, "%04X:", off);
        for (uint32_t i = 0; i < n; i++) {
            *w++ = ' ';
            *w++ = hx[d[off + i] >> 4];
            *w++ = hx[d[off + i] & 15];
        }
        *w++ = ' ';
        for (uint32_t i = 0; i < n; i++)
            *w++ = d[off + i] >= 32 && d[off + i] < 127 ? (char)d[off + i] : '.';
        *w++ = '\n';
        fwrite(row, 1, (size_t)(w - row), out);
    }
}

static void log_msg(int from_server, const uint8_t *d, uint32_t len)
{
    usec += 250;
    time_t t = (time_t)(usec / 1000000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[64];
    strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
    unsigned ms = (unsigned)(usec / 1000 % 1000);
    fprintf(out, "%llu: %s.%03u UTC %%MIVR-SS_TEL-7-UNK:CallID=1, MediaId=9019 state changed\n",
            (unsigned long long)log_seq++, stamp, ms);
    fprintf(out, "%llu: %s.%03u UTC %%MIVR-ICD_CTI-7-UNK:%s...\n", (unsigned long long)log_seq++,
            stamp, ms, from_server ? "writing" : "reading");
    log_rows("MHDR:    ", d, 8);
    if (len > 8)
        log_rows("MDATA:   ", d + 8, len - 8);
}

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = (uint8_t)v; }
static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }

static void frame(const conn *c, int from_server, uint8_t flags, uint32_t seq, uint32_t ack,
                  const uint8_t *data, uint32_t len)
{
    if (log_mode)
        return;   /* a log has messages, no frames */
    uint8_t h[16 + 54];
    uint32_t caplen = 54 + len;
    usec += 250;
    uint32_t rec[4] = { (uint32_t)(usec / 1000000), (uint32_t)(usec % 1000000), caplen, caplen };
    memcpy(h, rec, 16);                       /* record header, host order */
    uint8_t *e = h + 16;
    memset(e, 0, 54);
    e[5] = from_server ? 1 : 2;               /* MACs */
    e[11] = from_server ? 2 : 1;
    put16(e + 12, 0x0800);
    uint8_t *ip = e + 14;
    ip[0] = 0x45;
    put16(ip + 2, (uint16_t)(40 + len));
    ip[8] = 64;
    ip[9] = 6;
    put32(ip + 12, from_server ? c->sip : c->cip);
    put32(ip + 16, from_server ? c->cip : c->sip);
    uint8_t *tcp = ip + 20;
    put16(tcp, from_server ? c->sport : c->cport);
    put16(tcp + 2, from_server ? c->cport : c->sport);
    put32(tcp + 4, seq);
    put32(tcp + 8, ack);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    put16(tcp + 14, 65535);
    fwrite(h, 1, sizeof h, out);
    if (len)
        fwrite(data, 1, len, out);
}

/* A pure ACK from the side that received data. */
static void ack(conn *c, int from_server)
{
    frame(c, from_server, 0x10, from_server ? c->seq_s : c->seq_c, from_server ? c->seq_c : c->seq_s,
          NULL, 0);
    c->unacked[!from_server] = 0;
}

static void send_data(conn *c, int from_server, const uint8_t *d, uint32_t len)
{
    if (from_server) {
        frame(c, 1, 0x18, c->seq_s, c->seq_c, d, len);
        c->seq_s += len;
        c->unacked[0] = 0;                    /* it acknowledges the client's data */
    } else {
        frame(c, 0, 0x18, c->seq_c, c->seq_s, d, len);
        c->seq_c += len;
        c->unacked[1] = 0;
    }
    if (++c->unacked[from_server] == 2)
        ack(c, !from_server);
}

static void conn_open(conn *c)
{
    frame(c, 0, 0x02, c->seq_c++, 0, NULL, 0);              /* SYN */
    frame(c, 1, 0x12, c->seq_s++, c->seq_c, NULL, 0);       /* SYN+ACK */
    frame(c, 0, 0x10, c->seq_c, c->seq_s, NULL, 0);         /* ACK */
    c->open = 1;
    n_conns++;
}

static void conn_close(conn *c)
{
    if (c->unacked[1])
        ack(c, 0);
    if (c->unacked[0])
        ack(c, 1);
    frame(c, 0, 0x11, c->seq_c++, c->seq_s, NULL, 0);       /* FIN */
    frame(c, 1, 0x11, c->seq_s++, c->seq_c, NULL, 0);       /* FIN */
    frame(c, 0, 0x10, c->seq_c, c->seq_s, NULL, 0);         /* ACK */
    c->open = 0;
}

static void push(conn *c, int from_server, const uint8_t *d, uint32_t len)
{
    if (log_mode) {   /* whole messages only (push_ccx_call neither splits nor packs) */
        log_msg(from_server, d, len);
        return;
    }
    seg *s = g_new(seg, 1);
    s->from_server = from_server;
    s->b = g_byte_array_sized_new(len);
    g_byte_array_append(s->b, d, len);
    g_queue_push_tail(&c->q, s);
}

/* One CCX call's segments.  packed: the server's bytes cut at MSS. */
static void push_ccx_call(conn *c, int packed)
{
    static GByteArray *seg_b;
    if (!seg_b)
        seg_b = g_byte_array_sized_new(4096);
    int coalesce = !packed && !log_mode && call_id % 5 == 0;
    for (size_t i = 0; i < FLOW_N; i++, n_msgs++) {
        GByteArray *b = t[i].bytes;
        for (unsigned k = 0; k < t[i].n_call; k++)
            put32(b->data + t[i].call_off[k], call_id + t[i].call_add[k]);
        if (packed) {
            if (!c->pack)
                c->pack = g_byte_array_sized_new(2 * MSS);
            g_byte_array_append(c->pack, b->data, b->len);
            while (c->pack->len >= MSS) {
                push(c, 1, c->pack->data, MSS);
                g_byte_array_remove_range(c->pack, 0, MSS);
            }
        } else if (coalesce) {
            g_byte_array_append(seg_b, b->data, b->len);
            if (i % 3 == 2 || i + 1 == FLOW_N) {
                push(c, 1, seg_b->data, seg_b->len);
                g_byte_array_set_size(seg_b, 0);
            }
        } else if (n_msgs % 7 == 0 && !log_mode) {
            uint32_t half = b->len / 2;
            push(c, 1, b->data, half);
            push(c, 1, b->data + half, b->len - half);
        } else {
            push(c, 1, b->data, b->len);
        }
    }
    if (packed && c->units == 1 && c->pack->len) {   /* the last call: what is left */
        push(c, 1, c->pack->data, c->pack->len);
        g_byte_array_set_size(c->pack, 0);
    }
    call_id += 2;
}

/* One copy of a shipped CAP capture, its call ids made its own. */
static void push_cap_copy(conn *c)
{
    char tag[10];
    snprintf(tag, sizeof tag, "c%08x", cap_copy++);
    const capfile *f = &caps[c->cap];
    for (guint i = 0; i < f->segs->len; i++) {
        const seg *s = g_ptr_array_index(f->segs, i);
        GByteArray *b = g_byte_array_sized_new(s->b->len);
        g_byte_array_append(b, s->b->data, s->b->len);
        for (uint8_t *p = b->data, *end = b->data + b->len; p + 9 <= end; p++)
            if (*p == 'l' && memcmp(p, "localHost", 9) == 0)
                memcpy(p, tag, 9);
        for (uint8_t *p = b->data, *end = b->data + b->len; p + 18 <= end; p++)
            if (*p == '<' && memcmp(p, "<BroadsoftDocument", 18) == 0)
                n_msgs++;
        seg *n = g_new(seg, 1);
        n->from_server = s->from_server;
        n->b = b;
        g_queue_push_tail(&c->q, n);
    }
}

/* Refill a connection's queue with its next unit; 0 when it has none. */
static int refill(conn *c)
{
    if (!c->units)
        return 0;
    if (c->kind == K_CAP)
        push_cap_copy(c);
    else
        push_ccx_call(c, c->kind == K_CCX_PACKED);
    c->units--;
    return 1;
}

static void send_queued(conn *c, unsigned max)
{
    for (unsigned k = 0; k < max && !g_queue_is_empty(&c->q); k++) {
        seg *s = g_queue_pop_head(&c->q);
        send_data(c, s->from_server, s->b->data, s->b->len);
        g_byte_array_unref(s->b);
        g_free(s);
    }
}

static void conn_init(conn *c, unsigned i, int kind, uint16_t sport)
{
    memset(c, 0, sizeof *c);
    g_queue_init(&c->q);
    c->sip = 0x0a000001;
    c->cip = 0x0a010000 + (i / 60000) + 2;
    c->sport = sport;
    c->cport = (uint16_t)(1024 + i % 60000);
    c->seq_c = 1000 + i * 7919u;
    c->seq_s = 900000 + i * 104729u;
    c->kind = kind;
}

static void ccx_session_start(conn *c)
{
    push(c, 0, open_req->data, open_req->len);
    push(c, 1, open_conf->data, open_conf->len);
    n_msgs += 2;
}

static void ccx_session_end(conn *c)
{
    push(c, 0, close_req->data, close_req->len);
    push(c, 1, close_conf->data, close_conf->len);
    n_msgs += 2;
}

/* The shipped CAP captures: each one's data segments, by side. */
static int load_caps(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) {
        fprintf(stderr, "bench_gen: cannot open %s\n", dir);
        return -1;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        if (g_str_has_prefix(n, "cap-") && g_str_has_suffix(n, ".pcapng"))
            g_ptr_array_add(names, g_build_filename(dir, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    for (guint i = 0; i < names->len && n_caps < G_N_ELEMENTS(caps); i++) {
        char eb[PCAP_ERRBUF_SIZE];
        const char *path = g_ptr_array_index(names, i);
        pcap_t *p = pcap_open_offline(path, eb);
        if (!p) {
            fprintf(stderr, "bench_gen: %s\n", eb);
            return -1;
        }
        if (pcap_datalink(p) != DLT_EN10MB) {
            fprintf(stderr, "bench_gen: %s: not Ethernet\n", path);
            return -1;
        }
        capfile *f = &caps[n_caps];
        f->segs = g_ptr_array_new();
        struct pcap_pkthdr *h;
        const u_char *pk;
        while (pcap_next_ex(p, &h, &pk) == 1) {
            if (h->caplen < 54 || pk[12] != 8 || pk[13] != 0 || pk[23] != 6)
                continue;
            unsigned ihl = (pk[14] & 15u) * 4, iplen = (unsigned)pk[16] << 8 | pk[17];
            const u_char *tcp = pk + 14 + ihl;
            if (14 + ihl + 20 > h->caplen)
                continue;
            unsigned thl = (tcp[12] >> 4) * 4u;
            if (14 + iplen > h->caplen || ihl + thl > iplen)
                continue;
            uint16_t src = (uint16_t)(tcp[0] << 8 | tcp[1]), dst = (uint16_t)(tcp[2] << 8 | tcp[3]);
            uint32_t len = iplen - ihl - thl;
            if (!len)
                continue;
            int from_server = src == 2206 || src == 2208 || src == 2212;
            if (!from_server && dst != 2206 && dst != 2208 && dst != 2212)
                continue;
            f->sport = from_server ? src : dst;
            seg *s = g_new(seg, 1);
            s->from_server = from_server;
            s->b = g_byte_array_sized_new(len);
            g_byte_array_append(s->b, tcp + thl, len);
            g_ptr_array_add(f->segs, s);
        }
        pcap_close(p);
        if (f->segs->len)
            n_caps++;
    }
    g_ptr_array_free(names, TRUE);
    if (!n_caps) {
        fprintf(stderr, "bench_gen: no cap-*.pcapng in %s\n", dir);
        return -1;
    }
    return 0;
}

static int encode(const char *text, GByteArray **b)
{
    char err[256];
    *b = g_byte_array_new();
    if (ccx_encode_text(text, *b, err, sizeof err) < 0) {
        fprintf(stderr, "bench_gen: %s\n", err);
        return -1;
    }
    return 0;
}

/* Encode the flow once; find its call-id fields with the decoder. */
static int make_templates(void)
{
    static ccx_msg m;
    for (size_t i = 0; i < FLOW_N; i++) {
        if (encode(flow[i], &t[i].bytes) < 0)
            return -1;
        ccx_decode(t[i].bytes->data, t[i].bytes->len, 0, &m);
        if (m.max_sev_plus1 > 1) {
            fprintf(stderr, "bench_gen: template %zu does not decode cleanly: %s\n", i,
                    m.n_diags ? m.diags[0].text : "?");
            return -1;
        }
        for (unsigned k = 0; k < m.n_fields; k++) {
            const ccx_decoded_field *f = &m.fields[k];
            if (f->field >= 0 && (ccx_fields[f->field].roles & CCX_ROLE_CALL_ID) &&
                (f->u == 1 || f->u == 2) && t[i].n_call < 8) {
                t[i].call_off[t[i].n_call] = f->offset;
                t[i].call_add[t[i].n_call++] = f->u - 1;
            }
        }
    }
    if (encode("OPEN_REQ InvokeID=1 VersionNumber=13 IdleTimeout=60 "
               "ServicesRequested=CTI_SERVICE_ALL_EVENTS CallMsgMask=0x7fff "
               "AgentStateMask=0x1ff ClientID=bench ClientPassword=hex:", &open_req) < 0 ||
        encode("OPEN_CONF InvokeID=1 ServicesGranted=CTI_SERVICE_ALL_EVENTS", &open_conf) < 0 ||
        encode("CLOSE_REQ InvokeID=2 Status=0", &close_req) < 0 ||
        encode("CLOSE_CONF InvokeID=2", &close_conf) < 0)
        return -1;
    return 0;
}

static void write_header(FILE *f)
{
    uint8_t gh[24] = { 0 };
    uint32_t magic = 0xa1b2c3d4, snap = 65535, lt = 1;
    uint16_t v[2] = { 2, 4 };
    memcpy(gh, &magic, 4);
    memcpy(gh + 4, v, 4);
    memcpy(gh + 16, &snap, 4);
    memcpy(gh + 20, &lt, 4);
    fwrite(gh, 1, sizeof gh, f);
}

/* Long-lived connections, each carrying units (calls or capture copies) in
 * turn, one unit per turn. */
static void steady(conn *cs, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        conn_open(&cs[i]);
        if (cs[i].kind != K_CAP)
            ccx_session_start(&cs[i]);
        send_queued(&cs[i], ~0u);
    }
    for (int any = 1; any;) {
        any = 0;
        for (unsigned i = 0; i < n; i++)
            if (refill(&cs[i])) {
                send_queued(&cs[i], ~0u);
                any = 1;
            }
    }
    for (unsigned i = 0; i < n; i++) {
        if (cs[i].kind != K_CAP)
            ccx_session_end(&cs[i]);
        send_queued(&cs[i], ~0u);
        conn_close(&cs[i]);
    }
}

/* n short connections, SLOTS open at a time, one segment each per turn. */
static void churn(uint64_t n)
{
    conn slot[SLOTS];
    uint64_t started = 0;
    unsigned live = 0;
    for (unsigned i = 0; i < SLOTS; i++)
        slot[i].open = 0;
    for (;;) {
        for (unsigned i = 0; i < SLOTS; i++) {
            conn *c = &slot[i];
            if (!c->open && started < n) {
                int k = started % 2 ? K_CAP : K_CCX;
                conn_init(c, (unsigned)started, k, 42027);
                c->units = 1;
                if (k == K_CAP) {
                    c->cap = (unsigned)(started / 2 % n_caps);
                    c->sport = caps[c->cap].sport;
                }
                started++;
                conn_open(c);
                if (k == K_CCX)
                    ccx_session_start(c);
                refill(c);
                if (k == K_CCX)
                    ccx_session_end(c);
                live++;
            }
            if (!c->open)
                continue;
            send_queued(c, 1);
            if (g_queue_is_empty(&c->q)) {
                conn_close(c);
                live--;
            }
        }
        if (!live && started >= n)
            return;
    }
}

/* Cut a capture into k files of about equal frame counts. */
static int split(const char *in, unsigned k, const char *prefix)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(in, eb);
    if (!p) {
        fprintf(stderr, "bench_gen: %s\n", eb);
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *pk;
    uint64_t total = 0;
    while (pcap_next_ex(p, &h, &pk) == 1)
        total++;
    pcap_close(p);
    p = pcap_open_offline(in, eb);
    pcap_dumper_t *d = NULL;
    uint64_t i = 0;
    unsigned file = 0;
    while (pcap_next_ex(p, &h, &pk) == 1) {
        if (!d || (file < k && i >= total * file / k)) {
            if (d)
                pcap_dump_close(d);
            char *name = g_strdup_printf("%s-%02u.pcap", prefix, file++);
            d = pcap_dump_open(p, name);
            if (!d) {
                fprintf(stderr, "bench_gen: %s: %s\n", name, pcap_geterr(p));
                return 1;
            }
            g_free(name);
        }
        pcap_dump((u_char *)d, h, pk);
        i++;
    }
    if (d)
        pcap_dump_close(d);
    pcap_close(p);
    fprintf(stderr, "bench_gen: %llu frames in %u files %s-NN.pcap\n", (unsigned long long)total,
            file, prefix);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "split") == 0)
        return split(argv[2], (unsigned)atoi(argv[3]), argv[4]);
    if (argc < 4) {
        fprintf(stderr, "usage: bench_gen OUT.pcap|OUT.log ccx|ccx-packed N\n"
                        "       bench_gen OUT.pcap cap|churn N CAPTURES_DIR\n"
                        "       bench_gen split IN.pcap K PREFIX\n");
        return 2;
    }
    const char *kind = argv[2];
    uint64_t n = strtoull(argv[3], NULL, 10);
    int is_cap = strcmp(kind, "cap") == 0, is_churn = strcmp(kind, "churn") == 0;
    int is_ccx = strcmp(kind, "ccx") == 0, is_packed = strcmp(kind, "ccx-packed") == 0;
    if (!is_cap && !is_churn && !is_ccx && !is_packed) {
        fprintf(stderr, "bench_gen: unknown kind %s\n", kind);
        return 2;
    }
    if ((is_cap || is_churn) && (argc < 5 || load_caps(argv[4]) < 0))
        return 1;
    if (make_templates() < 0)
        return 1;
    out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    log_mode = g_str_has_suffix(argv[1], ".log");
    if (log_mode && !is_ccx) {
        fprintf(stderr, "bench_gen: a log (OUT.log) is of kind ccx only\n");
        return 2;
    }
    if (!log_mode)
        write_header(out);
    if (is_churn) {
        churn(n);
    } else if (is_cap) {
        conn cs[G_N_ELEMENTS(caps)];
        for (unsigned i = 0; i < n_caps; i++) {
            conn_init(&cs[i], i, K_CAP, caps[i].sport);
            cs[i].cap = i;
            cs[i].units = n;
        }
        steady(cs, n_caps);
    } else {
        /* calls of 17 messages, spread over 8 connections (a log: one) */
        conn cs[8];
        unsigned nc = log_mode ? 1 : 8;
        uint64_t calls = n > nc * 4 ? (n - nc * 4) / FLOW_N : 1;
        for (unsigned i = 0; i < nc; i++) {
            conn_init(&cs[i], i, is_packed ? K_CCX_PACKED : K_CCX, 42027);
            cs[i].units = calls / nc + (i < calls % nc);
        }
        steady(cs, nc);
    }
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    fprintf(stderr, "bench_gen: %llu messages in %llu connections -> %s\n",
            (unsigned long long)n_msgs, (unsigned long long)n_conns, argv[1]);
    return 0;
}

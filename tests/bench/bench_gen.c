/* bench_gen - write a pcap of N CCX CTI messages in realistic call flows.
 *
 *   bench_gen OUT.pcap N [CONNECTIONS]
 *
 * Each call is the chapter-11 queued-and-answered flow (begin, originated,
 * delivered to the CTI port, established, queued, agent states, data
 * update with named variables, delivered and established at the agent,
 * dequeued, connection cleared, cleared, end) with its own CallID, spread
 * round-robin over CONNECTIONS bridge-mode TCP connections (default 8) to
 * port 42027.  Messages are encoded once from the tables and patched per
 * call.  Most segments carry one message; every 5th call's messages are
 * coalesced three to a segment and every 7th message is split over two
 * segments, so the framer's every path is on the measured path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

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

typedef struct tmpl {
    GByteArray *bytes;
    unsigned n_call;        /* offsets of call-id fields holding 1 (this call) or 2 (its consult) */
    uint32_t call_off[8];
    uint32_t call_add[8];
} tmpl;

typedef struct conn {
    uint32_t seq_s, seq_c;  /* next server / client sequence numbers */
    uint16_t cport;
} conn;

static FILE *out;
static uint64_t usec = 1700000000ull * 1000000;

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = (uint8_t)v; }
static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }

static void frame(const conn *c, int from_server, uint8_t flags, uint32_t seq, uint32_t ack,
                  const uint8_t *data, uint32_t len)
{
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
    put32(ip + 12, from_server ? 0x0a000001 : 0x0a000002);
    put32(ip + 16, from_server ? 0x0a000002 : 0x0a000001);
    uint8_t *tcp = ip + 20;
    put16(tcp, from_server ? 42027 : c->cport);
    put16(tcp + 2, from_server ? c->cport : 42027);
    put32(tcp + 4, seq);
    put32(tcp + 8, ack);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    put16(tcp + 14, 65535);
    fwrite(h, 1, sizeof h, out);
    if (len)
        fwrite(data, 1, len, out);
}

/* OUT ending in ".log": the same messages as a Unified CCX MIVR log's
 * low-level traces (one "writing..." or "reading..." line, MHDR, MDATA rows
 * of 16 bytes with their ASCII) with a line of another facility before
 * each, times in UTC to the millisecond: what ctiscope reads as a log
 * (README, "MIVR trace logs"). */
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

static void server_send(conn *c, const uint8_t *d, uint32_t len)
{
    frame(c, 1, 0x18, c->seq_s, c->seq_c, d, len);
    c->seq_s += len;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_gen OUT.pcap|OUT.log N_MESSAGES [CONNECTIONS]\n");
        return 2;
    }
    uint64_t n = strtoull(argv[2], NULL, 10);
    unsigned nconn = argc > 3 ? (unsigned)atoi(argv[3]) : 8;
    if (nconn < 1 || nconn > 1000)
        nconn = 8;
    out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    log_mode = g_str_has_suffix(argv[1], ".log");
    if (log_mode)
        nconn = 1;   /* a log does not say which client a message is for */
    static uint8_t gh[24];
    uint32_t magic = 0xa1b2c3d4;
    memcpy(gh, &magic, 4);
    uint16_t v[2] = { 2, 4 };
    memcpy(gh + 4, v, 4);
    uint32_t snap = 65535, lt = 1;
    memcpy(gh + 16, &snap, 4);
    memcpy(gh + 20, &lt, 4);
    if (!log_mode)
        fwrite(gh, 1, 24, out);

    /* Encode the flow once; find its call-id fields with the decoder. */
    static tmpl t[FLOW_N];
    static ccx_msg m;
    for (size_t i = 0; i < FLOW_N; i++) {
        char err[256];
        t[i].bytes = g_byte_array_new();
        if (ccx_encode_text(flow[i], t[i].bytes, err, sizeof err) < 0) {
            fprintf(stderr, "bench_gen: %s\n", err);
            return 1;
        }
        ccx_decode(t[i].bytes->data, t[i].bytes->len, 0, &m);
        if (m.max_sev_plus1 > 1) {
            fprintf(stderr, "bench_gen: template %zu does not decode cleanly: %s\n", i,
                    m.n_diags ? m.diags[0].text : "?");
            return 1;
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

    conn *cs = calloc(nconn, sizeof *cs);
    GByteArray *open_req = g_byte_array_new(), *open_conf = g_byte_array_new();
    char err[256];
    ccx_encode_text("OPEN_REQ InvokeID=1 VersionNumber=13 IdleTimeout=60 "
                    "ServicesRequested=CTI_SERVICE_ALL_EVENTS CallMsgMask=0x7fff "
                    "AgentStateMask=0x1ff ClientID=bench ClientPassword=hex:", open_req, err, sizeof err);
    ccx_encode_text("OPEN_CONF InvokeID=1 ServicesGranted=CTI_SERVICE_ALL_EVENTS", open_conf, err,
                    sizeof err);
    for (unsigned i = 0; i < nconn && log_mode; i++) {
        log_msg(0, open_req->data, open_req->len);
        log_msg(1, open_conf->data, open_conf->len);
    }
    for (unsigned i = 0; i < nconn && !log_mode; i++) {
        cs[i].cport = (uint16_t)(50000 + i);
        cs[i].seq_c = 1000 + i;
        cs[i].seq_s = 900000 + i;
        frame(&cs[i], 0, 0x02, cs[i].seq_c++, 0, NULL, 0);            /* SYN */
        frame(&cs[i], 1, 0x12, cs[i].seq_s++, cs[i].seq_c, NULL, 0);  /* SYN+ACK */
        frame(&cs[i], 0, 0x18, cs[i].seq_c, cs[i].seq_s, open_req->data, open_req->len);
        cs[i].seq_c += open_req->len;
        server_send(&cs[i], open_conf->data, open_conf->len);
    }
    uint64_t written = 2ull * nconn;
    uint32_t call_id = 16777216;
    GByteArray *seg = g_byte_array_sized_new(4096);
    uint64_t msgno = 0;
    while (written < n) {
        conn *c = &cs[call_id % nconn];
        int coalesce = call_id % 5 == 0;
        for (size_t i = 0; i < FLOW_N && written < n; i++, written++, msgno++) {
            GByteArray *b = t[i].bytes;
            for (unsigned k = 0; k < t[i].n_call; k++)
                put32(b->data + t[i].call_off[k], call_id + t[i].call_add[k]);
            if (log_mode) {
                log_msg(1, b->data, b->len);
            } else if (coalesce) {
                g_byte_array_append(seg, b->data, b->len);
                if (seg->len && (i % 3 == 2 || i + 1 == FLOW_N)) {
                    server_send(c, seg->data, seg->len);
                    g_byte_array_set_size(seg, 0);
                }
            } else if (msgno % 7 == 0) {
                uint32_t half = b->len / 2;
                server_send(c, b->data, half);
                server_send(c, b->data + half, b->len - half);
            } else {
                server_send(c, b->data, b->len);
            }
        }
        if (seg->len) {
            server_send(c, seg->data, seg->len);
            g_byte_array_set_size(seg, 0);
        }
        call_id += 2;
    }
    for (unsigned i = 0; i < nconn && !log_mode; i++) {
        frame(&cs[i], 0, 0x11, cs[i].seq_c++, cs[i].seq_s, NULL, 0);  /* FIN */
        frame(&cs[i], 1, 0x11, cs[i].seq_s++, cs[i].seq_c, NULL, 0);
    }
    fclose(out);
    fprintf(stderr, "bench_gen: %llu messages in %u connections -> %s\n",
            (unsigned long long)written, nconn, argv[1]);
    return 0;
}

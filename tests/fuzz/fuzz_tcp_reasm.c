/* fuzz_tcp_reasm - TCP reassembly of segments whose sequence numbers,
 * acknowledgements, flags and payload the fuzzer chooses.
 *
 * Input: one byte of limits, then segment records:
 *   byte   flags: CTS_TCP_FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10;
 *          0x20: a snaplen-cut tail follows; 0x40, 0x80: seconds to add to
 *          the clock (1, 2)
 *   byte   who: bits 0-1 which of 4 connections, bit 2 the direction
 *   3 bytes sequence number, offset from the direction's base (chosen
 *          near 2^32, so that streams wrap)
 *   3 bytes acknowledgement number, offset from the other direction's base
 *   byte   payload length (0-255), then the payload
 *   [byte  cut tail length, when flags has 0x20]
 * The limits byte picks small or default limits: bits 0-1 out-of-order
 * bytes (64, 512, 4096, default), bits 2-3 out-of-order pieces (2, 8, 64,
 * default), bits 4-5 flows (1, 2, 3, default), bit 6 no retransmission
 * history, bit 7 an idle timeout of 3 s.
 *
 * Checks: each direction's stream is handed over in order, the offsets of
 * gaps continuing from what was delivered and declared missing before;
 * nothing comes for a flow after its close, nor after the upper layer said
 * to ignore it; every flow that had data is closed once; the open flows
 * never exceed the limit; after the flush none is left.
 */
#include "fuzz_common.h"

#include <glib.h>

#include "tcp_reasm.h"

typedef struct track {
    uint64_t next[2];    /* stream offset of the next byte of each direction */
    int closed;
    int ignore_after;    /* deliveries before the upper layer ignores the flow (0: never) */
    unsigned deliveries;
} track;

static size_t n_tracks;          /* alive */
static size_t max_flows;
static cts_reasm *reasm;

static track *track_of(cts_flow *f)
{
    if (!f->user) {
        track *t = g_new0(track, 1);
        /* some flows are dropped by the upper layer after a few deliveries,
         * as the CLI drops one the heuristic refuses */
        t->ignore_after = (int)(f->index % 5 == 3 ? 1 + f->index % 3 : 0);
        f->user = t;
        n_tracks++;
    }
    return f->user;
}

static void on_data(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len,
                    const cts_pktinfo *pi)
{
    (void)ctx;
    FZ_CHECK(dir == 0 || dir == 1, "direction %d", dir);
    FZ_CHECK(pi && len > 0 && data, "empty delivery");
    FZ_CHECK(!f->ignored, "data for an ignored flow");
    track *t = track_of(f);
    FZ_CHECK(!t->closed, "data after the close");
    volatile uint8_t sum = 0;   /* every byte readable (ASan) */
    for (size_t i = 0; i < len; i++)
        sum ^= data[i];
    (void)sum;
    t->next[dir] += len;
    if (t->ignore_after && ++t->deliveries >= (unsigned)t->ignore_after)
        f->ignored = 1;
}

static void on_gap(void *ctx, cts_flow *f, int dir, uint64_t off, uint64_t missing, const cts_pktinfo *pi)
{
    (void)ctx;
    FZ_CHECK(pi && missing > 0, "empty gap");
    FZ_CHECK(!f->ignored, "gap for an ignored flow");
    track *t = track_of(f);
    FZ_CHECK(!t->closed, "gap after the close");
    FZ_CHECK(off == t->next[dir], "gap at stream offset %llu, the stream is at %llu",
             (unsigned long long)off, (unsigned long long)t->next[dir]);
    t->next[dir] += missing;
}

static void on_close(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi)
{
    (void)ctx;
    FZ_CHECK(how && *how && pi, "close without a reason");
    if (f->user) {
        track *t = f->user;
        FZ_CHECK(!t->closed, "closed twice");
        g_free(t);
        f->user = NULL;
        n_tracks--;
    }
}

static void on_diag(void *ctx, const cts_pktinfo *pi, const char *msg)
{
    (void)ctx;
    (void)pi;
    FZ_CHECK(msg && *msg && strlen(msg) < 512, "diagnostic text");
}

static const cts_reasm_callbacks cbs = { on_data, on_gap, on_close, on_diag, NULL };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    uint8_t lb = fz_u8(&in);
    static const size_t ooo[] = { 64, 512, 4096, 0 }, pieces[] = { 2, 8, 64, 0 }, flows[] = { 1, 2, 3, 0 };
    cts_reasm_limits lim;
    cts_reasm_limits_default(&lim);
    lim.max_ooo_bytes = ooo[lb & 3];
    lim.max_ooo_segments = pieces[(lb >> 2) & 3];
    lim.max_flows = flows[(lb >> 4) & 3];
    if (lb & 64)
        lim.history_bytes = 0;
    lim.idle_timeout = lb & 128 ? 3 : 0;
    max_flows = lim.max_flows ? lim.max_flows : CTS_REASM_DEFAULT_MAX_FLOWS;
    reasm = cts_reasm_new(&cbs, NULL, &lim);

    cts_pktinfo pi = { 0, 1795000000, 0 };
    while (in.n) {
        uint8_t fl = fz_u8(&in), who = fz_u8(&in);
        int conn = who & 3, dir = (who >> 2) & 1;
        uint32_t seq_off = (uint32_t)fz_u8(&in) << 16 | fz_u16(&in);
        uint32_t ack_off = (uint32_t)fz_u8(&in) << 16 | fz_u16(&in);
        size_t len;
        const uint8_t *payload = fz_bytes(&in, fz_u8(&in), &len);
        cts_packet p;
        memset(&p, 0, sizeof p);
        p.src.family = p.dst.family = CTS_AF_INET4;
        uint8_t a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, (uint8_t)conn, 2 };
        memcpy(p.src.bytes, dir ? b : a, 4);
        memcpy(p.dst.bytes, dir ? a : b, 4);
        p.sport = dir ? 42027 : (uint16_t)(50000 + conn);
        p.dport = dir ? (uint16_t)(50000 + conn) : 42027;
        /* each direction's numbers start near the wrap of 2^32 */
        uint32_t base = 0xFFFF0000u - 0x1000u * (uint32_t)(conn * 2 + dir);
        uint32_t peer = 0xFFFF0000u - 0x1000u * (uint32_t)(conn * 2 + !dir);
        p.seq = base + seq_off;
        p.ack = peer + ack_off;
        p.flags = fl & 0x1f;
        p.window = 512;
        p.payload = len ? payload : NULL;
        p.payload_len = (uint32_t)len;
        if (fl & 0x20)
            p.missing_tail = fz_u8(&in);
        pi.frame++;
        pi.ts_sec += (fl >> 6) & 1 ? 1 : 0;
        pi.ts_sec += (fl >> 7) & 1 ? 2 : 0;
        pi.ts_usec = (int32_t)(pi.frame % 1000000);
        cts_reasm_segment(reasm, &p, &pi);
        FZ_CHECK(cts_reasm_flow_count(reasm) <= max_flows, "%zu flows open, the limit is %zu",
                 cts_reasm_flow_count(reasm), max_flows);
    }
    cts_reasm_flush(reasm, &pi);
    FZ_CHECK(cts_reasm_flow_count(reasm) == 0, "%zu flows left after the flush", cts_reasm_flow_count(reasm));
    FZ_CHECK(n_tracks == 0, "%zu flows with data never closed", n_tracks);
    cts_reasm_free(reasm);
    return 0;
}

/* mivr_synth.c - messages as TCP frames (see mivr_synth.h). */
#include "mivr_synth.h"

#include <string.h>

#define CLOSE_CONF_TYPE 8u   /* CCX MessageTypeID of CLOSE_CONF (Table 21) */

static const uint8_t server_ip[4] = { 192, 0, 2, 1 };
static const uint8_t client_ip[4] = { 192, 0, 2, 2 };

void mivr_synth_init(mivr_synth *s)
{
    memset(s, 0, sizeof *s);
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        acc += (uint32_t)p[i] << 8 | p[i + 1];
    if (n & 1)
        acc += (uint32_t)p[n - 1] << 8;
    return acc;
}

static uint16_t fold(uint32_t acc)
{
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint16_t)~acc;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A segment from side `from` (0 server, 1 client) with flags and payload. */
static void segment(mivr_synth *s, int from, uint8_t flags, const uint8_t *data, size_t len,
                    int64_t ts, uint64_t line, mivr_frame_fn emit, void *ud)
{
    uint8_t *f = s->frame;
    size_t total = 40 + len;
    uint16_t cport = (uint16_t)(MIVR_CLIENT_PORT + (s->sessions - 1) % 20000);
    const uint8_t *src = from ? client_ip : server_ip, *dst = from ? server_ip : client_ip;
    /* IPv4 */
    memset(f, 0, 40);
    f[0] = 0x45;
    put16(f + 2, (uint16_t)total);
    put16(f + 4, s->ip_id++);
    f[6] = 0x40;   /* DF */
    f[8] = 64;
    f[9] = 6;
    memcpy(f + 12, src, 4);
    memcpy(f + 16, dst, 4);
    put16(f + 10, fold(sum16(f, 20, 0)));
    /* TCP */
    uint8_t *t = f + 20;
    put16(t, from ? cport : MIVR_SERVER_PORT);
    put16(t + 2, from ? MIVR_SERVER_PORT : cport);
    put32(t + 4, s->seq[from]);
    put32(t + 8, (flags & 0x10) ? s->seq[!from] : 0);
    t[12] = 5 << 4;
    t[13] = flags;
    put16(t + 14, 65535);
    if (len)
        memcpy(t + 20, data, len);
    /* checksum over the pseudo-header and the segment */
    uint8_t ph[12];
    memcpy(ph, src, 4);
    memcpy(ph + 4, dst, 4);
    ph[8] = 0;
    ph[9] = 6;
    put16(ph + 10, (uint16_t)(20 + len));
    put16(t + 16, fold(sum16(t, 20 + len, sum16(ph, 12, 0))));
    s->seq[from] += (uint32_t)len + ((flags & 0x03) ? 1u : 0u);   /* SYN and FIN count one */
    emit(ud, f, total, ts, line);
}

enum { SYN = 0x02, FIN = 0x01, PSH = 0x08, ACK = 0x10 };

void mivr_synth_msg(mivr_synth *s, const mivr_msg *m, mivr_frame_fn emit, void *ud)
{
    int from = m->dir == MIVR_TO_SERVER;   /* 1: the client sends */
    if (!s->open) {
        s->open = 1;
        s->sessions++;
        s->seq[0] = 0x20000000u + s->sessions;
        s->seq[1] = 0x10000000u + s->sessions;
        segment(s, 1, SYN, NULL, 0, m->ts_us, m->line, emit, ud);
        segment(s, 0, SYN | ACK, NULL, 0, m->ts_us, m->line, emit, ud);
        segment(s, 1, ACK, NULL, 0, m->ts_us, m->line, emit, ud);
    }
    segment(s, from, PSH | ACK, m->bytes, m->len, m->ts_us, m->line, emit, ud);
    segment(s, !from, ACK, NULL, 0, m->ts_us, m->line, emit, ud);
    if (!from && m->len >= 8 &&
        ((uint32_t)m->bytes[4] << 24 | (uint32_t)m->bytes[5] << 16 | (uint32_t)m->bytes[6] << 8 |
         m->bytes[7]) == CLOSE_CONF_TYPE) {
        segment(s, 1, FIN | ACK, NULL, 0, m->ts_us, m->line, emit, ud);
        segment(s, 0, FIN | ACK, NULL, 0, m->ts_us, m->line, emit, ud);
        segment(s, 1, ACK, NULL, 0, m->ts_us, m->line, emit, ud);
        s->open = 0;
    }
}

/* tcp_history.c - see tcp_history.h. */
#include "tcp_history.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define HIST_MIN 4096u

void cts_hist_init(cts_hist *h, size_t max_bytes)
{
    memset(h, 0, sizeof *h);
    if (!max_bytes)
        return;
    size_t m = HIST_MIN;
    while (m < max_bytes && m < ((size_t)1 << 30))
        m *= 2;
    h->max = m;
}

void cts_hist_free(cts_hist *h)
{
    g_free(h->buf);
    h->buf = NULL;
    h->cap = h->len = 0;
}

void cts_hist_push(cts_hist *h, const uint8_t *data, size_t len)
{
    uint64_t off = h->end;
    h->end += len;
    if (!h->max || !len)
        return;
    if (h->cap < h->max && h->len + len > h->cap) {
        size_t cap = h->cap ? h->cap : HIST_MIN;
        while (cap < h->len + len && cap < h->max)
            cap *= 2;
        uint8_t *nb = g_malloc(cap);
        uint64_t from = off - h->len;
        for (size_t i = 0; i < h->len; i++)
            nb[(from + i) & (cap - 1)] = h->buf[(from + i) & (h->cap - 1)];
        g_free(h->buf);
        h->buf = nb;
        h->cap = cap;
    }
    size_t cap = h->cap;
    if (len > cap) {   /* only the last cap bytes can be kept */
        off += len - cap;
        data += len - cap;
        len = cap;
    }
    size_t pos = (size_t)(off & (cap - 1));
    size_t first = cap - pos < len ? cap - pos : len;
    memcpy(h->buf + pos, data, first);
    if (len > first)   /* wraps */
        memcpy(h->buf, data + first, len - first);
    h->len = h->len + len > cap ? cap : h->len + len;
}

void cts_hist_restart(cts_hist *h, uint64_t at)
{
    h->end = at;
    h->len = 0;
}

int64_t cts_hist_diff(const cts_hist *h, int64_t off, const uint8_t *data, size_t len)
{
    int64_t end = (int64_t)h->end;
    if (len == 1 && off + 1 == end)
        return -1;   /* keep-alive */
    int64_t from = end - (int64_t)h->len, e = off + (int64_t)len < end ? off + (int64_t)len : end;
    for (int64_t o = off > from ? off : from; o < e; o++)
        if (h->buf[(uint64_t)o & (h->cap - 1)] != data[o - off])
            return o;
    return -1;
}

void cts_retrans_text(char *out, size_t n, uint64_t off, uint64_t len, uint64_t first_diff)
{
    snprintf(out, n,
             "retransmitted %s differ from %s already received: %llu %s at stream offset %llu "
             "came again, the first difference at stream offset %llu; the first copy is decoded",
             len == 1 ? "byte" : "bytes", len == 1 ? "the one" : "those", (unsigned long long)len,
             len == 1 ? "byte" : "bytes", (unsigned long long)off, (unsigned long long)first_diff);
}

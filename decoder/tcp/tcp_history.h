/* tcp_history.h - the last bytes received in one direction of a TCP
 * stream, to check a retransmission against, and the words for one that
 * differs.
 *
 * Shared by both front ends, so that they find the same retransmissions
 * differing in the same bytes and say so in the same words: the CLI's
 * reassembler (tcp_reasm.c) keeps one per direction, and so does the
 * Wireshark plugin (plugin_stream.c), whose TCP withholds retransmitted
 * segments from the dissectors.  C11 + GLib, no pcap, no Wireshark.
 *
 * Memory: at most max bytes per direction (default CTS_HIST_DEFAULT), and
 * only as much as the direction has delivered: it starts at 4 KiB and
 * doubles up to max.
 */
#ifndef CTS_TCP_HISTORY_H
#define CTS_TCP_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CTS_HIST_DEFAULT (64u << 10)   /* bytes kept per direction */

typedef struct cts_hist {
    uint8_t *buf;    /* ring: the byte at stream offset o is buf[o & (cap - 1)] */
    size_t cap;      /* allocated, a power of 2 (0 until the first bytes) */
    size_t len;      /* bytes kept: those at [end - len, end) */
    size_t max;      /* cap grows up to this (a power of 2); 0: nothing kept */
    uint64_t end;    /* stream offset just past the last byte received */
} cts_hist;

/* max_bytes is rounded up to a power of 2 (at least 4 KiB, at most 1 GiB);
 * 0 keeps nothing (no check).  The stream starts at offset 0. */
void cts_hist_init(cts_hist *h, size_t max_bytes);
void cts_hist_free(cts_hist *h);

/* len bytes received at stream offset h->end. */
void cts_hist_push(cts_hist *h, const uint8_t *data, size_t len);

/* The stream goes on at stream offset at (after bytes that will never be
 * seen, say): what is kept no longer touches it and is dropped. */
void cts_hist_restart(cts_hist *h, uint64_t at);

/* A segment of len bytes at stream offset off came again (off < h->end).
 * Returns the first stream offset below h->end where its bytes differ from
 * those received, or -1: the same, older than what is kept, or a TCP
 * keep-alive (one byte just before h->end, garbage by design). */
int64_t cts_hist_diff(const cts_hist *h, int64_t off, const uint8_t *data, size_t len);

/* What both front ends say of it, as a stream problem of severity
 * CTS_RETRANS_SEVERITY (a ccx_severity / cap_severity: warning) at stream
 * offset off: len bytes (those of the segment below h->end) came again
 * with other bytes, the first difference at first_diff; the first copy is
 * the one decoded. */
#define CTS_RETRANS_SEVERITY 1
void cts_retrans_text(char *out, size_t n, uint64_t off, uint64_t len, uint64_t first_diff);

#ifdef __cplusplus
}
#endif
#endif

/* pcapng_write.h - -w: frames written to a pcapng file as they were read.
 *
 * One section; an interface description block for each link type met (the
 * frames of files or interfaces of several link types can be written
 * together); timestamps in microseconds, the pcapng default.  Also what
 * --write-pcapng writes of MIVR logs (a comment per packet: file and line).
 */
#ifndef CTS_PCAPNG_WRITE_H
#define CTS_PCAPNG_WRITE_H

#include <stddef.h>
#include <stdint.h>

typedef struct cts_pcapng_writer cts_pcapng_writer;

/* Create (or truncate) path; "-" is stdout.  NULL with err filled
 * ("<path>: <reason>"). */
cts_pcapng_writer *cts_pcapng_open(const char *path, char *err, size_t errlen);

/* One frame, with a packet comment (opt_comment, Wireshark's
 * frame.comment) unless comment is NULL: 0, or -1 when writing failed (err
 * says why; later calls do nothing). */
int cts_pcapng_frame(cts_pcapng_writer *w, int linktype, int64_t ts_sec, int32_t ts_usec,
                     const uint8_t *data, uint32_t caplen, uint32_t wirelen, const char *comment,
                     char *err, size_t errlen);

/* Frames written so far. */
uint64_t cts_pcapng_count(const cts_pcapng_writer *w);

/* Close; 0, or -1 when the close failed (the last bytes could not be
 * written), err saying why.  A failure cts_pcapng_frame already returned is
 * not returned again. */
int cts_pcapng_close(cts_pcapng_writer *w, char *err, size_t errlen);

#endif

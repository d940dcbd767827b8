/* decompress.h - gzip and zstd captures read as they are decompressed.
 *
 * A capture compressed with gzip (tshark's and dumpcap's .gz ring files)
 * or zstd (.zst) is recognised by its first bytes, whatever its name, and
 * handed to libpcap as a FILE whose reads decompress (fopencookie): nothing
 * is written to a temporary file, and memory is bounded by the
 * decompressors' windows (zstd's is capped at 128 MiB, its default limit).
 */
#ifndef CTS_DECOMPRESS_H
#define CTS_DECOMPRESS_H

#include <stdio.h>

typedef enum cts_compression { CTS_COMP_NONE, CTS_COMP_GZIP, CTS_COMP_ZSTD } cts_compression;

/* Which compression the stream's first bytes say (read and put back: the
 * stream is where it was, a pipe included).  CTS_COMP_NONE also when it is
 * empty or cannot be read. */
cts_compression cts_compression_of(FILE *f);

/* "gzip", "zstd". */
const char *cts_compression_name(cts_compression c);

/* A FILE whose reads give in's bytes decompressed; closing it closes in.
 * reason (the decompressor's words when a read fails: "gzip: invalid
 * block type", "zstd: data cut short") is written to *reason, which the
 * caller keeps valid while the FILE is open (at least 160 bytes).  NULL
 * with errno on failure (in is then not closed). */
FILE *cts_decompress_open(FILE *in, cts_compression c, char *reason);

#endif

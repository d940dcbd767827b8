/* pcap_source.h - frames from a pcap or pcapng file (thin libpcap wrapper).
 *
 * Frame numbers start at the first_frame given to cts_pcap_open (1 for the
 * first file); to number several files as one capture, open the next file
 * with cts_pcap_next_number() of the previous one.
 */
#ifndef CTS_PCAP_SOURCE_H
#define CTS_PCAP_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"   /* cts_pktinfo */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cts_pcap_source cts_pcap_source;

typedef struct cts_frame {
    cts_pktinfo info;      /* frame number and timestamp (microseconds) */
    const uint8_t *data;   /* valid until the next cts_pcap_next / close */
    uint32_t caplen;       /* bytes captured */
    uint32_t wirelen;      /* bytes on the wire */
    /* The timestamp as the file has it, when it is out of range: before
     * 1970, after CTS_TS_MAX, or microseconds outside 0-999999 (info then
     * holds the nearest time in range, and the caller says so). */
    int ts_out_of_range;
    int64_t file_sec, file_usec;
} cts_frame;

/* The last second a timestamp may have: 9999-12-31T23:59:59Z, the last one
 * RFC 3339 (and so the JSON output) can write.  Times in microseconds then
 * fit an int64_t with room to spare. */
#define CTS_TS_MAX INT64_C(253402300799)

/* path "-" reads standard input.  first_frame 0 is taken as 1.  On failure
 * returns NULL and err gets "<path>: <libpcap's message>". */
cts_pcap_source *cts_pcap_open(const char *path, uint64_t first_frame, char *err, size_t errlen);

/* Live capture on an interface (pcap_create, immediate mode, snaplen
 * 262144, not promiscuous), with the BPF filter given (NULL: none).  NULL on
 * failure, err saying why; *perm set to 1 when the failure is a missing
 * permission (the caller names the capability). */
cts_pcap_source *cts_pcap_open_live(const char *iface, const char *filter, int *perm, char *err,
                                    size_t errlen);

/* Stop a live capture from a signal handler: the next cts_pcap_next returns
 * 0 as at the end of a file. */
void cts_pcap_break(cts_pcap_source *s);

/* A live capture's counters (pcap_stats): packets received by the filter,
 * dropped by the kernel (buffer full), dropped by the interface.  -1 when
 * not live or not known. */
int cts_pcap_stats(cts_pcap_source *s, uint64_t *received, uint64_t *dropped,
                   uint64_t *if_dropped);

/* The file's link type as pcap_datalink() gives it (DLT_ value; pass it to
 * cts_packet_parse), and its name ("EN10MB") and description. */
int cts_pcap_linktype(const cts_pcap_source *s);
const char *cts_pcap_linktype_name(const cts_pcap_source *s);
const char *cts_pcap_linktype_description(const cts_pcap_source *s);

/* Snapshot length recorded in the file header. */
int cts_pcap_snaplen(const cts_pcap_source *s);

/* Next frame: 1 = *fr filled (its timestamp in range: ts_out_of_range
 * says when it had to be brought into it), 0 = end of file (live:
 * stopped), 2 = live and no packet within 100 ms (call again), -1 = read
 * error, err says
 * "<path>: file truncated after frame N: <libpcap's message>" (N is the
 * last frame read, 0 if none) and the source stays at its end. */
int cts_pcap_next(cts_pcap_source *s, cts_frame *fr, char *err, size_t errlen);

/* The number the next frame would get (first_frame + frames read). */
uint64_t cts_pcap_next_number(const cts_pcap_source *s);

/* The name used in messages: the path, or "<stdin>" for "-". */
const char *cts_pcap_path(const cts_pcap_source *s);

void cts_pcap_close(cts_pcap_source *s);

#ifdef __cplusplus
}
#endif

#endif /* CTS_PCAP_SOURCE_H */

/* mivr_pcapng.h - a minimal pcapng writer for synthesized frames
 * (--write-pcapng): one Section Header Block, one Interface Description
 * Block (LINKTYPE_RAW, microseconds), and an Enhanced Packet Block per
 * frame with an opt_comment ("MIVR01.log:7091948": the log file and line
 * of the message), which Wireshark shows as the packet's comment
 * (frame.comment).  libpcap writes no comments, hence this.
 */
#ifndef CTS_MIVR_PCAPNG_H
#define CTS_MIVR_PCAPNG_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the file's header blocks; 0 on success, -1 (errno) on error. */
int mivr_pcapng_begin(FILE *f, int linktype);

/* One packet; comment may be NULL.  0 / -1 as above. */
int mivr_pcapng_packet(FILE *f, int64_t ts_us, const uint8_t *data, uint32_t len,
                       const char *comment);

#ifdef __cplusplus
}
#endif
#endif

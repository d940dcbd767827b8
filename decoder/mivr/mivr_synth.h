/* mivr_synth.h - the messages of MIVR logs as TCP frames.
 *
 * A log has messages, not packets; to go through the same reassembly,
 * framer and decoder as a capture (and to be written as a capture,
 * --write-pcapng), each message becomes one TCP segment of a synthesized
 * connection, as raw IPv4 frames (LINKTYPE_RAW):
 *   - the CTI server is 192.0.2.1:42027, the client 192.0.2.2, port 40000
 *     for the first session, 40001 for the next ... (192.0.2.0/24 is
 *     TEST-NET-1, RFC 5737: addresses for documentation, never real ones);
 *   - a connection opens (SYN, SYN+ACK, ACK) before the first message of a
 *     session, every segment is ACKed by the other side, and a CLOSE_CONF
 *     (the session's end, chapter 3) closes it (FIN both ways); the next
 *     message opens a new one.  The logs given in one run are one capture
 *     (MIVR rotates its files): a session goes on from one file to the next.
 * Every frame of a message carries the message's time and line.
 */
#ifndef CTS_MIVR_SYNTH_H
#define CTS_MIVR_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "mivr_log.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIVR_SERVER_ADDR "192.0.2.1"
#define MIVR_CLIENT_ADDR "192.0.2.2"
#define MIVR_SERVER_PORT 42027
#define MIVR_CLIENT_PORT 40000
#define MIVR_LINKTYPE_RAW 101      /* LINKTYPE_RAW: the frames are IPv4 packets */

/* One frame: its bytes (an IPv4 packet, valid during the call), the time
 * and the log line of the message it belongs to. */
typedef void (*mivr_frame_fn)(void *ud, const uint8_t *frame, size_t len, int64_t ts_us,
                              uint64_t line);

typedef struct mivr_synth {
    int open;                 /* a connection is open */
    uint32_t sessions;        /* connections opened so far */
    uint32_t seq[2];          /* next sequence number of the server (0) and the client (1) */
    uint16_t ip_id;
    uint8_t frame[20 + 20 + 8 + MIVR_MAX_BODY];
} mivr_synth;

void mivr_synth_init(mivr_synth *s);

/* The frames of message m (whose direction is known). */
void mivr_synth_msg(mivr_synth *s, const mivr_msg *m, mivr_frame_fn emit, void *ud);

#ifdef __cplusplus
}
#endif
#endif

/* cti_detect.h - which protocol a TCP connection on no known port carries.
 *
 * Both front ends decide with this one function, so they claim the same
 * connections: the CLI for a connection on no configured port, the
 * Wireshark plugin in its two heuristic dissectors (each claims only its
 * own protocol).  The test is strict and looks at the first bytes of each
 * direction: a whole CCX message of a type the spec defines whose parts
 * tile its body exactly (ccx_looks_like), or the start of a
 * <BroadsoftDocument> whose start tag says protocol="CAP" or "OCI"
 * (cap_looks_like).
 */
#ifndef CTI_DETECT_H
#define CTI_DETECT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cti_detect_result {
    CTI_DETECT_MORE = -1,   /* cannot tell yet: wait for more bytes of this direction */
    CTI_DETECT_NO = 0,      /* neither: the connection is not claimed */
    CTI_DETECT_CCX = 1,     /* Cisco Unified CCX CTI */
    CTI_DETECT_CAP = 2,     /* BroadWorks CAP (or OCI, on the same framing) */
} cti_detect_result;

/* p[0, n): the first n bytes of one direction of a connection.  The
 * connection is decided by the first direction that says CCX or CAP, and
 * refused as soon as one says NO. */
cti_detect_result cti_detect(const uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif

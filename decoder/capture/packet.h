/* packet.h - one captured frame -> one TCP segment description.
 *
 * Link layers: Ethernet (with up to 4 802.1Q / 802.1ad / QinQ tags), Linux
 * cooked v1 and v2, raw IP (DLT_RAW under both of its numeric values,
 * LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6) and BSD loopback (DLT_NULL,
 * DLT_LOOP, the 4-byte family in either byte order).  Network layers: IPv4
 * and IPv6 with hop-by-hop, routing, destination options and AH extension
 * headers.  Fragments are reported, never reassembled.
 *
 * Pure C11 (plus inet_ntop for cts_addr_str); no GLib, no libpcap: the
 * link type values are the LINKTYPE_ / DLT_ numbers themselves.
 */
#ifndef CTS_PACKET_H
#define CTS_PACKET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which frame, and when: what every layer above says a fact came from. */
typedef struct cts_pktinfo {
    uint64_t frame;   /* frame number, 1-based */
    int64_t ts_sec;
    int32_t ts_usec;
} cts_pktinfo;

/* Link types accepted by cts_packet_parse (pcap_datalink() values and the
 * LINKTYPE_ values found in files; the two sets differ only for raw IP). */
#define CTS_LINKTYPE_NULL        0   /* BSD loopback, family in host order */
#define CTS_LINKTYPE_ETHERNET    1   /* DLT_EN10MB */
#define CTS_LINKTYPE_RAW_12      12  /* DLT_RAW on most systems; DLT_LOOP on OpenBSD */
#define CTS_LINKTYPE_RAW_14      14  /* DLT_RAW on OpenBSD and BSD/OS */
#define CTS_LINKTYPE_RAW         101 /* LINKTYPE_RAW */
#define CTS_LINKTYPE_LOOP        108 /* DLT_LOOP, family in network order */
#define CTS_LINKTYPE_LINUX_SLL   113
#define CTS_LINKTYPE_IPV4        228
#define CTS_LINKTYPE_IPV6        229
#define CTS_LINKTYPE_LINUX_SLL2  276

/* Address families of cts_addr (not the platform's AF_ values, which
 * differ between systems for IPv6). */
#define CTS_AF_INET4 4
#define CTS_AF_INET6 6

typedef struct cts_addr {
    uint8_t family;    /* CTS_AF_INET4 or CTS_AF_INET6 */
    uint8_t bytes[16]; /* network order; IPv4 uses bytes[0..3], rest zero */
} cts_addr;

/* TCP flag bits, as in the TCP header. */
#define CTS_TCP_FIN 0x01
#define CTS_TCP_SYN 0x02
#define CTS_TCP_RST 0x04
#define CTS_TCP_PSH 0x08
#define CTS_TCP_ACK 0x10

typedef struct cts_packet {
    cts_addr src, dst;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;            /* CTS_TCP_* */
    uint16_t window;          /* raw header value, unscaled */
    const uint8_t *payload;   /* points into the frame; NULL when len 0 */
    uint32_t payload_len;     /* payload bytes captured */
    uint32_t payload_off;     /* offset of the payload in the frame */
    uint32_t missing_tail;    /* payload bytes (per the IP length) that the
                                 snaplen cut off; the reassembler records a
                                 gap for them */
} cts_packet;

/* Parse one frame.  wirelen is the on-the-wire length (pcap's len); a
 * wirelen below caplen is taken as caplen.
 *
 * Returns  1: a TCP segment, *out filled.  If the snaplen cut the payload,
 *             out->missing_tail > 0 and err holds "payload truncated by
 *             snaplen: N of M bytes captured"; otherwise err is "".
 *          0: not TCP over IPv4/IPv6 (ARP, UDP, LLC, unknown link type
 *             contents...): silently not ours.  err is "".
 *         -1: malformed or truncated; err names the layer, the offset in
 *             the frame and the problem.
 * err may be NULL (errlen 0).  Never reads beyond data[caplen - 1]. */
int cts_packet_parse(int linktype, const uint8_t *data, uint32_t caplen,
                     uint32_t wirelen, cts_packet *out, char *err, size_t errlen);

/* 1 if cts_packet_parse knows the link type (lets the caller say so once
 * instead of per frame). */
int cts_linktype_supported(int linktype);

/* "10.0.0.1:42027" or "[2001:db8::1]:42027" into buf (always terminated,
 * truncated if n is short); returns buf. */
const char *cts_addr_str(const cts_addr *a, uint16_t port, char *buf, size_t n);

/* Longest string cts_addr_str can produce, with the NUL. */
#define CTS_ADDR_STRLEN 56

#ifdef __cplusplus
}
#endif

#endif /* CTS_PACKET_H */

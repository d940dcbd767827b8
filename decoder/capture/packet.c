/* packet.c - link layer, IPv4/IPv6 and TCP header parsing for one frame.
 *
 * Every read is preceded by a check against the captured length; offsets
 * are uint32_t and checks are written as "cap - off < n" after "off <= cap"
 * so nothing can wrap.  Two lengths matter: what was captured (caplen) and
 * what was on the wire (wirelen).  A length field that exceeds the captured
 * bytes is malformed when caplen == wirelen, and a snaplen cut otherwise.
 */
#include "packet.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define ETHERTYPE_IPV4  0x0800
#define ETHERTYPE_IPV6  0x86dd
#define ETHERTYPE_8021Q 0x8100
#define ETHERTYPE_8021AD 0x88a8
#define ETHERTYPE_QINQ_OLD 0x9100 /* pre-802.1ad QinQ outer tag */
#define MAX_VLAN_TAGS 4

#define IPPROTO_TCP_ 6
#define IP6_HOPOPTS 0
#define IP6_ROUTING 43
#define IP6_FRAGMENT 44
#define IP6_AH 51
#define IP6_DSTOPTS 60
#define MAX_IP6_EXTHDRS 8

#define ARPHRD_NETLINK_ 824 /* SLL protocol field is then a netlink family */

typedef struct pctx {
    const uint8_t *d;
    uint32_t cap;   /* bytes captured */
    uint32_t wire;  /* bytes on the wire, >= cap */
    char *err;
    size_t errlen;
} pctx;

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(pctx *c, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static uint32_t captured_from(const pctx *c, uint32_t off) { return off <= c->cap ? c->cap - off : 0; }

/* n bytes of header `what` at off must be captured. */
static int need(pctx *c, const char *what, uint32_t off, uint32_t n)
{
    uint32_t have = captured_from(c, off);
    if (have >= n)
        return 0;
    return fail(c, "%s at offset %u: %u byte%s needed, only %u captured%s", what, off, n, n == 1 ? "" : "s", have,
                c->cap < c->wire ? " (cut by snaplen)" : "");
}

/* --- TCP ---------------------------------------------------------------- */

/* seglen: TCP header + payload length according to the IP header. */
static int parse_tcp(pctx *c, uint32_t off, uint32_t seglen, cts_packet *out)
{
    if (seglen < 20)
        return fail(c, "TCP header at offset %u: IP payload of %u bytes is shorter than the 20-byte TCP header",
                    off, seglen);
    if (need(c, "TCP header", off, 20) < 0)
        return -1;
    const uint8_t *t = c->d + off;
    uint32_t hlen = (uint32_t)(t[12] >> 4) * 4;
    if (hlen < 20)
        return fail(c, "TCP header at offset %u: data offset %u (%u bytes) is less than 5 (20 bytes)",
                    off, t[12] >> 4, hlen);
    if (hlen > seglen)
        return fail(c, "TCP header at offset %u: data offset %u (%u bytes) exceeds the %u bytes of IP payload",
                    off, t[12] >> 4, hlen, seglen);
    if (need(c, "TCP header with options", off, hlen) < 0)
        return -1;

    /* Options: EOL ends the list, NOP is one byte, everything else is
     * kind, length (>= 2), and must end inside the header. */
    for (uint32_t o = 20; o < hlen;) {
        uint8_t kind = t[o];
        if (kind == 0)
            break;
        if (kind == 1) {
            o++;
            continue;
        }
        if (hlen - o < 2)
            return fail(c, "TCP option at offset %u: kind %u has no length byte before the header end at offset %u",
                        off + o, kind, off + hlen);
        uint8_t olen = t[o + 1];
        if (olen < 2)
            return fail(c, "TCP option at offset %u: kind %u length %u is invalid (minimum 2)", off + o, kind,
                        olen);
        if (olen > hlen - o)
            return fail(c, "TCP option at offset %u: kind %u length %u runs past the header end at offset %u",
                        off + o, kind, olen, off + hlen);
        o += olen;
    }

    out->sport = be16(t);
    out->dport = be16(t + 2);
    out->seq = be32(t + 4);
    out->ack = be32(t + 8);
    out->flags = t[13] & (CTS_TCP_FIN | CTS_TCP_SYN | CTS_TCP_RST | CTS_TCP_PSH | CTS_TCP_ACK);
    out->window = be16(t + 14);

    uint32_t poff = off + hlen;
    uint32_t plen = seglen - hlen;
    uint32_t have = captured_from(c, poff);
    uint32_t got = plen < have ? plen : have;
    out->payload_off = poff;
    out->payload_len = got;
    out->payload = got ? c->d + poff : NULL;
    out->missing_tail = plen - got;
    if (out->missing_tail && c->err && c->errlen)
        snprintf(c->err, c->errlen, "TCP payload at offset %u: payload truncated by snaplen: %u of %u bytes captured",
                 poff, got, plen);
    return 1;
}

/* --- IPv4 --------------------------------------------------------------- */

static int parse_ipv4(pctx *c, uint32_t off, cts_packet *out)
{
    if (need(c, "IPv4 header", off, 20) < 0)
        return -1;
    const uint8_t *ip = c->d + off;
    if (ip[0] >> 4 != 4)
        return fail(c, "IPv4 header at offset %u: version %u, expected 4", off, ip[0] >> 4);
    uint32_t ihl = (uint32_t)(ip[0] & 0x0f) * 4;
    if (ihl < 20)
        return fail(c, "IPv4 header at offset %u: IHL %u (%u bytes) is less than 5 (20 bytes)", off, ip[0] & 0x0f,
                    ihl);
    if (need(c, "IPv4 header with options", off, ihl) < 0)
        return -1;

    uint32_t wire_avail = c->wire - off; /* off <= cap <= wire here */
    uint32_t tot = be16(ip + 2);
    if (tot == 0) {
        /* TSO/GSO on the capturing host: the kernel hands the capture a
         * super-segment whose length field is not filled in yet. */
        tot = wire_avail;
    }
    if (tot < ihl)
        return fail(c, "IPv4 header at offset %u: total length %u is less than the header length %u", off, tot,
                    ihl);
    if (tot > wire_avail) {
        if (c->cap == c->wire)
            return fail(c, "IPv4 header at offset %u: total length %u exceeds captured %u bytes", off, tot,
                        wire_avail);
        return fail(c, "IPv4 header at offset %u: total length %u exceeds the %u bytes on the wire", off, tot,
                    wire_avail);
    }
    /* tot < wire_avail: link-layer padding or trailer, trimmed. */

    if (ip[9] != IPPROTO_TCP_)
        return 0;
    uint16_t fo = be16(ip + 6);
    if (fo & 0x3fff) /* MF or a fragment offset */
        return fail(c, "IPv4 fragment (offset %u, MF %s): fragments are not reassembled", (fo & 0x1fffu) * 8,
                    fo & 0x2000 ? "set" : "clear");

    out->src.family = out->dst.family = CTS_AF_INET4;
    memcpy(out->src.bytes, ip + 12, 4);
    memcpy(out->dst.bytes, ip + 16, 4);
    return parse_tcp(c, off + ihl, tot - ihl, out);
}

/* --- IPv6 --------------------------------------------------------------- */

static const char *ip6_ext_name(uint8_t nh)
{
    switch (nh) {
    case IP6_HOPOPTS: return "IPv6 hop-by-hop options header";
    case IP6_ROUTING: return "IPv6 routing header";
    case IP6_DSTOPTS: return "IPv6 destination options header";
    case IP6_AH: return "IPv6 authentication header";
    default: return "IPv6 extension header";
    }
}

static int parse_ipv6(pctx *c, uint32_t off, cts_packet *out)
{
    if (need(c, "IPv6 header", off, 40) < 0)
        return -1;
    const uint8_t *ip = c->d + off;
    if (ip[0] >> 4 != 6)
        return fail(c, "IPv6 header at offset %u: version %u, expected 6", off, ip[0] >> 4);
    uint32_t wire_avail = c->wire - off - 40; /* need() made cap >= off + 40 */
    uint32_t plen = be16(ip + 4);
    if (plen == 0) /* jumbogram, or a TSO/BIG TCP super-segment */
        plen = wire_avail;
    if (plen > wire_avail) {
        if (c->cap == c->wire)
            return fail(c, "IPv6 header at offset %u: payload length %u exceeds captured %u bytes", off, plen,
                        wire_avail);
        return fail(c, "IPv6 header at offset %u: payload length %u exceeds the %u bytes on the wire", off, plen,
                    wire_avail);
    }

    uint8_t nh = ip[6];
    uint32_t pos = off + 40, end = off + 40 + plen;
    for (int n = 0;; n++) {
        if (nh == IPPROTO_TCP_)
            break;
        if (nh != IP6_HOPOPTS && nh != IP6_ROUTING && nh != IP6_DSTOPTS && nh != IP6_AH && nh != IP6_FRAGMENT)
            return 0; /* UDP, ICMPv6, ESP, no next header, ... */
        const char *name = nh == IP6_FRAGMENT ? "IPv6 fragment header" : ip6_ext_name(nh);
        if (n == MAX_IP6_EXTHDRS)
            return fail(c, "%s at offset %u: more than %d extension headers", name, pos, MAX_IP6_EXTHDRS);
        uint32_t left = end - pos;
        uint32_t minlen = nh == IP6_FRAGMENT ? 8 : 2;
        if (left < minlen)
            return fail(c, "%s at offset %u: %u bytes needed, only %u left in the IPv6 payload", name, pos, minlen,
                        left);
        if (need(c, name, pos, minlen) < 0)
            return -1;
        const uint8_t *h = c->d + pos;
        uint32_t hlen;
        if (nh == IP6_FRAGMENT) {
            uint16_t fo = be16(h + 2);
            if (fo & 0xfff9) { /* offset or M set; 0/0 is an atomic fragment */
                if (h[0] != IPPROTO_TCP_)
                    return 0;
                return fail(c, "IPv6 fragment header at offset %u (offset %u, M %s): fragments are not reassembled",
                            pos, (fo >> 3) * 8u, fo & 1 ? "set" : "clear");
            }
            hlen = 8;
        } else if (nh == IP6_AH) {
            hlen = ((uint32_t)h[1] + 2) * 4;
        } else {
            hlen = ((uint32_t)h[1] + 1) * 8;
        }
        if (hlen > left)
            return fail(c, "%s at offset %u: length %u exceeds the %u bytes left in the IPv6 payload", name, pos,
                        hlen, left);
        if (need(c, name, pos, hlen) < 0)
            return -1;
        nh = h[0];
        pos += hlen;
    }

    out->src.family = out->dst.family = CTS_AF_INET6;
    memcpy(out->src.bytes, ip + 8, 16);
    memcpy(out->dst.bytes, ip + 24, 16);
    return parse_tcp(c, pos, end - pos, out);
}

/* --- link layers -------------------------------------------------------- */

static int by_ethertype(pctx *c, uint16_t type, uint32_t off, cts_packet *out)
{
    switch (type) {
    case ETHERTYPE_IPV4: return parse_ipv4(c, off, out);
    case ETHERTYPE_IPV6: return parse_ipv6(c, off, out);
    default: return 0;
    }
}

static int is_vlan_type(uint16_t t)
{
    return t == ETHERTYPE_8021Q || t == ETHERTYPE_8021AD || t == ETHERTYPE_QINQ_OLD;
}

/* Skips VLAN tags starting at off (where the tag's TCI is), given the
 * type that announced them. */
static int after_vlan(pctx *c, uint16_t type, uint32_t off, cts_packet *out)
{
    for (int depth = 0; is_vlan_type(type); depth++) {
        if (depth == MAX_VLAN_TAGS)
            return fail(c, "VLAN tag at offset %u: more than %d VLAN tags", off, MAX_VLAN_TAGS);
        if (need(c, "VLAN tag", off, 4) < 0)
            return -1;
        type = be16(c->d + off + 2);
        off += 4;
    }
    return by_ethertype(c, type, off, out);
}

static int parse_ethernet(pctx *c, cts_packet *out)
{
    if (need(c, "Ethernet header", 0, 14) < 0)
        return -1;
    uint16_t type = be16(c->d + 12);
    if (type < 0x0600) /* 802.3 length field: LLC, not IP for our purposes */
        return 0;
    return after_vlan(c, type, 14, out);
}

static int parse_sll(pctx *c, cts_packet *out)
{
    if (need(c, "Linux cooked (SLL) header", 0, 16) < 0)
        return -1;
    if (be16(c->d + 2) == ARPHRD_NETLINK_)
        return 0;
    return after_vlan(c, be16(c->d + 14), 16, out);
}

static int parse_sll2(pctx *c, cts_packet *out)
{
    if (need(c, "Linux cooked v2 (SLL2) header", 0, 20) < 0)
        return -1;
    if (be16(c->d + 8) == ARPHRD_NETLINK_)
        return 0;
    return after_vlan(c, be16(c->d), 20, out);
}

static int parse_raw(pctx *c, int only_version, cts_packet *out)
{
    if (need(c, "raw IP header", 0, 1) < 0)
        return -1;
    int v = c->d[0] >> 4;
    if (only_version && v != only_version)
        return fail(c, "raw IPv%d header at offset 0: version %d, expected %d", only_version, v, only_version);
    if (v == 4)
        return parse_ipv4(c, 0, out);
    if (v == 6)
        return parse_ipv6(c, 0, out);
    return fail(c, "raw IP header at offset 0: version %d is neither 4 nor 6", v);
}

/* BSD loopback: a 4-byte address family, in the capturing host's order for
 * DLT_NULL and normally network order for DLT_LOOP.  Family values are
 * small, so whichever reading fits in 16 bits is the right one. */
static int loop_ip_version(const uint8_t *d)
{
    uint32_t fam = le32(d);
    if (fam > 0xffff)
        fam = be32(d);
    switch (fam) {
    case 2: return 4;   /* AF_INET everywhere */
    case 10:            /* Linux */
    case 24:            /* NetBSD, OpenBSD, BSD/OS */
    case 28:            /* FreeBSD, DragonFly */
    case 30: return 6;  /* macOS/Darwin */
    default: return 0;
    }
}

static int parse_loopback(pctx *c, const char *what, cts_packet *out)
{
    if (need(c, what, 0, 4) < 0)
        return -1;
    switch (loop_ip_version(c->d)) {
    case 4: return parse_ipv4(c, 4, out);
    case 6: return parse_ipv6(c, 4, out);
    default: return 0;
    }
}

int cts_linktype_supported(int linktype)
{
    switch (linktype) {
    case CTS_LINKTYPE_NULL:
    case CTS_LINKTYPE_ETHERNET:
    case CTS_LINKTYPE_RAW_12:
    case CTS_LINKTYPE_RAW_14:
    case CTS_LINKTYPE_RAW:
    case CTS_LINKTYPE_LOOP:
    case CTS_LINKTYPE_LINUX_SLL:
    case CTS_LINKTYPE_IPV4:
    case CTS_LINKTYPE_IPV6:
    case CTS_LINKTYPE_LINUX_SLL2: return 1;
    default: return 0;
    }
}

int cts_packet_parse(int linktype, const uint8_t *data, uint32_t caplen, uint32_t wirelen, cts_packet *out,
                     char *err, size_t errlen)
{
    pctx c = { data, caplen, wirelen < caplen ? caplen : wirelen, err, errlen };
    if (err && errlen)
        err[0] = '\0';
    memset(out, 0, sizeof *out);
    if (!data)
        c.cap = 0;

    switch (linktype) {
    case CTS_LINKTYPE_ETHERNET: return parse_ethernet(&c, out);
    case CTS_LINKTYPE_LINUX_SLL: return parse_sll(&c, out);
    case CTS_LINKTYPE_LINUX_SLL2: return parse_sll2(&c, out);
    case CTS_LINKTYPE_RAW:
    case CTS_LINKTYPE_RAW_14: return parse_raw(&c, 0, out);
    case CTS_LINKTYPE_IPV4: return parse_raw(&c, 4, out);
    case CTS_LINKTYPE_IPV6: return parse_raw(&c, 6, out);
    case CTS_LINKTYPE_RAW_12:
        /* DLT_RAW, except on OpenBSD where 12 is DLT_LOOP; an IP header
         * starts with 0x4_ or 0x6_, a loopback family with 0x00.  Anything
         * else is reported as bad raw IP. */
        if (c.cap >= 4 && c.d[0] == 0 && loop_ip_version(c.d))
            return parse_loopback(&c, "loopback header", out);
        return parse_raw(&c, 0, out);
    case CTS_LINKTYPE_NULL: return parse_loopback(&c, "BSD loopback (NULL) header", out);
    case CTS_LINKTYPE_LOOP: return parse_loopback(&c, "BSD loopback (LOOP) header", out);
    default: return 0;
    }
}

const char *cts_addr_str(const cts_addr *a, uint16_t port, char *buf, size_t n)
{
    char ip[INET6_ADDRSTRLEN];
    if (!buf || n == 0)
        return buf;
    if (a->family == CTS_AF_INET4) {
        if (!inet_ntop(AF_INET, a->bytes, ip, sizeof ip))
            snprintf(ip, sizeof ip, "?");
        snprintf(buf, n, "%s:%u", ip, port);
    } else if (a->family == CTS_AF_INET6) {
        if (!inet_ntop(AF_INET6, a->bytes, ip, sizeof ip))
            snprintf(ip, sizeof ip, "?");
        snprintf(buf, n, "[%s]:%u", ip, port);
    } else {
        snprintf(buf, n, "?:%u", port);
    }
    return buf;
}

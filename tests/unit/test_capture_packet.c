/* test_capture_packet.c - cts_packet_parse on hand-built frames.
 *
 * Frames are assembled byte by byte below (no capture library involved),
 * then parsed from an exactly-sized heap copy so that any read past caplen
 * is caught by valgrind / AddressSanitizer.  The pcap_source tests at the
 * end write small pcap / pcapng files byte by byte and read them back. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "packet.h"
#include "pcap_source.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* --- frame builder ------------------------------------------------------ */

typedef struct frame {
    uint8_t b[4096];
    size_t n;
} frame;

static void put(frame *f, const void *p, size_t n)
{
    if (n > sizeof f->b - f->n)
        g_error("test frame builder overflow"); /* never returns */
    if (n)
        memcpy(f->b + f->n, p, n);
    f->n += n;
}
static void put8(frame *f, unsigned v)
{
    uint8_t b = (uint8_t)v;
    put(f, &b, 1);
}
static void put16(frame *f, unsigned v)
{
    put8(f, v >> 8);
    put8(f, v);
}
static void put32(frame *f, uint32_t v)
{
    put16(f, v >> 16);
    put16(f, v & 0xffff);
}
static void put_le32(frame *f, uint32_t v)
{
    put8(f, v);
    put8(f, v >> 8);
    put8(f, v >> 16);
    put8(f, v >> 24);
}
static void put_frame(frame *f, const frame *g) { put(f, g->b, g->n); }

static const uint8_t V4A[4] = { 10, 0, 0, 1 }, V4B[4] = { 10, 0, 0, 2 };
static const uint8_t V6A[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const uint8_t V6B[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };
static const char PAYLOAD[] = "CTI message payload";
#define PLEN ((uint32_t)(sizeof PAYLOAD - 1))

/* TCP header (+ options) + payload. */
static frame tcp_seg(const uint8_t *opts, size_t optlen, const char *payload, size_t plen, uint8_t flags)
{
    frame t = { .n = 0 };
    g_assert_cmpuint(optlen % 4, ==, 0);
    put16(&t, 42027);
    put16(&t, 50001);
    put32(&t, 0x01020304);
    put32(&t, 0xa0b0c0d0);
    put8(&t, (unsigned)((20 + optlen) / 4) << 4);
    put8(&t, flags);
    put16(&t, 8192); /* window */
    put16(&t, 0);    /* checksum: not verified */
    put16(&t, 0);    /* urgent */
    put(&t, opts, optlen);
    put(&t, payload, plen);
    return t;
}

static frame tcp_default(void) { return tcp_seg(NULL, 0, PAYLOAD, PLEN, CTS_TCP_PSH | CTS_TCP_ACK); }

/* IPv4 header with optlen bytes of options (NOPs), given protocol. */
static frame ipv4(const frame *l4, uint8_t proto, size_t optlen, uint16_t frag)
{
    frame f = { .n = 0 };
    put8(&f, 0x40 | (unsigned)((20 + optlen) / 4));
    put8(&f, 0);
    put16(&f, (unsigned)(20 + optlen + l4->n));
    put16(&f, 0x1c46); /* id */
    put16(&f, frag);
    put8(&f, 64);
    put8(&f, proto);
    put16(&f, 0);
    put(&f, V4A, 4);
    put(&f, V4B, 4);
    for (size_t i = 0; i < optlen; i++)
        put8(&f, 1);
    put_frame(&f, l4);
    return f;
}

/* IPv6 header; ext is a pre-built extension header chain whose first
 * header type is first_nh. */
static frame ipv6(const frame *ext, uint8_t first_nh, const frame *l4)
{
    frame f = { .n = 0 };
    put32(&f, 0x60000000);
    put16(&f, (unsigned)((ext ? ext->n : 0) + l4->n));
    put8(&f, first_nh);
    put8(&f, 64);
    put(&f, V6A, 16);
    put(&f, V6B, 16);
    if (ext)
        put_frame(&f, ext);
    put_frame(&f, l4);
    return f;
}

static frame ethernet(const frame *l3, uint16_t type, const uint16_t *vlans, size_t nvlan)
{
    frame f = { .n = 0 };
    static const uint8_t macs[12] = { 0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10 };
    put(&f, macs, 12);
    for (size_t i = 0; i < nvlan; i++) {
        put16(&f, vlans[i]);
        put16(&f, 100 + (unsigned)i); /* TCI: VLAN id */
    }
    put16(&f, type);
    put_frame(&f, l3);
    return f;
}

static frame sll(const frame *l3, uint16_t proto, uint16_t hatype)
{
    frame f = { .n = 0 };
    put16(&f, 0);      /* packet type: to us */
    put16(&f, hatype); /* ARPHRD_ETHER = 1 */
    put16(&f, 6);
    static const uint8_t a[8] = { 0, 1, 2, 3, 4, 5, 0, 0 };
    put(&f, a, 8);
    put16(&f, proto);
    put_frame(&f, l3);
    return f;
}

static frame sll2(const frame *l3, uint16_t proto)
{
    frame f = { .n = 0 };
    put16(&f, proto);
    put16(&f, 0);
    put32(&f, 3); /* ifindex */
    put16(&f, 1); /* ARPHRD_ETHER */
    put8(&f, 4);  /* outgoing */
    put8(&f, 6);
    static const uint8_t a[8] = { 0, 1, 2, 3, 4, 5, 0, 0 };
    put(&f, a, 8);
    put_frame(&f, l3);
    return f;
}

static frame loopback(const frame *l3, uint32_t family, int big_endian)
{
    frame f = { .n = 0 };
    if (big_endian)
        put32(&f, family);
    else
        put_le32(&f, family);
    put_frame(&f, l3);
    return f;
}

/* Standard IPv6 extension chain: hop-by-hop (8 bytes) -> routing (24
 * bytes) -> destination options (16 bytes) -> TCP. */
static frame ext_chain(void)
{
    frame e = { .n = 0 };
    put8(&e, 43); /* hop-by-hop, next: routing */
    put8(&e, 0);
    put16(&e, 0x0104); /* PadN, 4 bytes */
    put32(&e, 0);
    put8(&e, 60); /* routing, next: dest opts */
    put8(&e, 2);  /* (2 + 1) * 8 = 24 */
    put8(&e, 0);  /* type 0 */
    put8(&e, 0);  /* segments left */
    for (int i = 0; i < 20; i++)
        put8(&e, 0);
    put8(&e, 6); /* destination options, next: TCP */
    put8(&e, 1); /* 16 bytes */
    put16(&e, 0x010c);
    for (int i = 0; i < 12; i++)
        put8(&e, 0);
    return e;
}

/* --- parse helpers ------------------------------------------------------ */

typedef struct res {
    int rc;
    cts_packet p;
    char err[256];
} res;

/* Parses from an exactly-sized heap copy. */
static res parse_n(int lt, const frame *f, uint32_t caplen, uint32_t wirelen)
{
    res r;
    uint8_t *copy = caplen ? g_memdup2(f->b, caplen) : NULL;
    r.rc = cts_packet_parse(lt, copy, caplen, wirelen, &r.p, r.err, sizeof r.err);
    if (r.rc == 1 && r.p.payload_len) {
        /* Point back into the builder buffer so the copy can go. */
        g_assert_true(r.p.payload >= copy && r.p.payload + r.p.payload_len <= copy + caplen);
        r.p.payload = f->b + (r.p.payload - copy);
    }
    g_free(copy);
    return r;
}

static res parse(int lt, const frame *f) { return parse_n(lt, f, (uint32_t)f->n, (uint32_t)f->n); }

static void assert_v4_segment(const res *r)
{
    g_assert_cmpint(r->rc, ==, 1);
    g_assert_cmpstr(r->err, ==, "");
    g_assert_cmpint(r->p.src.family, ==, CTS_AF_INET4);
    g_assert_cmpmem(r->p.src.bytes, 4, V4A, 4);
    g_assert_cmpmem(r->p.dst.bytes, 4, V4B, 4);
    g_assert_cmpuint(r->p.sport, ==, 42027);
    g_assert_cmpuint(r->p.dport, ==, 50001);
    g_assert_cmpuint(r->p.seq, ==, 0x01020304);
    g_assert_cmpuint(r->p.ack, ==, 0xa0b0c0d0);
    g_assert_cmpuint(r->p.window, ==, 8192);
    g_assert_cmpuint(r->p.payload_len, ==, PLEN);
    g_assert_cmpuint(r->p.missing_tail, ==, 0);
    g_assert_cmpmem(r->p.payload, r->p.payload_len, PAYLOAD, PLEN);
}

static void assert_v6_segment(const res *r)
{
    g_assert_cmpint(r->rc, ==, 1);
    g_assert_cmpstr(r->err, ==, "");
    g_assert_cmpint(r->p.src.family, ==, CTS_AF_INET6);
    g_assert_cmpmem(r->p.src.bytes, 16, V6A, 16);
    g_assert_cmpmem(r->p.dst.bytes, 16, V6B, 16);
    g_assert_cmpuint(r->p.sport, ==, 42027);
    g_assert_cmpuint(r->p.dport, ==, 50001);
    g_assert_cmpuint(r->p.payload_len, ==, PLEN);
    g_assert_cmpuint(r->p.missing_tail, ==, 0);
    g_assert_cmpmem(r->p.payload, r->p.payload_len, PAYLOAD, PLEN);
}

static void assert_fails(const res *r, const char *needle)
{
    g_assert_cmpint(r->rc, ==, -1);
    if (!strstr(r->err, needle))
        g_error("error message \"%s\" lacks \"%s\"", r->err, needle);
}

/* --- link layers -------------------------------------------------------- */

static void test_ethernet_ipv4(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0x4000 /* DF */), eth = ethernet(&ip, 0x0800, NULL, 0);
    res r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 14 + 20 + 20);
    g_assert_cmpuint(r.p.flags, ==, CTS_TCP_PSH | CTS_TCP_ACK);
}

static void test_ethernet_padding_trimmed(void)
{
    /* 2-byte payload: 56-byte frame padded to the 60-byte minimum with
     * junk, plus a 4-byte FCS: none of it is payload. */
    frame t = tcp_seg(NULL, 0, "ok", 2, CTS_TCP_ACK), ip = ipv4(&t, 6, 0, 0), eth = ethernet(&ip, 0x0800, NULL, 0);
    for (int i = 0; i < 8; i++)
        put8(&eth, 0xee);
    res r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_cmpuint(r.p.payload_len, ==, 2);
    g_assert_cmpmem(r.p.payload, 2, "ok", 2);
    g_assert_cmpuint(r.p.missing_tail, ==, 0);
}

static void test_ipv4_options(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 12, 0), eth = ethernet(&ip, 0x0800, NULL, 0);
    res r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 14 + 32 + 20);
}

static void test_tcp_options(void)
{
    /* MSS, SACK permitted, timestamps, NOP, window scale, EOL padding. */
    static const uint8_t opts[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 3, 3, 7, 0, 0, 0, 0 };
    frame t = tcp_seg(opts, sizeof opts, PAYLOAD, PLEN, CTS_TCP_SYN), ip = ipv4(&t, 6, 0, 0);
    res r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_cmpuint(r.p.flags, ==, CTS_TCP_SYN);
    g_assert_cmpuint(r.p.payload_off, ==, 20 + 20 + sizeof opts);
    g_assert_cmpmem(r.p.payload, r.p.payload_len, PAYLOAD, PLEN);
}

static void test_vlan(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    static const uint16_t q[] = { 0x8100 }, qinq[] = { 0x88a8, 0x8100 }, old[] = { 0x9100, 0x8100 },
                          four[] = { 0x88a8, 0x8100, 0x8100, 0x8100 }, five[] = { 0x88a8, 0x8100, 0x8100, 0x8100, 0x8100 };
    frame e1 = ethernet(&ip, 0x0800, q, 1);
    res r = parse(CTS_LINKTYPE_ETHERNET, &e1);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 18 + 40);

    frame e2 = ethernet(&ip6, 0x86dd, qinq, 2);
    r = parse(CTS_LINKTYPE_ETHERNET, &e2);
    assert_v6_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 22 + 60);

    frame e3 = ethernet(&ip, 0x0800, old, 2);
    r = parse(CTS_LINKTYPE_ETHERNET, &e3);
    assert_v4_segment(&r);

    frame e4 = ethernet(&ip, 0x0800, four, 4);
    r = parse(CTS_LINKTYPE_ETHERNET, &e4);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 30 + 40);

    frame e5 = ethernet(&ip, 0x0800, five, 5);
    r = parse(CTS_LINKTYPE_ETHERNET, &e5);
    assert_fails(&r, "VLAN tag at offset 30: more than 4 VLAN tags");
}

static void test_sll(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    frame s = sll(&ip, 0x0800, 1);
    res r = parse(CTS_LINKTYPE_LINUX_SLL, &s);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 16 + 40);

    frame s6 = sll(&ip6, 0x86dd, 1);
    r = parse(CTS_LINKTYPE_LINUX_SLL, &s6);
    assert_v6_segment(&r);

    /* Netlink capture: the protocol field is a netlink family, not IP. */
    frame nl = sll(&ip, 0x0800, 824);
    r = parse(CTS_LINKTYPE_LINUX_SLL, &nl);
    g_assert_cmpint(r.rc, ==, 0);
    g_assert_cmpstr(r.err, ==, "");
}

static void test_sll2(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    frame s = sll2(&ip, 0x0800);
    res r = parse(CTS_LINKTYPE_LINUX_SLL2, &s);
    assert_v4_segment(&r);
    g_assert_cmpuint(r.p.payload_off, ==, 20 + 40);
    frame s6 = sll2(&ip6, 0x86dd);
    r = parse(CTS_LINKTYPE_LINUX_SLL2, &s6);
    assert_v6_segment(&r);
    frame arp = sll2(&ip, 0x0806);
    r = parse(CTS_LINKTYPE_LINUX_SLL2, &arp);
    g_assert_cmpint(r.rc, ==, 0);
}

static void test_raw_ipv4(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    static const int lts[] = { CTS_LINKTYPE_RAW_12, CTS_LINKTYPE_RAW_14, CTS_LINKTYPE_RAW, CTS_LINKTYPE_IPV4 };
    for (size_t i = 0; i < G_N_ELEMENTS(lts); i++) {
        res r = parse(lts[i], &ip);
        assert_v4_segment(&r);
        g_assert_cmpuint(r.p.payload_off, ==, 40);
    }
    /* LINKTYPE_IPV4 admits IPv4 only, LINKTYPE_IPV6 IPv6 only. */
    res r = parse(CTS_LINKTYPE_IPV4, &ip6);
    assert_fails(&r, "raw IPv4 header at offset 0: version 6, expected 4");
    r = parse(CTS_LINKTYPE_IPV6, &ip);
    assert_fails(&r, "raw IPv6 header at offset 0: version 4, expected 6");
    /* Neither 4 nor 6. */
    frame bad = ip;
    bad.b[0] = 0x55;
    r = parse(CTS_LINKTYPE_RAW, &bad);
    assert_fails(&r, "raw IP header at offset 0: version 5 is neither 4 nor 6");
}

static void test_raw_ipv6_ext_headers(void)
{
    frame t = tcp_default(), e = ext_chain(), ip6 = ipv6(&e, 0, &t);
    static const int lts[] = { CTS_LINKTYPE_RAW_12, CTS_LINKTYPE_RAW_14, CTS_LINKTYPE_RAW, CTS_LINKTYPE_IPV6 };
    for (size_t i = 0; i < G_N_ELEMENTS(lts); i++) {
        res r = parse(lts[i], &ip6);
        assert_v6_segment(&r);
        g_assert_cmpuint(r.p.payload_off, ==, 40 + 48 + 20);
    }

    /* Authentication header: length in 4-byte units minus 2. */
    frame ah = { .n = 0 };
    put8(&ah, 6);
    put8(&ah, 4); /* (4 + 2) * 4 = 24 */
    put16(&ah, 0);
    put32(&ah, 0x100); /* SPI */
    put32(&ah, 1);     /* sequence */
    for (int i = 0; i < 12; i++)
        put8(&ah, 0xaa); /* ICV */
    frame ip6ah = ipv6(&ah, 51, &t);
    res r = parse(CTS_LINKTYPE_IPV6, &ip6ah);
    assert_v6_segment(&r);

    /* Atomic fragment (offset 0, M clear) is a whole packet. */
    frame fr = { .n = 0 };
    put8(&fr, 6);
    put8(&fr, 0);
    put16(&fr, 0);
    put32(&fr, 0xdeadbeef);
    frame atomic = ipv6(&fr, 44, &t);
    r = parse(CTS_LINKTYPE_IPV6, &atomic);
    assert_v6_segment(&r);
}

static void test_ipv6_fragment_reported(void)
{
    frame t = tcp_default();
    frame fr = { .n = 0 };
    put8(&fr, 6);
    put8(&fr, 0);
    put16(&fr, 0x0001); /* offset 0, M set */
    put32(&fr, 0xdeadbeef);
    frame ip6 = ipv6(&fr, 44, &t);
    res r = parse(CTS_LINKTYPE_IPV6, &ip6);
    assert_fails(&r, "IPv6 fragment header at offset 40 (offset 0, M set): fragments are not reassembled");

    fr.b[2] = 0x05; /* offset 0x05c8 >> 3 = 185 units = 1480 bytes */
    fr.b[3] = 0xc8;
    ip6 = ipv6(&fr, 44, &t);
    r = parse(CTS_LINKTYPE_IPV6, &ip6);
    assert_fails(&r, "(offset 1480, M clear): fragments are not reassembled");

    /* A UDP fragment is not ours. */
    fr.b[0] = 17;
    ip6 = ipv6(&fr, 44, &t);
    r = parse(CTS_LINKTYPE_IPV6, &ip6);
    g_assert_cmpint(r.rc, ==, 0);
}

static void test_loopback(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    for (int be = 0; be < 2; be++) {
        frame l = loopback(&ip, 2, be);
        res r = parse(CTS_LINKTYPE_NULL, &l);
        assert_v4_segment(&r);
        g_assert_cmpuint(r.p.payload_off, ==, 44);
        r = parse(CTS_LINKTYPE_LOOP, &l);
        assert_v4_segment(&r);
        static const uint32_t v6fams[] = { 10, 24, 28, 30 };
        for (size_t i = 0; i < G_N_ELEMENTS(v6fams); i++) {
            frame l6 = loopback(&ip6, v6fams[i], be);
            r = parse(CTS_LINKTYPE_NULL, &l6);
            assert_v6_segment(&r);
            r = parse(CTS_LINKTYPE_LOOP, &l6);
            assert_v6_segment(&r);
        }
        /* An unknown family (AF_APPLETALK-ish) is not ours. */
        frame other = loopback(&ip, 7, be);
        r = parse(CTS_LINKTYPE_NULL, &other);
        g_assert_cmpint(r.rc, ==, 0);
    }
    /* OpenBSD's DLT_LOOP is 12, DLT_RAW elsewhere: told apart by byte 0. */
    frame l = loopback(&ip, 2, 1);
    res r = parse(CTS_LINKTYPE_RAW_12, &l);
    assert_v4_segment(&r);
    frame l6 = loopback(&ip6, 24, 1);
    r = parse(CTS_LINKTYPE_RAW_12, &l6);
    assert_v6_segment(&r);
    /* ... but Ethernet bytes mislabelled as raw IP are reported. */
    frame eth = ethernet(&ip, 0x0800, NULL, 0);
    r = parse(CTS_LINKTYPE_RAW_12, &eth);
    g_assert_cmpstr(r.err, ==, "raw IP header at offset 0: version 0 is neither 4 nor 6");
}

static void test_not_ours(void)
{
    frame t = tcp_default();
    frame udp4 = ipv4(&t, 17, 0, 0), eth = ethernet(&udp4, 0x0800, NULL, 0);
    res r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    g_assert_cmpint(r.rc, ==, 0);
    g_assert_cmpstr(r.err, ==, "");

    frame arp = { .n = 0 };
    for (int i = 0; i < 28; i++)
        put8(&arp, (unsigned)i);
    frame earp = ethernet(&arp, 0x0806, NULL, 0);
    r = parse(CTS_LINKTYPE_ETHERNET, &earp);
    g_assert_cmpint(r.rc, ==, 0);

    frame llc = ethernet(&arp, 28, NULL, 0); /* 802.3 length field */
    r = parse(CTS_LINKTYPE_ETHERNET, &llc);
    g_assert_cmpint(r.rc, ==, 0);

    frame udp6 = ipv6(NULL, 17, &t);
    r = parse(CTS_LINKTYPE_IPV6, &udp6);
    g_assert_cmpint(r.rc, ==, 0);
    frame esp6 = ipv6(NULL, 50, &t);
    r = parse(CTS_LINKTYPE_IPV6, &esp6);
    g_assert_cmpint(r.rc, ==, 0);
    frame nonext = ipv6(NULL, 59, &t);
    r = parse(CTS_LINKTYPE_IPV6, &nonext);
    g_assert_cmpint(r.rc, ==, 0);

    frame ip = ipv4(&t, 6, 0, 0);
    r = parse(147 /* LINKTYPE_USER0 */, &ip);
    g_assert_cmpint(r.rc, ==, 0);
    g_assert_false(cts_linktype_supported(147));
    g_assert_true(cts_linktype_supported(CTS_LINKTYPE_LINUX_SLL2));
    g_assert_true(cts_linktype_supported(CTS_LINKTYPE_RAW_14));

    /* A UDP fragment is not ours either (protocol is in every IPv4 fragment). */
    frame ufrag = ipv4(&t, 17, 0, 0x2000);
    r = parse(CTS_LINKTYPE_IPV4, &ufrag);
    g_assert_cmpint(r.rc, ==, 0);
}

/* --- malformed IPv4 / IPv6 / TCP ---------------------------------------- */

static void test_ipv4_fragment_reported(void)
{
    frame t = tcp_default();
    frame first = ipv4(&t, 6, 0, 0x2000), eth = ethernet(&first, 0x0800, NULL, 0);
    res r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    g_assert_cmpint(r.rc, ==, -1);
    g_assert_cmpstr(r.err, ==, "IPv4 fragment (offset 0, MF set): fragments are not reassembled");

    frame last = ipv4(&t, 6, 0, 185); /* offset 185 * 8 = 1480, MF clear */
    r = parse(CTS_LINKTYPE_IPV4, &last);
    g_assert_cmpstr(r.err, ==, "IPv4 fragment (offset 1480, MF clear): fragments are not reassembled");
}

static void test_ipv4_malformed(void)
{
    frame t = tcp_default();
    frame ip = ipv4(&t, 6, 0, 0);

    frame bad = ip;
    bad.b[0] = 0x44; /* IHL 4 */
    res r = parse(CTS_LINKTYPE_IPV4, &bad);
    g_assert_cmpstr(r.err, ==, "IPv4 header at offset 0: IHL 4 (16 bytes) is less than 5 (20 bytes)");
    g_assert_cmpint(r.rc, ==, -1);

    bad = ip;
    bad.b[0] = 0x4f; /* IHL 15 = 60 bytes, only 59 in the frame */
    r = parse(CTS_LINKTYPE_IPV4, &bad);
    assert_fails(&r, "IPv4 header with options at offset 0: 60 bytes needed, only 59 captured");

    bad = ip;
    bad.b[2] = 0;
    bad.b[3] = 19; /* total length below the header length */
    r = parse(CTS_LINKTYPE_IPV4, &bad);
    g_assert_cmpstr(r.err, ==, "IPv4 header at offset 0: total length 19 is less than the header length 20");

    /* The example of the brief: a 74-byte frame claiming 1500 bytes. */
    frame big = { .n = 0 };
    put_frame(&big, &ip);
    while (big.n < 60)
        put8(&big, 0);
    big.b[2] = 1500 >> 8;
    big.b[3] = 1500 & 0xff;
    frame eth = ethernet(&big, 0x0800, NULL, 0);
    g_assert_cmpuint(eth.n, ==, 74);
    r = parse(CTS_LINKTYPE_ETHERNET, &eth);
    g_assert_cmpint(r.rc, ==, -1);
    g_assert_cmpstr(r.err, ==, "IPv4 header at offset 14: total length 1500 exceeds captured 60 bytes");
    /* Same frame, but the wire says 1514: a snaplen cut inside the payload. */
    r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 74, 1514);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_cmpuint(r.p.payload_len, ==, 20);
    g_assert_cmpuint(r.p.missing_tail, ==, 1460 - 20);
    /* ... and if the wire was shorter than the claim too: malformed. */
    r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 74, 100);
    assert_fails(&r, "IPv4 header at offset 14: total length 1500 exceeds the 86 bytes on the wire");

    /* Ethertype IPv4 carrying a version-6 header. */
    frame v6 = ip;
    v6.b[0] = 0x65;
    frame ev6 = ethernet(&v6, 0x0800, NULL, 0);
    r = parse(CTS_LINKTYPE_ETHERNET, &ev6);
    g_assert_cmpstr(r.err, ==, "IPv4 header at offset 14: version 6, expected 4");

    /* Total length 0: TSO super-segment, the frame length counts. */
    frame tso = ip;
    tso.b[2] = tso.b[3] = 0;
    r = parse(CTS_LINKTYPE_IPV4, &tso);
    assert_v4_segment(&r);
}

static void test_ipv6_malformed(void)
{
    frame t = tcp_default();
    frame ip6 = ipv6(NULL, 6, &t);
    frame bad = ip6;
    bad.b[4] = 0x10; /* payload length 4096 + ... */
    res r = parse(CTS_LINKTYPE_IPV6, &bad);
    assert_fails(&r, "IPv6 header at offset 0: payload length 4135 exceeds captured 39 bytes");

    /* Extension header longer than the payload. */
    frame e = ext_chain();
    frame chain = ipv6(&e, 0, &t);
    chain.b[40 + 8 + 1] = 200; /* routing header length (200+1)*8 */
    r = parse(CTS_LINKTYPE_IPV6, &chain);
    assert_fails(&r, "IPv6 routing header at offset 48: length 1608 exceeds the 79 bytes left in the IPv6 payload");

    /* Nine destination options headers in a row. */
    frame many = { .n = 0 };
    for (int i = 0; i < 9; i++) {
        put8(&many, i == 8 ? 6 : 60);
        put8(&many, 0);
        put16(&many, 0x0104);
        put32(&many, 0);
    }
    frame m = ipv6(&many, 60, &t);
    r = parse(CTS_LINKTYPE_IPV6, &m);
    assert_fails(&r, "more than 8 extension headers");

    /* Ethertype IPv6, version 4. */
    frame v4 = ip6;
    v4.b[0] = 0x45;
    frame ev = ethernet(&v4, 0x86dd, NULL, 0);
    r = parse(CTS_LINKTYPE_ETHERNET, &ev);
    g_assert_cmpstr(r.err, ==, "IPv6 header at offset 14: version 4, expected 6");

    /* Payload length 0 (BIG TCP / TSO): the frame length counts. */
    frame z = ip6;
    z.b[4] = z.b[5] = 0;
    r = parse(CTS_LINKTYPE_IPV6, &z);
    assert_v6_segment(&r);
}

static void test_tcp_malformed(void)
{
    frame t = tcp_default();

    frame t4 = t;
    t4.b[12] = 4 << 4;
    frame ip = ipv4(&t4, 6, 0, 0);
    res r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==, "TCP header at offset 20: data offset 4 (16 bytes) is less than 5 (20 bytes)");

    /* Data offset beyond the segment: 15 * 4 = 60 > 39. */
    frame t15 = t;
    t15.b[12] = 15 << 4;
    ip = ipv4(&t15, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==, "TCP header at offset 20: data offset 15 (60 bytes) exceeds the 39 bytes of IP payload");

    /* IP payload too short for any TCP header. */
    frame tiny = { .n = 0 };
    put32(&tiny, 0x12345678);
    ip = ipv4(&tiny, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==, "TCP header at offset 20: IP payload of 4 bytes is shorter than the 20-byte TCP header");

    static const uint8_t len1[] = { 2, 1, 0, 0 };
    frame o = tcp_seg(len1, 4, PAYLOAD, PLEN, CTS_TCP_ACK);
    ip = ipv4(&o, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==, "TCP option at offset 40: kind 2 length 1 is invalid (minimum 2)");

    static const uint8_t overrun[] = { 1, 8, 10, 0 };
    o = tcp_seg(overrun, 4, PAYLOAD, PLEN, CTS_TCP_ACK);
    ip = ipv4(&o, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==, "TCP option at offset 41: kind 8 length 10 runs past the header end at offset 44");

    static const uint8_t nolen[] = { 1, 1, 1, 3 };
    o = tcp_seg(nolen, 4, PAYLOAD, PLEN, CTS_TCP_ACK);
    ip = ipv4(&o, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpstr(r.err, ==,
                    "TCP option at offset 43: kind 3 has no length byte before the header end at offset 44");

    /* After EOL anything goes. */
    static const uint8_t eol[] = { 0, 0xff, 0xff, 0xff };
    o = tcp_seg(eol, 4, PAYLOAD, PLEN, CTS_TCP_ACK);
    ip = ipv4(&o, 6, 0, 0);
    r = parse(CTS_LINKTYPE_IPV4, &ip);
    g_assert_cmpint(r.rc, ==, 1);
}

static void test_snaplen_payload(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), eth = ethernet(&ip, 0x0800, NULL, 0);
    /* snaplen 60: 6 of 19 payload bytes. */
    res r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 60, (uint32_t)eth.n);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_cmpstr(r.err, ==, "TCP payload at offset 54: payload truncated by snaplen: 6 of 19 bytes captured");
    g_assert_cmpuint(r.p.payload_len, ==, 6);
    g_assert_cmpuint(r.p.missing_tail, ==, 13);
    g_assert_cmpmem(r.p.payload, 6, PAYLOAD, 6);
    /* snaplen exactly at the payload start: nothing captured. */
    r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 54, (uint32_t)eth.n);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_null(r.p.payload);
    g_assert_cmpuint(r.p.missing_tail, ==, PLEN);
    /* snaplen inside the TCP header. */
    r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 40, (uint32_t)eth.n);
    g_assert_cmpstr(r.err, ==, "TCP header at offset 34: 20 bytes needed, only 6 captured (cut by snaplen)");
}

/* Every prefix of every valid frame: never an out-of-bounds read (the
 * buffer is exactly caplen bytes), -1 with a message for a cut header, and
 * for a cut payload either a snaplen note (wire length intact) or -1 (the
 * frame itself is short). */
static void sweep(int lt, const frame *f)
{
    res full = parse(lt, f);
    g_assert_cmpint(full.rc, ==, 1);
    uint32_t poff = full.p.payload_off;
    for (uint32_t cap = 0; cap < f->n; cap++) {
        res snap = parse_n(lt, f, cap, (uint32_t)f->n);
        if (cap < poff) {
            g_assert_cmpint(snap.rc, ==, -1);
            g_assert_true(strstr(snap.err, " at offset ") != NULL);
            g_assert_true(strstr(snap.err, "(cut by snaplen)") != NULL);
        } else {
            g_assert_cmpint(snap.rc, ==, 1);
            g_assert_cmpuint(snap.p.payload_len, ==, cap - poff);
            g_assert_cmpuint(snap.p.missing_tail, ==, f->n - cap);
            g_assert_true(strstr(snap.err, "payload truncated by snaplen") != NULL);
        }
        res shortf = parse_n(lt, f, cap, cap);
        g_assert_cmpint(shortf.rc, ==, -1);
        g_assert_cmpuint(strlen(shortf.err), >, 10);
        g_assert_true(strstr(shortf.err, "(cut by snaplen)") == NULL);
    }
}

static void test_truncation_every_layer(void)
{
    frame t = tcp_default();
    static const uint8_t opts[] = { 2, 4, 0x05, 0xb4, 1, 1, 4, 2 };
    frame to = tcp_seg(opts, sizeof opts, PAYLOAD, PLEN, CTS_TCP_ACK);
    frame ip = ipv4(&to, 6, 8, 0), ip6 = ipv6(NULL, 6, &t);
    frame e = ext_chain(), ip6x = ipv6(&e, 0, &t);
    static const uint16_t qinq[] = { 0x88a8, 0x8100 };

    frame f;
    f = ethernet(&ip, 0x0800, NULL, 0);
    sweep(CTS_LINKTYPE_ETHERNET, &f);
    f = ethernet(&ip6x, 0x86dd, qinq, 2);
    sweep(CTS_LINKTYPE_ETHERNET, &f);
    f = sll(&ip, 0x0800, 1);
    sweep(CTS_LINKTYPE_LINUX_SLL, &f);
    f = sll2(&ip6, 0x86dd);
    sweep(CTS_LINKTYPE_LINUX_SLL2, &f);
    sweep(CTS_LINKTYPE_RAW, &ip);
    sweep(CTS_LINKTYPE_RAW_12, &ip6x);
    sweep(CTS_LINKTYPE_IPV4, &ip);
    sweep(CTS_LINKTYPE_IPV6, &ip6x);
    f = loopback(&ip, 2, 0);
    sweep(CTS_LINKTYPE_NULL, &f);
    f = loopback(&ip6, 30, 1);
    sweep(CTS_LINKTYPE_LOOP, &f);
}

static void test_specific_truncations(void)
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0), ip6 = ipv6(NULL, 6, &t);
    frame eth = ethernet(&ip, 0x0800, NULL, 0);
    res r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 10, 10);
    g_assert_cmpstr(r.err, ==, "Ethernet header at offset 0: 14 bytes needed, only 10 captured");
    r = parse_n(CTS_LINKTYPE_ETHERNET, &eth, 30, 30);
    g_assert_cmpstr(r.err, ==, "IPv4 header at offset 14: 20 bytes needed, only 16 captured");
    static const uint16_t q[] = { 0x8100 };
    frame v = ethernet(&ip, 0x0800, q, 1);
    r = parse_n(CTS_LINKTYPE_ETHERNET, &v, 16, 16);
    g_assert_cmpstr(r.err, ==, "VLAN tag at offset 14: 4 bytes needed, only 2 captured");
    frame s = sll(&ip, 0x0800, 1);
    r = parse_n(CTS_LINKTYPE_LINUX_SLL, &s, 15, 15);
    g_assert_cmpstr(r.err, ==, "Linux cooked (SLL) header at offset 0: 16 bytes needed, only 15 captured");
    frame s2 = sll2(&ip, 0x0800);
    r = parse_n(CTS_LINKTYPE_LINUX_SLL2, &s2, 19, 19);
    g_assert_cmpstr(r.err, ==, "Linux cooked v2 (SLL2) header at offset 0: 20 bytes needed, only 19 captured");
    frame l = loopback(&ip, 2, 0);
    r = parse_n(CTS_LINKTYPE_NULL, &l, 3, 3);
    g_assert_cmpstr(r.err, ==, "BSD loopback (NULL) header at offset 0: 4 bytes needed, only 3 captured");
    r = parse_n(CTS_LINKTYPE_IPV6, &ip6, 39, 39);
    g_assert_cmpstr(r.err, ==, "IPv6 header at offset 0: 40 bytes needed, only 39 captured");
    r = parse_n(CTS_LINKTYPE_RAW, &ip, 0, 0);
    g_assert_cmpstr(r.err, ==, "raw IP header at offset 0: 1 byte needed, only 0 captured");
    frame e = ext_chain(), ip6x = ipv6(&e, 0, &t);
    r = parse_n(CTS_LINKTYPE_IPV6, &ip6x, 60, (uint32_t)ip6x.n);
    g_assert_cmpstr(r.err, ==,
                    "IPv6 routing header at offset 48: 24 bytes needed, only 12 captured (cut by snaplen)");
    /* NULL data pointer with a nonzero caplen is treated as nothing captured. */
    cts_packet p;
    char err[128];
    g_assert_cmpint(cts_packet_parse(CTS_LINKTYPE_ETHERNET, NULL, 60, 60, &p, err, sizeof err), ==, -1);
    /* err may be NULL. */
    g_assert_cmpint(cts_packet_parse(CTS_LINKTYPE_ETHERNET, eth.b, 5, 5, &p, NULL, 0), ==, -1);
}

static void test_addr_str(void)
{
    cts_addr a = { .family = CTS_AF_INET4 };
    memcpy(a.bytes, V4A, 4);
    char buf[CTS_ADDR_STRLEN];
    g_assert_cmpstr(cts_addr_str(&a, 42027, buf, sizeof buf), ==, "10.0.0.1:42027");
    cts_addr b = { .family = CTS_AF_INET6 };
    memcpy(b.bytes, V6A, 16);
    g_assert_cmpstr(cts_addr_str(&b, 42027, buf, sizeof buf), ==, "[2001:db8::1]:42027");
    /* Longest form fits CTS_ADDR_STRLEN. */
    memset(b.bytes, 0xff, 16);
    b.bytes[0] = 0xfe;
    cts_addr_str(&b, 65535, buf, sizeof buf);
    g_assert_cmpstr(buf, ==, "[feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
    /* v4-mapped */
    memset(b.bytes, 0, 16);
    b.bytes[10] = b.bytes[11] = 0xff;
    memcpy(b.bytes + 12, V4B, 4);
    g_assert_cmpstr(cts_addr_str(&b, 1, buf, sizeof buf), ==, "[::ffff:10.0.0.2]:1");
    /* Short buffers truncate, always terminated. */
    char small[6];
    g_assert_cmpstr(cts_addr_str(&a, 42027, small, sizeof small), ==, "10.0.");

    /* Parsed addresses print as expected. */
    frame t = tcp_default(), ip6 = ipv6(NULL, 6, &t);
    res r = parse(CTS_LINKTYPE_IPV6, &ip6);
    g_assert_cmpstr(cts_addr_str(&r.p.dst, r.p.dport, buf, sizeof buf), ==, "[2001:db8::2]:50001");
}

/* --- pcap_source ---------------------------------------------------------- */

static void put_le16(frame *f, unsigned v)
{
    put8(f, v);
    put8(f, v >> 8);
}

static frame pcap_file(const frame *const *frames, size_t n, int linktype)
{
    frame f = { .n = 0 };
    put_le32(&f, 0xa1b2c3d4);
    put_le16(&f, 2);
    put_le16(&f, 4);
    put_le32(&f, 0);
    put_le32(&f, 0);
    put_le32(&f, 65535);
    put_le32(&f, (uint32_t)linktype);
    for (size_t i = 0; i < n; i++) {
        put_le32(&f, 1700000000u + (uint32_t)i);
        put_le32(&f, 250000u * (uint32_t)i);
        put_le32(&f, (uint32_t)frames[i]->n);
        put_le32(&f, (uint32_t)frames[i]->n + (i == 1 ? 100 : 0)); /* frame 2 "snaplen-cut" */
        put_frame(&f, frames[i]);
    }
    return f;
}

static char *write_tmp(const frame *f, const char *tmpl)
{
    GError *e = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp(tmpl, &path, &e);
    g_assert_no_error(e);
    g_assert_cmpint(write(fd, f->b, f->n), ==, (ssize_t)f->n);
    close(fd);
    return path;
}

static void three_frames(frame out[3])
{
    frame t = tcp_default(), ip = ipv4(&t, 6, 0, 0);
    out[0] = ethernet(&ip, 0x0800, NULL, 0);
    frame arp = { .n = 0 };
    for (int i = 0; i < 28; i++)
        put8(&arp, 0);
    out[1] = ethernet(&arp, 0x0806, NULL, 0);
    out[2] = ethernet(&ip, 0x0800, NULL, 0);
}

static void test_pcap_read(void)
{
    frame fr[3];
    three_frames(fr);
    const frame *list[3] = { &fr[0], &fr[1], &fr[2] };
    frame file = pcap_file(list, 3, 1);
    char *path = write_tmp(&file, "ctscap-XXXXXX.pcap");
    char err[512];

    for (uint64_t first = 1; first <= 101; first += 100) { /* second file continues numbering */
        cts_pcap_source *src = cts_pcap_open(path, first, err, sizeof err);
        g_assert_nonnull(src);
        g_assert_cmpint(cts_pcap_linktype(src), ==, CTS_LINKTYPE_ETHERNET);
        g_assert_cmpstr(cts_pcap_linktype_name(src), ==, "EN10MB");
        g_assert_cmpint(cts_pcap_snaplen(src), ==, 65535);
        g_assert_cmpstr(cts_pcap_path(src), ==, path);
        cts_frame f;
        for (int i = 0; i < 3; i++) {
            g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 1);
            g_assert_cmpuint(f.info.frame, ==, first + (uint64_t)i);
            g_assert_cmpint(f.info.ts_sec, ==, 1700000000 + i);
            g_assert_cmpint(f.info.ts_usec, ==, 250000 * i);
            g_assert_cmpuint(f.caplen, ==, fr[i].n);
            g_assert_cmpuint(f.wirelen, ==, fr[i].n + (i == 1 ? 100 : 0));
            g_assert_cmpmem(f.data, f.caplen, fr[i].b, fr[i].n);
            cts_packet p;
            int rc = cts_packet_parse(cts_pcap_linktype(src), f.data, f.caplen, f.wirelen, &p, err, sizeof err);
            g_assert_cmpint(rc, ==, i == 1 ? 0 : 1);
        }
        g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 0);
        g_assert_cmpstr(err, ==, "");
        g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 0); /* stays at the end */
        g_assert_cmpuint(cts_pcap_next_number(src), ==, first + 3);
        cts_pcap_close(src);
    }
    g_unlink(path);
    g_free(path);
}

static void test_pcap_truncated(void)
{
    frame fr[3];
    three_frames(fr);
    const frame *list[3] = { &fr[0], &fr[1], &fr[2] };
    frame file = pcap_file(list, 3, 1);
    file.n -= 20; /* the last record loses 20 bytes of data */
    char *path = write_tmp(&file, "ctscap-XXXXXX.pcap");
    char err[512];
    cts_pcap_source *src = cts_pcap_open(path, 1, err, sizeof err);
    g_assert_nonnull(src);
    cts_frame f;
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 1);
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 1);
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, -1);
    char *want = g_strdup_printf("%s: file truncated after frame 2: ", path);
    g_test_message("%s", err);
    g_assert_true(g_str_has_prefix(err, want));
    g_assert_cmpuint(strlen(err), >, strlen(want)); /* libpcap's own words follow */
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 0);
    g_free(want);
    cts_pcap_close(src);
    g_unlink(path);
    g_free(path);
}

static void test_pcap_open_errors(void)
{
    char err[512];
    g_assert_null(cts_pcap_open("/nonexistent/dir/x.pcap", 1, err, sizeof err));
    g_test_message("%s", err);
    g_assert_true(g_str_has_prefix(err, "/nonexistent/dir/x.pcap: "));
    g_assert_nonnull(strstr(err, "No such file"));
    g_assert_null(strstr(err + 1, "/nonexistent/dir/x.pcap")); /* named once */

    frame junk = { .n = 0 };
    for (int i = 0; i < 64; i++)
        put8(&junk, 'j');
    char *path = write_tmp(&junk, "ctscap-XXXXXX.pcap");
    g_assert_null(cts_pcap_open(path, 1, err, sizeof err));
    g_test_message("%s", err);
    char *want = g_strdup_printf("%s: ", path);
    g_assert_true(g_str_has_prefix(err, want));
    g_assert_cmpuint(strlen(err), >, strlen(want));
    g_free(want);
    g_unlink(path);
    g_free(path);
}

static void test_pcapng_and_stdin(void)
{
    frame t = tcp_default(), ip6 = ipv6(NULL, 6, &t);
    frame ng = { .n = 0 };
    /* Section header block. */
    put_le32(&ng, 0x0a0d0d0a);
    put_le32(&ng, 28);
    put_le32(&ng, 0x1a2b3c4d);
    put_le16(&ng, 1);
    put_le16(&ng, 0);
    put_le32(&ng, 0xffffffff);
    put_le32(&ng, 0xffffffff);
    put_le32(&ng, 28);
    /* Interface description block: raw IP. */
    put_le32(&ng, 1);
    put_le32(&ng, 20);
    put_le16(&ng, CTS_LINKTYPE_RAW);
    put_le16(&ng, 0);
    put_le32(&ng, 262144);
    put_le32(&ng, 20);
    /* Enhanced packet block. */
    uint32_t padded = (uint32_t)((ip6.n + 3) & ~(size_t)3);
    put_le32(&ng, 6);
    put_le32(&ng, 32 + padded);
    put_le32(&ng, 0);
    uint64_t ts = 1700000000ull * 1000000 + 123456;
    put_le32(&ng, (uint32_t)(ts >> 32));
    put_le32(&ng, (uint32_t)ts);
    put_le32(&ng, (uint32_t)ip6.n);
    put_le32(&ng, (uint32_t)ip6.n);
    put_frame(&ng, &ip6);
    while (ng.n % 4)
        put8(&ng, 0);
    put_le32(&ng, 32 + padded);
    char *path = write_tmp(&ng, "ctscap-XXXXXX.pcapng");

    /* Read it as "-" with the file on standard input. */
    int saved = dup(0);
    int fd = open(path, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(dup2(fd, 0), ==, 0);
    close(fd);
    char err[512];
    cts_pcap_source *src = cts_pcap_open("-", 7, err, sizeof err);
    g_assert_nonnull(src);
    g_assert_cmpstr(cts_pcap_path(src), ==, "<stdin>");
    int lt = cts_pcap_linktype(src);
    g_assert_true(lt == 12 || lt == 14); /* LINKTYPE_RAW comes back as this platform's DLT_RAW */
    cts_frame f;
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 1);
    g_assert_cmpuint(f.info.frame, ==, 7);
    g_assert_cmpint(f.info.ts_sec, ==, 1700000000);
    g_assert_cmpint(f.info.ts_usec, ==, 123456);
    cts_packet p;
    res r;
    r.rc = cts_packet_parse(lt, f.data, f.caplen, f.wirelen, &p, r.err, sizeof r.err);
    g_assert_cmpint(r.rc, ==, 1);
    g_assert_cmpmem(p.payload, p.payload_len, PAYLOAD, PLEN);
    g_assert_cmpint(cts_pcap_next(src, &f, err, sizeof err), ==, 0);
    cts_pcap_close(src);
    dup2(saved, 0);
    close(saved);
    g_unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/capture/packet/ethernet-ipv4", test_ethernet_ipv4);
    g_test_add_func("/capture/packet/ethernet-padding-trimmed", test_ethernet_padding_trimmed);
    g_test_add_func("/capture/packet/ipv4-options", test_ipv4_options);
    g_test_add_func("/capture/packet/tcp-options", test_tcp_options);
    g_test_add_func("/capture/packet/vlan-qinq", test_vlan);
    g_test_add_func("/capture/packet/sll", test_sll);
    g_test_add_func("/capture/packet/sll2", test_sll2);
    g_test_add_func("/capture/packet/raw-ipv4", test_raw_ipv4);
    g_test_add_func("/capture/packet/raw-ipv6-ext-headers", test_raw_ipv6_ext_headers);
    g_test_add_func("/capture/packet/ipv6-fragment", test_ipv6_fragment_reported);
    g_test_add_func("/capture/packet/loopback-null-loop", test_loopback);
    g_test_add_func("/capture/packet/not-ours", test_not_ours);
    g_test_add_func("/capture/packet/ipv4-fragment", test_ipv4_fragment_reported);
    g_test_add_func("/capture/packet/ipv4-malformed", test_ipv4_malformed);
    g_test_add_func("/capture/packet/ipv6-malformed", test_ipv6_malformed);
    g_test_add_func("/capture/packet/tcp-malformed", test_tcp_malformed);
    g_test_add_func("/capture/packet/snaplen-payload", test_snaplen_payload);
    g_test_add_func("/capture/packet/truncation-every-layer", test_truncation_every_layer);
    g_test_add_func("/capture/packet/specific-truncations", test_specific_truncations);
    g_test_add_func("/capture/packet/addr-str", test_addr_str);
    g_test_add_func("/capture/pcap/read-and-number", test_pcap_read);
    g_test_add_func("/capture/pcap/truncated-file", test_pcap_truncated);
    g_test_add_func("/capture/pcap/open-errors", test_pcap_open_errors);
    g_test_add_func("/capture/pcap/pcapng-stdin", test_pcapng_and_stdin);
    return g_test_run();
}

/* mivr_pcapng.c - see mivr_pcapng.h.  Blocks are written in the host's
 * byte order, as pcapng allows (the byte-order magic tells readers). */
#include "mivr_pcapng.h"

#include <string.h>

static int put(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int put32(FILE *f, uint32_t v)
{
    return put(f, &v, 4);
}

static int pad(FILE *f, size_t n)
{
    static const uint8_t z[4];
    return (n & 3) ? put(f, z, 4 - (n & 3)) : 0;
}

#define PAD4(n) (((n) + 3u) & ~(size_t)3u)

int mivr_pcapng_begin(FILE *f, int linktype)
{
    static const char appl[] = "ctiscope --write-pcapng";
    size_t opt = 4 + PAD4(sizeof appl - 1) + 4;
    uint32_t shb_len = (uint32_t)(28 + opt);
    int r = 0;
    /* Section Header Block */
    r |= put32(f, 0x0A0D0D0Au);
    r |= put32(f, shb_len);
    r |= put32(f, 0x1A2B3C4Du);
    uint16_t ver[2] = { 1, 0 };
    r |= put(f, ver, 4);
    int64_t section_len = -1;
    r |= put(f, &section_len, 8);
    uint16_t oh[2] = { 4, (uint16_t)(sizeof appl - 1) };   /* shb_userappl */
    r |= put(f, oh, 4);
    r |= put(f, appl, sizeof appl - 1);
    r |= pad(f, sizeof appl - 1);
    uint32_t end = 0;
    r |= put(f, &end, 4);
    r |= put32(f, shb_len);
    /* Interface Description Block: microseconds (the default resolution) */
    r |= put32(f, 1);
    r |= put32(f, 20);
    uint16_t lt[2] = { (uint16_t)linktype, 0 };
    r |= put(f, lt, 4);
    r |= put32(f, 262144);   /* snaplen */
    r |= put32(f, 20);
    return r ? -1 : 0;
}

int mivr_pcapng_packet(FILE *f, int64_t ts_us, const uint8_t *data, uint32_t len,
                       const char *comment)
{
    size_t cl = comment ? strlen(comment) : 0;
    if (cl > 65535)
        cl = 65535;
    size_t opt = cl ? 4 + PAD4(cl) + 4 : 0;
    uint32_t blen = (uint32_t)(32 + PAD4(len) + opt);
    uint64_t ts = (uint64_t)ts_us;
    int r = 0;
    r |= put32(f, 6);
    r |= put32(f, blen);
    r |= put32(f, 0);                         /* interface 0 */
    r |= put32(f, (uint32_t)(ts >> 32));
    r |= put32(f, (uint32_t)ts);
    r |= put32(f, len);                       /* captured */
    r |= put32(f, len);                       /* on the wire */
    r |= put(f, data, len);
    r |= pad(f, len);
    if (cl) {
        uint16_t oh[2] = { 1, (uint16_t)cl };    /* opt_comment */
        r |= put(f, oh, 4);
        r |= put(f, comment, cl);
        r |= pad(f, cl);
        r |= put32(f, 0);                     /* opt_endofopt */
    }
    r |= put32(f, blen);
    return r ? -1 : 0;
}

/* pcapng_write.c - a minimal pcapng writer (pcapng_write.h): SHB, IDBs,
 * EPBs, host byte order (the byte-order magic says which). */
#include "pcapng_write.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#define MAX_IFACES 64
#define SNAPLEN 262144u

struct cts_pcapng_writer {
    FILE *f;
    char *path;
    int failed;
    int linktypes[MAX_IFACES];   /* interface id -> link type */
    unsigned n_ifaces;
    uint64_t frames;
};

static int put(cts_pcapng_writer *w, const void *p, size_t n)
{
    if (!w->failed && n && fwrite(p, 1, n, w->f) != n)
        w->failed = errno ? errno : EIO;
    return w->failed ? -1 : 0;
}

static void put32(cts_pcapng_writer *w, uint32_t v)
{
    put(w, &v, 4);
}

cts_pcapng_writer *cts_pcapng_open(const char *path, char *err, size_t errlen)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
        return NULL;
    }
    cts_pcapng_writer *w = g_new0(cts_pcapng_writer, 1);
    w->f = f;
    w->path = g_strdup(path);
    /* Section Header Block: byte-order magic, version 1.0, length unknown */
    put32(w, 0x0A0D0D0A);
    put32(w, 28);
    put32(w, 0x1A2B3C4D);
    uint16_t ver[2] = { 1, 0 };
    put(w, ver, 4);
    int64_t section_len = -1;
    put(w, &section_len, 8);
    put32(w, 28);
    if (w->failed) {
        snprintf(err, errlen, "%s: %s", path, g_strerror(w->failed));
        cts_pcapng_close(w, NULL, 0);
        return NULL;
    }
    return w;
}

static int iface_of(cts_pcapng_writer *w, int linktype)
{
    for (unsigned i = 0; i < w->n_ifaces; i++)
        if (w->linktypes[i] == linktype)
            return (int)i;
    if (w->n_ifaces == MAX_IFACES)
        return -1;
    /* Interface Description Block: link type, snaplen, no options */
    put32(w, 1);
    put32(w, 20);
    uint16_t lt[2] = { (uint16_t)linktype, 0 };
    put(w, lt, 4);
    put32(w, SNAPLEN);
    put32(w, 20);
    w->linktypes[w->n_ifaces] = linktype;
    return (int)w->n_ifaces++;
}

int cts_pcapng_frame(cts_pcapng_writer *w, int linktype, int64_t ts_sec, int32_t ts_usec,
                     const uint8_t *data, uint32_t caplen, uint32_t wirelen, const char *comment,
                     char *err, size_t errlen)
{
    if (w->failed)
        return -1;
    int iface = iface_of(w, linktype);
    if (iface < 0) {
        snprintf(err, errlen, "%s: more than %d link types", w->path, MAX_IFACES);
        w->failed = EINVAL;
        return -1;
    }
    if (caplen > SNAPLEN)
        caplen = SNAPLEN;   /* libpcap reads no longer frames; said for the hostile case */
    uint32_t pad = (4 - (caplen & 3)) & 3;
    size_t cl = comment ? strlen(comment) : 0;
    if (cl > 65535)
        cl = 65535;   /* an option's length is 16 bits */
    uint32_t cpad = (4 - (cl & 3)) & 3;
    uint32_t opts = cl ? 4 + (uint32_t)cl + cpad + 4 : 0;   /* opt_comment, opt_endofopt */
    uint32_t blen = 32 + caplen + pad + opts;
    uint64_t ts = (uint64_t)ts_sec * 1000000u + (uint64_t)ts_usec;
    uint32_t head[7] = { 6, blen, (uint32_t)iface, (uint32_t)(ts >> 32), (uint32_t)ts, caplen,
                         wirelen };
    static const uint8_t zero[4];
    put(w, head, sizeof head);
    put(w, data, caplen);
    put(w, zero, pad);
    if (cl) {
        uint16_t oh[2] = { 1, (uint16_t)cl };
        put(w, oh, 4);
        put(w, comment, cl);
        put(w, zero, cpad);
        put32(w, 0);
    }
    put32(w, blen);
    if (w->failed) {
        snprintf(err, errlen, "%s: %s", w->path, g_strerror(w->failed));
        return -1;
    }
    w->frames++;
    return 0;
}

uint64_t cts_pcapng_count(const cts_pcapng_writer *w)
{
    return w->frames;
}

int cts_pcapng_close(cts_pcapng_writer *w, char *err, size_t errlen)
{
    if (!w)
        return 0;
    int e = 0;   /* a failure cts_pcapng_frame returned was said there */
    if (w->f == stdout) {
        if (fflush(stdout) != 0 && !e)
            e = errno ? errno : EIO;
    } else if (fclose(w->f) != 0 && !e) {
        e = errno ? errno : EIO;
    }
    if (e && err && errlen)
        snprintf(err, errlen, "%s: %s", w->path, g_strerror(e));
    g_free(w->path);
    g_free(w);
    return e ? -1 : 0;
}

/* decompress.c - gzip (zlib) and zstd (libzstd) captures through a FILE
 * (decompress.h). */
#define _GNU_SOURCE   /* fopencookie */
#include "decompress.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#define IN_BYTES (1u << 16)
#define REASON_BYTES 160
#define ZSTD_WINDOW_LOG_MAX 27   /* 128 MiB: zstd's own default limit, said aloud */

cts_compression cts_compression_of(FILE *f)
{
    /* The first byte decides: 0x1f (gzip: 1f 8b) and 0x28 (zstd: 28 b5 2f
     * fd) begin no pcap (d4 c3 b2 a1, a1 b2 c3 d4, 4d 3c b2 a1, a1 b2 3c
     * 4d) nor pcapng (0a 0d 0d 0a) file; one byte is all ungetc promises
     * to put back on a pipe. */
    int c = getc(f);
    if (c == EOF)
        return CTS_COMP_NONE;
    ungetc(c, f);
    return c == 0x1f ? CTS_COMP_GZIP : c == 0x28 ? CTS_COMP_ZSTD : CTS_COMP_NONE;
}

const char *cts_compression_name(cts_compression c)
{
    return c == CTS_COMP_GZIP ? "gzip" : c == CTS_COMP_ZSTD ? "zstd" : "none";
}

typedef struct zsrc {
    FILE *in;
    cts_compression kind;
    uint8_t *buf;            /* compressed bytes read from in */
    size_t pos, len;         /* what of buf is not used yet */
    int in_eof;
    int in_frame;            /* inside a gzip member / zstd frame */
    int failed;
    z_stream z;
    ZSTD_DCtx *zd;
    char *reason;
} zsrc;

static int fill(zsrc *s)
{
    if (s->pos < s->len || s->in_eof)
        return 0;
    s->len = fread(s->buf, 1, IN_BYTES, s->in);
    s->pos = 0;
    if (s->len == 0) {
        s->in_eof = 1;
        if (ferror(s->in)) {
            snprintf(s->reason, REASON_BYTES, "%s: reading the compressed data: %s",
                     cts_compression_name(s->kind), g_strerror(errno));
            s->failed = 1;
            errno = EIO;
            return -1;
        }
    }
    return 0;
}

static ssize_t fail(zsrc *s, const char *what)
{
    snprintf(s->reason, REASON_BYTES, "%s: %s", cts_compression_name(s->kind), what);
    s->failed = 1;
    errno = EIO;
    return -1;
}

/* A failure after done bytes came out of this read: they are given (the
 * frames in them are decoded), the failure comes with the next read. */
static ssize_t fail_after(zsrc *s, size_t done, const char *what)
{
    ssize_t rc = fail(s, what);
    return done ? (ssize_t)done : rc;
}

static ssize_t zread(void *cookie, char *out, size_t size)
{
    zsrc *s = cookie;
    if (s->failed) {
        errno = EIO;
        return -1;
    }
    size_t done = 0;
    while (done == 0 && size) {
        if (fill(s) < 0)
            return -1;
        if (s->pos == s->len) {   /* the end of the compressed bytes */
            if (s->in_frame)
                return fail(s, "the compressed data is cut short (the file ends inside it)");
            return 0;
        }
        if (s->kind == CTS_COMP_GZIP) {
            if (!s->in_frame) {   /* a new member (gzip files may be concatenated) */
                if (inflateReset(&s->z) != Z_OK)
                    return fail(s, "cannot start a member");
                s->in_frame = 1;
            }
            s->z.next_in = s->buf + s->pos;
            s->z.avail_in = (uInt)(s->len - s->pos);
            s->z.next_out = (Bytef *)out;
            s->z.avail_out = (uInt)(size > UINT32_MAX ? UINT32_MAX : size);
            uInt before_out = s->z.avail_out;
            int rc = inflate(&s->z, Z_NO_FLUSH);
            s->pos = s->len - s->z.avail_in;
            done = before_out - s->z.avail_out;
            if (rc == Z_STREAM_END)
                s->in_frame = 0;
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return fail_after(s, done, s->z.msg ? s->z.msg : "corrupt data");
        } else {
            ZSTD_inBuffer zin = { s->buf, s->len, s->pos };
            ZSTD_outBuffer zout = { out, size, 0 };
            size_t rc = ZSTD_decompressStream(s->zd, &zout, &zin);
            s->pos = zin.pos;
            done = zout.pos;
            if (ZSTD_isError(rc))
                return fail_after(s, done, ZSTD_getErrorName(rc));
            s->in_frame = rc != 0;   /* 0: a frame is complete */
        }
    }
    return (ssize_t)done;
}

static int zclose(void *cookie)
{
    zsrc *s = cookie;
    int rc = fclose(s->in);
    if (s->kind == CTS_COMP_GZIP)
        inflateEnd(&s->z);
    else
        ZSTD_freeDCtx(s->zd);
    g_free(s->buf);
    g_free(s);
    return rc;
}

FILE *cts_decompress_open(FILE *in, cts_compression c, char *reason)
{
    zsrc *s = g_new0(zsrc, 1);
    s->in = in;
    s->kind = c;
    s->reason = reason;
    reason[0] = '\0';
    if (c == CTS_COMP_GZIP) {
        if (inflateInit2(&s->z, 15 + 16) != Z_OK) {   /* gzip wrapper only */
            g_free(s);
            errno = ENOMEM;
            return NULL;
        }
    } else {
        s->zd = ZSTD_createDCtx();
        if (!s->zd) {
            g_free(s);
            errno = ENOMEM;
            return NULL;
        }
        ZSTD_DCtx_setParameter(s->zd, ZSTD_d_windowLogMax, ZSTD_WINDOW_LOG_MAX);
    }
    s->buf = g_malloc(IN_BYTES);
    cookie_io_functions_t io = { zread, NULL, NULL, zclose };
    FILE *f = fopencookie(s, "rb", io);
    if (!f) {
        int e = errno;
        if (c == CTS_COMP_GZIP)
            inflateEnd(&s->z);
        else
            ZSTD_freeDCtx(s->zd);
        g_free(s->buf);
        g_free(s);
        errno = e;
    }
    return f;
}

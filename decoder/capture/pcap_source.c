/* pcap_source.c - libpcap offline reading with frame numbers and precise
 * errors.  libpcap reads both pcap and pcapng ("-" = stdin). */
#include "pcap_source.h"
#include "decompress.h"

#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

struct cts_pcap_source {
    pcap_t *p;
    char *path;          /* for messages */
    uint64_t next;       /* number of the next frame */
    int linktype;
    int at_end;          /* EOF or error seen: pcap_next_ex is not called again */
    int live;            /* an interface (cts_pcap_open_live) */
    char *iobuf;         /* the FILE's buffer (freed after pcap_close) */
    char *zbuf;          /* compressed: the decompressing FILE's buffer */
    cts_compression compression;
    char reason[160];    /* compressed: why the decompressor stopped */
};

/* libpcap reads a record in two freads (header, data) through stdio, and
 * stdio refills its 4 KiB buffer with one read(2) each time: 35,000
 * system calls for a 140 MB capture, a third of the bare read loop's
 * time.  A 128 KiB buffer makes them 1,100 (with 1 MiB the kernel's copy
 * no longer fits the L2 cache, and costs more than the calls saved). */
#define IOBUF_BYTES (1u << 17)

/* A regular file opened for libpcap with the large buffer; NULL with errno. */
static FILE *open_buffered(const char *path, char **iobuf)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    *iobuf = g_malloc(IOBUF_BYTES);
    if (setvbuf(f, *iobuf, _IOFBF, IOBUF_BYTES) != 0) {
        g_free(*iobuf);
        *iobuf = NULL;
    }
    return f;
}

cts_pcap_source *cts_pcap_open(const char *path, uint64_t first_frame, char *err, size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    cts_pcap_source *s = g_new0(cts_pcap_source, 1);
    FILE *f = is_stdin ? stdin : open_buffered(path, &s->iobuf);
    if (!f) {
        if (err && errlen)   /* as libpcap words it */
            snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
        g_free(s);
        return NULL;
    }
    /* gzip or zstd, by the first bytes: read through the decompressor */
    s->compression = cts_compression_of(f);
    if (s->compression != CTS_COMP_NONE) {
        FILE *z = cts_decompress_open(f, s->compression, s->reason);
        if (!z) {
            if (err && errlen)
                snprintf(err, errlen, "%s: %s: %s", name, cts_compression_name(s->compression),
                         g_strerror(errno));
            if (!is_stdin)
                fclose(f);
            g_free(s->iobuf);
            g_free(s);
            return NULL;
        }
        f = z;
        /* the compressed side has its large buffer; the decompressed side
         * gets one too, for libpcap's small reads */
        s->zbuf = g_malloc(IOBUF_BYTES);
        if (setvbuf(f, s->zbuf, _IOFBF, IOBUF_BYTES) != 0) {
            g_free(s->zbuf);
            s->zbuf = NULL;
        }
    }
    pcap_t *p = pcap_fopen_offline(f, ebuf);
    if (!p) {
        if (s->compression != CTS_COMP_NONE || !is_stdin)
            fclose(f);   /* not closed by libpcap when it fails */
        const char *how = s->compression == CTS_COMP_GZIP   ? " (gzip-compressed)"
                          : s->compression == CTS_COMP_ZSTD ? " (zstd-compressed)"
                                                            : "";
        if (err && errlen)
            snprintf(err, errlen, "%s%s: %s", name, how,
                     s->reason[0] ? s->reason : ebuf[0] ? ebuf : "cannot open capture file");
        g_free(s->zbuf);
        g_free(s->iobuf);
        g_free(s);
        return NULL;
    }
    s->p = p;
    s->path = g_strdup(name);
    s->next = first_frame ? first_frame : 1;
    s->linktype = pcap_datalink(p);
    return s;
}

cts_pcap_source *cts_pcap_open_live(const char *iface, const char *filter, int *perm, char *err,
                                    size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    *perm = 0;
    pcap_t *p = pcap_create(iface, ebuf);
    if (!p) {
        snprintf(err, errlen, "%s: %s", iface, ebuf);
        return NULL;
    }
    /* each fails only on a handle already activated, which this one is not;
     * newer libpcaps want the result looked at all the same */
    int set = pcap_set_snaplen(p, 262144);
    if (!set)
        set = pcap_set_promisc(p, 0);
    if (!set)
        set = pcap_set_immediate_mode(p, 1);   /* each packet as it comes, not a buffer's worth */
    if (!set)
        set = pcap_set_timeout(p, 100);        /* the read returns every 100 ms: Ctrl-C is seen */
    if (set) {
        snprintf(err, errlen, "%s: cannot set up the capture (%s)", iface, pcap_statustostr(set));
        pcap_close(p);
        return NULL;
    }
    int rc = pcap_activate(p);
    if (rc < 0) {
        *perm = rc == PCAP_ERROR_PERM_DENIED;
        const char *why = rc == PCAP_ERROR_NO_SUCH_DEVICE ? "no such interface"
                          : rc == PCAP_ERROR_PERM_DENIED  ? "not allowed to capture"
                                                          : pcap_statustostr(rc);
        snprintf(err, errlen, "%s: %s (%s)", iface, why, pcap_geterr(p));
        pcap_close(p);
        return NULL;
    }
    if (filter) {
        struct bpf_program prog;
        int bad = pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0;
        if (!bad) {
            bad = pcap_setfilter(p, &prog) < 0;
            pcap_freecode(&prog);
        }
        if (bad) {
            snprintf(err, errlen, "%s: capture filter \"%s\": %s", iface, filter, pcap_geterr(p));
            pcap_close(p);
            return NULL;
        }
    }
    cts_pcap_source *s = g_new0(cts_pcap_source, 1);
    s->p = p;
    s->live = 1;
    s->path = g_strdup(iface);
    s->next = 1;
    s->linktype = pcap_datalink(p);
    return s;
}

void cts_pcap_break(cts_pcap_source *s)
{
    pcap_breakloop(s->p);
}

int cts_pcap_stats(cts_pcap_source *s, uint64_t *received, uint64_t *dropped, uint64_t *if_dropped)
{
    struct pcap_stat st;
    if (!s->live || pcap_stats(s->p, &st) < 0)
        return -1;
    *received = st.ps_recv;
    *dropped = st.ps_drop;
    *if_dropped = st.ps_ifdrop;
    return 0;
}

int cts_pcap_linktype(const cts_pcap_source *s) { return s->linktype; }

const char *cts_pcap_linktype_name(const cts_pcap_source *s)
{
    const char *n = pcap_datalink_val_to_name(s->linktype);
    return n ? n : "unknown";
}

const char *cts_pcap_linktype_description(const cts_pcap_source *s)
{
    const char *n = pcap_datalink_val_to_description(s->linktype);
    return n ? n : "unknown link type";
}

int cts_pcap_snaplen(const cts_pcap_source *s) { return pcap_snapshot(s->p); }

int cts_pcap_next(cts_pcap_source *s, cts_frame *fr, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (s->at_end)
        return 0;
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc = pcap_next_ex(s->p, &h, &data);
    if (rc == 0 && s->live)
        return 2;   /* the read timeout: nothing yet */
    if (rc == 1) {
        fr->info.frame = s->next++;
        int64_t sec = (int64_t)h->ts.tv_sec, usec = (int64_t)h->ts.tv_usec;
        fr->file_sec = sec;
        fr->file_usec = usec;
        fr->ts_out_of_range = sec < 0 || sec > CTS_TS_MAX || usec < 0 || usec > 999999;
        if (fr->ts_out_of_range) {
            sec = sec < 0 ? 0 : sec > CTS_TS_MAX ? CTS_TS_MAX : sec;
            usec = usec < 0 ? 0 : usec > 999999 ? 999999 : usec;
        }
        fr->info.ts_sec = sec;
        fr->info.ts_usec = (int32_t)usec;
        fr->data = data;
        fr->caplen = h->caplen;
        fr->wirelen = h->len;
        return 1;
    }
    s->at_end = 1;
    if (rc == PCAP_ERROR_BREAK) /* end of file */
        return 0;
    if (err && errlen)
        snprintf(err, errlen, "%s: file truncated after frame %" PRIu64 ": %s", s->path, s->next - 1,
                 s->reason[0] ? s->reason : pcap_geterr(s->p));
    return -1;
}

uint64_t cts_pcap_next_number(const cts_pcap_source *s) { return s->next; }

const char *cts_pcap_path(const cts_pcap_source *s) { return s->path; }

void cts_pcap_close(cts_pcap_source *s)
{
    if (!s)
        return;
    pcap_close(s->p);   /* closes the FILE (and the one under it): their buffers can go */
    g_free(s->zbuf);
    g_free(s->iobuf);
    g_free(s->path);
    g_free(s);
}

/* pcap_source.c - libpcap offline reading with frame numbers and precise
 * errors.  libpcap reads both pcap and pcapng ("-" = stdin). */
#include "pcap_source.h"

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
    char *iobuf;         /* the FILE's buffer (freed after pcap_close) */
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
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *iobuf = NULL;
    pcap_t *p;
    if (strcmp(path, "-") == 0) {
        p = pcap_open_offline(path, ebuf);
    } else {
        FILE *f = open_buffered(path, &iobuf);
        if (!f) {
            if (err && errlen)   /* as libpcap words it */
                snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
            return NULL;
        }
        p = pcap_fopen_offline(f, ebuf);
        if (!p) {
            fclose(f);   /* not closed by libpcap when it fails */
            g_free(iobuf);
        }
    }
    if (!p) {
        /* libpcap names the file itself for fopen errors, not for format
         * errors ("unknown file format"). */
        if (err && errlen && g_str_has_prefix(ebuf, path) && ebuf[strlen(path)] == ':')
            snprintf(err, errlen, "%s", ebuf);
        else if (err && errlen)
            snprintf(err, errlen, "%s: %s", name, ebuf[0] ? ebuf : "cannot open capture file");
        return NULL;
    }
    cts_pcap_source *s = g_new0(cts_pcap_source, 1);
    s->p = p;
    s->iobuf = iobuf;
    s->path = g_strdup(name);
    s->next = first_frame ? first_frame : 1;
    s->linktype = pcap_datalink(p);
    return s;
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
                 pcap_geterr(s->p));
    return -1;
}

uint64_t cts_pcap_next_number(const cts_pcap_source *s) { return s->next; }

const char *cts_pcap_path(const cts_pcap_source *s) { return s->path; }

void cts_pcap_close(cts_pcap_source *s)
{
    if (!s)
        return;
    pcap_close(s->p);   /* closes the FILE: its buffer can go */
    g_free(s->iobuf);
    g_free(s->path);
    g_free(s);
}

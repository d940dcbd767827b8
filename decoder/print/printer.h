/* printer.h - the per-message printers: text (full or --brief) and JSON Lines.
 *
 * One printer, one output stream, one reused GString: nothing is allocated
 * per message once the first line has been written.
 */
#ifndef CTS_OUTPUT_H
#define CTS_OUTPUT_H

#include <stdio.h>
#include <glib.h>
#include "ccx_decode.h"
#include "cap_decode.h"
#include "cts_frames.h"

typedef enum cts_format { CTS_TEXT, CTS_BRIEF, CTS_JSON } cts_format;

typedef struct cts_item_ctx {
    uint64_t frame;        /* its id (cts_frames.h) */
    int64_t ts_sec;
    int32_t ts_usec;
    const char *src;       /* "ip:port" */
    const char *dst;
    const char *protocol;  /* "ccx" */
    uint64_t stream_off;   /* where the item starts in its direction's TCP stream */
} cts_item_ctx;

typedef struct cts_printer {
    FILE *out;
    cts_format format;
    int show_reserved;     /* include reserved fields */
    int ascii;             /* "->" instead of the arrow */
    const cts_files *files;   /* several input files: frames are named with their file */
    GString *line;
    char last_date[16];    /* text: print a date line when the day changes */
    int64_t last_sec;      /* the second sec_text was formatted for */
    char sec_text[24];     /* text: "HH:MM:SS"; JSON: "YYYY-MM-DDTHH:MM:SS" */
    /* JSON: per-field chaining of repeated fields, stamped per message */
    int next_same[CCX_MAX_FIELDS];
    int last_seen[CCXF_COUNT];
    unsigned seen_stamp[CCXF_COUNT];
    unsigned stamp;
    /* JSON: the text of enum and mask values ({"value":2,"name":"LCS_ALERTING"})
     * made once per (enum, value) and kept in a small direct-mapped cache */
    struct cts_enum_text {
        const void *e;
        uint32_t v;
        uint32_t neg;
        size_t len;
        char *text;
    } enum_text[512];
    /* CAP JSON: scratch reused document after document (child links, and
     * a stack of children being grouped) */
    GArray *cap_links;
    GArray *cap_kids;
} cts_printer;

cts_printer *cts_printer_new(FILE *out, cts_format format);
void cts_printer_free(cts_printer *p);   /* writes what is left */
/* Write the collected lines now (output is buffered in 64 KiB runs). */
void cts_printer_flush(cts_printer *p);

/* A decoded message. */
void cts_print_ccx(cts_printer *p, const cts_item_ctx *c, const ccx_msg *m);
/* A BroadWorks CAP (or OCI) document. */
void cts_print_cap(cts_printer *p, const cts_item_ctx *c, const cap_msg *m);
/* A stream-level problem that is not a message (gap, garbage, cut message);
 * c->stream_off is where the bytes it concerns start. */
void cts_print_problem(cts_printer *p, const cts_item_ctx *c, ccx_severity sev, const char *text);

/* Time formats. */
void cts_format_rfc3339(int64_t sec, int32_t usec, char *out, size_t n);

#endif

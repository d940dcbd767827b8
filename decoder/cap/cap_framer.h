/* cap_framer.h - cut one direction of a TCP stream into CAP documents.
 *
 * CAP documents travel back to back without a length prefix; a document
 * starts with "<?xml" (an XML declaration) or "<BroadsoftDocument" and ends
 * with "</BroadsoftDocument>" (optional blanks before its '>').  BroadWorks
 * OCI uses the same root element (protocol="OCI"), often on the same port:
 * the framer cuts those documents the same way; the decoder labels them.
 *
 * Shared by the CLI and the Wireshark plugin (pure C + GLib), which feed it
 * the same segments and so agree on every document and problem, in the
 * same words (every text about the stream is written in cap_framer.c):
 *  - whole documents are handed out with their stream offset, zero-copy when
 *    a segment holds them whole; a document split over segments is gathered
 *    in one buffer reused for the life of the stream;
 *  - whitespace between documents is skipped silently; other bytes between
 *    documents are reported as soon as they are known not to start one:
 *    the span from the first to the last of them (count and stream
 *    offset), never dropped silently;
 *  - a document that does not end - the next document starts first, a
 *    capture gap cuts it, the stream ends, or it grows past the size cap
 *    (CAP_MAX_DOCUMENT, 256 KiB) - is reported (and handed to on_partial
 *    when set), and framing resynchronises on the next "<?xml" or
 *    "<BroadsoftDocument".
 *
 * Limits: the end is found by its text, so a comment or CDATA section
 * holding "</BroadsoftDocument>" ends the document early (CAP has neither);
 * a self-closing root "<BroadsoftDocument .../>" is not seen as an end (the
 * next document's start then cuts it, reported).
 */
#ifndef CAP_FRAMER_H
#define CAP_FRAMER_H

#include <glib.h>
#include <stdint.h>
#include "cap_decode.h"

typedef struct cap_framer_cb {
    /* A whole document at stream offset off. */
    void (*on_document)(void *ctx, const uint8_t *doc, size_t len, uint64_t off);
    /* Something in the stream that is not a whole document: the bytes
     * [off, off + len) (len 0 when it concerns no bytes, such as missing
     * ones) and what is wrong with them. */
    void (*on_problem)(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text);
    /* Optional (may be NULL): the bytes of a document that did not end, after
     * on_problem has said why; a decoder reports what is there. */
    void (*on_partial)(void *ctx, const uint8_t *doc, size_t len, uint64_t off);
} cap_framer_cb;

typedef struct cap_framer {
    const cap_framer_cb *cb;
    void *ctx;
    size_t max_doc;       /* size cap, CAP_MAX_DOCUMENT (tests may lower it) */
    GByteArray *buf;      /* unconsumed bytes of a document (or marker) split over segments */
    uint64_t off;         /* stream offset of the first unconsumed byte */
    int in_doc;           /* the first unconsumed byte starts a document */
    int root_seen;        /* that document's <BroadsoftDocument has been seen */
    size_t scan;          /* bytes of that document already searched for its end */
    uint64_t documents;   /* whole documents handed out */
} cap_framer;

void cap_framer_init(cap_framer *f, const cap_framer_cb *cb, void *ctx);
void cap_framer_feed(cap_framer *f, const uint8_t *data, size_t len);
/* missing bytes will never arrive: drop a partial document, resynchronise. */
void cap_framer_gap(cap_framer *f, uint64_t missing);
/* The stream ends (how: "FIN", "RST", "end of capture"): report leftovers. */
void cap_framer_close(cap_framer *f, const char *how);
void cap_framer_free(cap_framer *f);

/* Stateless: where is the first document in p[0, n)?  For a dissector that
 * desegments on its own (Wireshark: pinfo->desegment_offset/len).  Skips
 * whitespace and garbage before a document start ("<?xml" or
 * "<BroadsoftDocument"); *start is where the document starts (or n).
 *   CAP_FIND_WHOLE  the document is p[*start, *end)
 *   CAP_FIND_MORE   it starts at *start and has not ended in n bytes (or the
 *                   bytes at *start may start one): more bytes are needed -
 *                   give up past CAP_MAX_DOCUMENT
 *   CAP_FIND_CUT    it starts at *start but another document starts at *end
 *                   before it ends: p[*start, *end) is a broken document
 *   CAP_FIND_NONE   no document start in p[0, n) (*start = n) */
typedef enum cap_find_result {
    CAP_FIND_NONE,
    CAP_FIND_WHOLE,
    CAP_FIND_MORE,
    CAP_FIND_CUT,
} cap_find_result;
cap_find_result cap_find_document(const uint8_t *p, size_t n, size_t *start, size_t *end);

/* Strict heuristic for port-less detection (both front ends use it): do
 * the first bytes of a direction, p[0, n), begin a BroadsoftDocument?
 * Optional BOM and whitespace, an optional "<?xml ...?>", then
 * "<BroadsoftDocument" whose start tag, whole within the first
 * CAP_LOOKS_WINDOW bytes, has protocol="CAP" or "OCI".  Returns
 * CAP_LOOKS_NO, CAP_LOOKS_CAP, CAP_LOOKS_OCI, or CAP_LOOKS_MORE when n
 * bytes (fewer than the window) cannot tell yet. */
enum { CAP_LOOKS_MORE = -1, CAP_LOOKS_NO = 0, CAP_LOOKS_CAP = 1, CAP_LOOKS_OCI = 2 };
#define CAP_LOOKS_WINDOW 1024
int cap_looks_like(const uint8_t *p, size_t n);

#endif

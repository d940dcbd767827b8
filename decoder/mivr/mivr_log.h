/* mivr_log.h - Unified CCX MIVR trace logs as input (CCX spec chapter 11,
 * "Example Trace Log-File Excerpts").
 *
 * A low-level (binary) trace is a log line
 *     7091948: Nov 20 10:43:59.435 EDT %MIVR-ICD_CTI-7-UNK:writing...
 * followed by the message's 8-byte header and its body in hex, 16 bytes a
 * row, each row followed by its ASCII:
 *     MHDR:    0000: 00 00 00 36 00 00 00 17 ...6....
 *     MDATA:   0000: 00 00 00 00 00 00 00 01 00 15 00 00 00 00 00 00 ....
 *     0010: 00 01 00 00 01 00 01 10 00 00 08 05 32 30 30 36 .....2006
 * A high-level (text) trace (Example 1: "CSOutboundMsgProcessor: got an
 * event message:" then "{ length=-1 type=BEGIN_CALL_EVENT, ... }" over
 * several lines) is made into the message's bytes by mivr_text.h.
 *
 * The reader gives each traced message as its bytes (header + body), as
 * they would have crossed the wire, with the line it starts at, its time
 * and its direction ("writing": server to client; "reading": client to
 * server; a high-level trace: "Outbound" / "Inbound" in the name of the
 * processor that traced it; otherwise unknown).  The same message traced
 * again (the same bytes, direction and time as the one before it), or
 * traced in both forms (the same type, direction and time, one form right
 * after the other), is given once, the low-level form's bytes, and said; the caller puts them through the same framer and
 * decoder as a capture's bytes (mivr_synth.h makes TCP segments of them).
 *
 * The file is read line by line in a fixed buffer (lines longer than
 * MIVR_MAX_LINE are cut there and said so when they are part of a trace):
 * memory does not grow with the file.  Lines of other facilities, and any
 * line that is not part of a trace, are skipped silently; what looks like
 * a trace but cannot be read is reported through the report callback with
 * the file and line.
 */
#ifndef CTS_MIVR_LOG_H
#define CTS_MIVR_LOG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MIVR_MAX_LINE 4096            /* characters of a line read; the rest is cut */
#define MIVR_MAX_BODY 32768           /* as CCX_MAX_BODY: a larger BodyLength is not read */

/* Direction of a traced message. */
enum { MIVR_DIR_UNKNOWN = -1, MIVR_TO_CLIENT = 0, MIVR_TO_SERVER = 1 };

typedef struct mivr_msg {
    uint64_t line;          /* the trace's first line ("...writing..."), 1-based */
    int64_t ts_us;          /* UTC microseconds */
    int dir;                /* MIVR_TO_CLIENT ("writing"), MIVR_TO_SERVER ("reading"), unknown */
    const uint8_t *bytes;   /* header + body, valid until the next mivr_next */
    size_t len;
    int high;               /* 1: from a high-level (text) trace, encoded (mivr_text.h) */
} mivr_msg;

/* How a log's times are read. */
typedef struct mivr_time_opts {
    int year;               /* 0: from the file's modification time */
    int have_tz;            /* 1: tz_offset overrides the lines' abbreviations */
    int tz_offset;          /* seconds east of UTC */
} mivr_time_opts;

/* A problem, or a fact the user must know (the year taken): text names
 * the file and the line. */
typedef void (*mivr_report_fn)(void *ud, const char *text);

typedef struct mivr_log mivr_log;

/* 1 if buf (the first n bytes of a file) is a MIVR log: a line of the
 * form "N: Mon DD HH:MM:SS.mmm TZ %MIVR-" within it.  A pcap or pcapng
 * file is never one. */
int mivr_sniff(const uint8_t *buf, size_t n);

/* Open path (name: as messages name it).  NULL and err on failure. */
mivr_log *mivr_open(const char *path, const char *name, const mivr_time_opts *t,
                    mivr_report_fn report, void *ud, char *err, size_t errlen);

/* The next message: 1 = *m filled, 0 = end of file, -1 = read error (said
 * in err). */
int mivr_next(mivr_log *l, mivr_msg *m, char *err, size_t errlen);

/* The time of the first message (for ordering files), reading no further
 * than it; 0 when there is none.  Call before mivr_next. */
int mivr_first_time(const char *path, const mivr_time_opts *t, int64_t *ts_us);

void mivr_close(mivr_log *l);

/* "EDT" -> -4 h etc.: the offset in seconds east of UTC of a time zone
 * abbreviation in the table (README lists it); 0 and *known = 0 if not in
 * it. */
int mivr_tz_offset(const char *abbr, int *known);

/* --tz: an abbreviation of the table, "UTC", or "+HH:MM" / "-HH:MM" /
 * "+HHMM".  Returns 1 and *offset, or 0. */
int mivr_parse_tz(const char *s, int *offset);

#ifdef __cplusplus
}
#endif
#endif

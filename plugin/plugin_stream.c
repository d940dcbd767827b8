/* plugin_stream.c - see plugin_stream.h. */
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include <string.h>

#include "cti_detect.h"
#include "plugin_common.h"
#include "plugin_stream.h"
#include "tcp_history.h"
#include "ws_compat.h"

/* Bytes of one segment that the framer may still hold undecided. */
typedef struct ps_seg {
    guint32 frame;
    guint8 call;
    guint64 start;       /* stream offset of its first byte */
    guint32 len;
    guint32 tvb_off;     /* where those bytes are in that call's tvb */
    nstime_t ts;         /* the frame's time */
} ps_seg;

typedef struct ps_dir {
    ps_stream *st;
    int dir;
    gpointer framer;
    guint64 fed;         /* stream offset of the next byte (bytes fed and missing) */
    gboolean seq_known;
    guint32 next_seq;
    GArray *segs;        /* ps_seg, oldest first */
    ps_seg last;         /* the last segment that carried bytes */
    gboolean have_last, closed;
    GByteArray *probe;   /* port-less detection: what the direction sent so far */
    int probe_said;      /* cti_detect's answer for it */
    cts_hist hist;       /* the last bytes received, up to fed: retransmissions
                            that differ are checked against them */
} ps_dir;

struct ps_stream {
    const ps_framer_ops *ops;
    int proto;
    gpointer owner;
    gpointer calls;
    ps_dir dir[2];
    gboolean decided;    /* the framers run (a port, or the heuristic said so) */
    gboolean flush;      /* the heuristic just decided: the probes go first */
    gboolean in_gap;     /* the framer is being told of a gap */
    const ps_seg *closing;   /* the framers are being closed after the first pass:
                                the last segment of the direction being closed */
    /* the connection, for how it ended (ps_close_all) */
    conversation_t *conv;
    address src, dst;
    guint32 srcport, destport;
    int heur_said;       /* the connection's answer (CTI_DETECT_*) */
    /* what is being fed (first pass) or closed (next pass) */
    struct {
        ps_dir *d;
        guint32 frame;
        guint8 call;
        guint64 seg_start;   /* the segment of this frame: stream offset, */
        guint32 seg_len;     /* length, */
        guint32 tvb_base;    /* and where it starts in the tvb */
    } cur;
};

static GPtrArray *all_streams;   /* for the cleanup at the end of a file */
static wmem_map_t *frame_items;  /* frame number -> wmem_array_t of ps_item * (file scope) */

#define KEY_CALL 0x50530001u     /* packet scope, per protocol: calls in this frame so far */
#define KEY_SEEN 0x50530002u     /* packet scope, per protocol: the dissector had this frame's bytes */
#define CALL_POST 0xFFu          /* ps_item.call of what the postdissector found */

static wmem_array_t *items_of(guint32 frame, gboolean create)
{
    if (!frame_items)
        frame_items = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    wmem_array_t *a = wmem_map_lookup(frame_items, GUINT_TO_POINTER(frame));
    if (!a && create) {
        a = wmem_array_new(wmem_file_scope(), sizeof(ps_item *));
        wmem_map_insert(frame_items, GUINT_TO_POINTER(frame), a);
    }
    return a;
}

static ps_item *new_item(guint32 frame, guint8 call, ps_kind kind, int dir)
{
    ps_item *it = wmem_new0(wmem_file_scope(), ps_item);
    it->kind = (guint8)kind;
    it->call = call;
    it->dir = (guint8)dir;
    wmem_array_append_one(items_of(frame, TRUE), it);
    return it;
}

static void ps_cleanup(void)
{
    if (all_streams) {
        for (guint i = 0; i < all_streams->len; i++) {
            ps_stream *st = g_ptr_array_index(all_streams, i);
            for (int d = 0; d < 2; d++) {
                if (st->dir[d].framer)
                    st->ops->free_framer(st->dir[d].framer);
                if (st->dir[d].segs)
                    g_array_free(st->dir[d].segs, TRUE);
                if (st->dir[d].probe)
                    g_byte_array_unref(st->dir[d].probe);
                cts_hist_free(&st->dir[d].hist);
            }
            g_free(st);
        }
        g_ptr_array_free(all_streams, TRUE);
        all_streams = NULL;
    }
    frame_items = NULL;   /* file scope, freed with it */
}

ps_stream *ps_stream_get(packet_info *pinfo, int proto, const ps_framer_ops *ops)
{
    conversation_t *c = find_or_create_conversation(pinfo);
    ps_stream *st = conversation_get_proto_data(c, proto);
    if (st)
        return st;
    st = g_new0(ps_stream, 1);
    st->ops = ops;
    st->proto = proto;
    st->heur_said = CTI_DETECT_MORE;
    for (int d = 0; d < 2; d++) {
        st->dir[d].st = st;
        st->dir[d].dir = d;
        st->dir[d].probe_said = CTI_DETECT_MORE;
        cts_hist_init(&st->dir[d].hist, CTS_HIST_DEFAULT);
    }
    st->conv = c;
    copy_address_wmem(wmem_file_scope(), &st->src, &pinfo->src);
    copy_address_wmem(wmem_file_scope(), &st->dst, &pinfo->dst);
    st->srcport = pinfo->srcport;
    st->destport = pinfo->destport;
    if (!all_streams)
        all_streams = g_ptr_array_new();
    g_ptr_array_add(all_streams, st);
    conversation_add_proto_data(c, proto, st);
    return st;
}

gpointer *ps_stream_owner(ps_stream *st)
{
    return &st->owner;
}

gpointer *ps_stream_calls(ps_stream *st)
{
    return &st->calls;
}

int ps_stream_proto(const ps_stream *st)
{
    return st->proto;
}

/* ---- the first pass: segments into the framers ---- */

/* What a direction had before the dissector got this frame's segment (the
 * postdissector checks the bytes TCP left out against it). */
typedef struct ps_seen {
    gboolean seq_known;
    guint32 next_seq;
    guint64 fed;
    guint8 call;
} ps_seen;

static void mark_seen(ps_stream *st, ps_dir *d, packet_info *pinfo, guint8 call)
{
    if (p_get_proto_data(pinfo->pool, pinfo, st->proto, KEY_SEEN))
        return;
    ps_seen *s = wmem_new(pinfo->pool, ps_seen);
    s->seq_known = d->seq_known;
    s->next_seq = d->next_seq;
    s->fed = d->fed;
    s->call = call;
    p_set_proto_data(pinfo->pool, pinfo, st->proto, KEY_SEEN, s);
}

/* The part of this segment the direction has not had yet: its offset in
 * the tvb and its length; *missing: bytes skipped over since the last
 * segment (a capture gap).  TCP hands over the bytes in order and leaves
 * retransmissions out, but the sequence numbers are checked all the same. */
static guint32 new_bytes(ps_dir *d, tvbuff_t *tvb, const struct tcpinfo *ti, guint32 *off,
                         guint64 *missing)
{
    guint32 n = tvb_reported_length(tvb);
    *off = 0;
    *missing = 0;
    if (ti) {
        if (d->seq_known) {
            gint32 delta = (gint32)(ti->seq - d->next_seq);
            if (delta < 0) {   /* bytes already had */
                if ((guint32)-delta >= n)
                    return 0;
                *off = (guint32)-delta;
            } else if (delta > 0) {
                *missing = (guint64)delta;
            }
        }
        guint32 end = ti->seq + n;
        if (!d->seq_known || (gint32)(end - d->next_seq) > 0)
            d->next_seq = end;
        d->seq_known = TRUE;
    }
    return n - *off;
}

static void set_cur(ps_stream *st, ps_dir *d, guint32 frame, guint8 call, guint64 start, guint32 len,
                    guint32 tvb_base)
{
    st->cur.d = d;
    st->cur.frame = frame;
    st->cur.call = call;
    st->cur.seg_start = start;
    st->cur.seg_len = len;
    st->cur.tvb_base = tvb_base;
}

static gpointer framer_of(ps_dir *d)
{
    if (!d->framer)
        d->framer = d->st->ops->new_framer(d);
    return d->framer;
}

/* The framer is told of missing bytes (the call flows first, as the CLI
 * does); what it says about them is marked as said about a gap. */
static void tell_gap(ps_dir *d, gpointer fr, guint64 missing, packet_info *pinfo)
{
    ps_stream *st = d->st;
    if (st->ops->gap_seen)
        st->ops->gap_seen(st, pinfo, d->dir, missing);
    st->in_gap = TRUE;
    st->ops->gap(fr, missing);
    st->in_gap = FALSE;
}

/* Feed one segment's new bytes (captured ones; what the snaplen cut off is
 * a gap); the items go to the current frame. */
static void feed(ps_dir *d, tvbuff_t *tvb, guint32 off, guint32 n, guint64 missing, packet_info *pinfo,
                 guint8 call)
{
    ps_stream *st = d->st;
    guint32 frame = pinfo->num;
    gpointer fr = framer_of(d);
    if (missing) {
        set_cur(st, d, frame, call, d->fed, 0, 0);
        tell_gap(d, fr, missing, pinfo);   /* what it settles may use the segments */
        d->fed += missing;
        cts_hist_restart(&d->hist, d->fed);
        if (d->segs)
            g_array_set_size(d->segs, 0);
    }
    guint32 cap = tvb_captured_length(tvb);
    guint32 have = off < cap ? MIN(n, cap - off) : 0;
    ps_seg seg = { frame, call, d->fed, have, off, pinfo->abs_ts };
    if (!d->segs)
        d->segs = g_array_new(FALSE, FALSE, sizeof(ps_seg));
    g_array_append_val(d->segs, seg);
    d->last = seg;
    d->have_last = TRUE;
    set_cur(st, d, frame, call, d->fed, have, off);
    if (have) {
        const guint8 *bytes = tvb_get_ptr(tvb, (gint)off, (gint)have);
        cts_hist_push(&d->hist, bytes, have);
        st->ops->feed(fr, bytes, have);
    }
    d->fed += have;
    if (have < n) {   /* cut by the snaplen */
        tell_gap(d, fr, n - have, pinfo);
        d->fed += n - have;
        cts_hist_restart(&d->hist, d->fed);
    }
    /* segments wholly decided are no longer needed */
    guint64 und = st->ops->undecided(fr);
    guint k = 0;
    while (k < d->segs->len && g_array_index(d->segs, ps_seg, k).start +
                                   g_array_index(d->segs, ps_seg, k).len <= und)
        k++;
    if (k)
        g_array_remove_range(d->segs, 0, k);
}

/* The heuristic decided: each direction's probe goes to its framer, this
 * direction's first (as the CLI does). */
static void flush_probes(ps_stream *st, int first)
{
    for (int k = 0; k < 2; k++) {
        ps_dir *d = &st->dir[k ? !first : first];
        if (!d->probe)
            continue;
        GByteArray *p = d->probe;
        d->probe = NULL;
        gpointer fr = framer_of(d);
        /* the probe's bytes are those of d->segs; the current segment, if
         * this direction's, is the last of them */
        ps_seg cur = { 0, 0, 0, 0, 0, { 0, 0 } };
        if (d->segs && d->segs->len && d == st->cur.d)
            cur = g_array_index(d->segs, ps_seg, d->segs->len - 1);
        set_cur(st, d, st->cur.frame, st->cur.call, cur.start, cur.len, cur.tvb_off);
        st->ops->feed(fr, p->data, p->len);
        g_byte_array_unref(p);
        guint64 und = st->ops->undecided(fr);
        guint j = 0;
        while (d->segs && j < d->segs->len &&
               g_array_index(d->segs, ps_seg, j).start + g_array_index(d->segs, ps_seg, j).len <= und)
            j++;
        if (j)
            g_array_remove_range(d->segs, 0, j);
    }
}

int ps_probe(ps_stream *st, tvbuff_t *tvb, packet_info *pinfo, const struct tcpinfo *ti)
{
    if (st->decided || st->heur_said == CTI_DETECT_NO)
        return st->decided ? st->heur_said : CTI_DETECT_NO;
    if (PINFO_FD_VISITED(pinfo))
        return st->heur_said;
    int dir = plugin_seg_dir(pinfo);
    ps_dir *d = &st->dir[dir];
    guint8 call = (guint8)GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, st->proto, KEY_CALL));
    mark_seen(st, d, pinfo, call);
    guint32 off;
    guint64 missing;   /* not a gap yet: nothing is framed (as in the CLI) */
    guint32 n = new_bytes(d, tvb, ti, &off, &missing);
    guint32 cap = tvb_captured_length(tvb);
    guint32 have = off < cap ? MIN(n, cap - off) : 0;
    if (!have)
        return st->heur_said;
    if (!d->probe)
        d->probe = g_byte_array_new();
    ps_seg seg = { pinfo->num, call, d->fed, have, off, pinfo->abs_ts };
    if (!d->segs)
        d->segs = g_array_new(FALSE, FALSE, sizeof(ps_seg));
    g_array_append_val(d->segs, seg);
    d->last = seg;
    d->have_last = TRUE;
    g_byte_array_append(d->probe, tvb_get_ptr(tvb, (gint)off, (gint)have), have);
    cts_hist_push(&d->hist, tvb_get_ptr(tvb, (gint)off, (gint)have), have);
    d->fed += have;
    d->probe_said = cti_detect(d->probe->data, d->probe->len);
    if (d->probe_said == CTI_DETECT_MORE)
        return CTI_DETECT_MORE;
    st->heur_said = d->probe_said;
    if (d->probe_said != CTI_DETECT_NO) {
        st->decided = TRUE;
        st->flush = TRUE;
        set_cur(st, d, pinfo->num, call, seg.start, have, off);
    }
    return st->heur_said;
}

/* A segment of direction d whose first bytes the direction already had
 * (delta < 0: its sequence number is that far behind the next one, whose
 * stream offset is fed), n of its bytes at hand: when those already had differ from the ones received
 * (tcp_history.h, as the CLI's reassembler checks), a stream problem of
 * frame and call, in the CLI's words; NULL when they do not.  The item's
 * bytes (tvb_off, len) are left to the caller. */
static ps_item *conflict_item(ps_dir *d, guint64 fed, gint32 delta, const guint8 *bytes, guint32 n,
                              guint32 frame, guint8 call)
{
    gint64 start = (gint64)fed + delta, had = (gint64)fed;
    gint64 diff = cts_hist_diff(&d->hist, start, bytes, n);
    if (diff < 0)
        return NULL;
    /* the bytes already received that came again (from the stream's start) */
    gint64 from = start < 0 ? 0 : start, to = start + n < had ? start + n : had;
    char text[256];
    cts_retrans_text(text, sizeof text, (guint64)from, (guint64)(to - from), (guint64)diff);
    ps_item *it = new_item(frame, call, PS_PROBLEM, d->dir);
    it->sev = CTS_RETRANS_SEVERITY;
    it->stream_off = (guint64)from;
    it->stream_len = (guint64)(to - from);
    it->text = wmem_strdup(wmem_file_scope(), text);
    it->tvb_off = (guint32)(from - start);   /* from the segment's first byte */
    it->len = (guint32)(to - from);
    return it;
}

/* How the connection ended, from what TCP learnt on the first pass, in
 * the CLI's words: a RST, a FIN, a new connection on the same ports, or
 * none of these.  TCP keeps which of them it saw (tcp.completeness: 1
 * SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST), not their order: a RST
 * after both FINs, which the CLI calls FIN, is told as RST here. */
static const char *how_ended_conv(conversation_t *c, const address *src, const address *dst, guint32 srcport,
                                  guint32 destport)
{
    static int proto_tcp = -1;
    if (proto_tcp < 0)
        proto_tcp = proto_get_id_by_filter_name("tcp");
    const struct tcp_analysis *t = c && proto_tcp > 0 ? conversation_get_proto_data(c, proto_tcp) : NULL;
    if (t && (t->conversation_completeness & 32))
        return "RST";
    if (t && (t->conversation_completeness & 16))
        return "FIN";
    conversation_t *latest = find_conversation(G_MAXUINT32, src, dst, CONVERSATION_TCP, srcport, destport, 0);
    if (c && latest && latest != c)
        return "port reused";
    return "end of capture";
}

static const char *how_ended(packet_info *pinfo)
{
    return how_ended_conv(find_conversation_pinfo(pinfo, 0), &pinfo->src, &pinfo->dst, pinfo->srcport,
                          pinfo->destport);
}

/* A direction's stream is over: its framer is told how, in the last frame
 * that carried its bytes. */
static void close_dir(ps_stream *st, ps_dir *d, const char *how)
{
    d->closed = TRUE;
    set_cur(st, d, d->last.frame, d->last.call, d->last.start, d->last.len, d->last.tvb_off);
    st->ops->close(d->framer, how);
}

void ps_close_all(void)
{
    for (guint i = 0; all_streams && i < all_streams->len; i++) {
        ps_stream *st = g_ptr_array_index(all_streams, i);
        for (int k = 0; k < 2; k++) {
            ps_dir *d = &st->dir[k];
            if (d->closed || !d->have_last || !d->framer)
                continue;
            st->closing = &d->last;
            close_dir(st, d, how_ended_conv(st->conv, &st->src, &st->dst, st->srcport, st->destport));
            st->closing = NULL;
        }
    }
}

guint ps_frame_items(ps_stream *st, tvbuff_t *tvb, packet_info *pinfo, const struct tcpinfo *ti,
                     ps_item ***items)
{
    guint8 call = (guint8)GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, st->proto, KEY_CALL));
    p_set_proto_data(pinfo->pool, pinfo, st->proto, KEY_CALL, GUINT_TO_POINTER(call + 1u));
    int dir = plugin_seg_dir(pinfo);
    if (!PINFO_FD_VISITED(pinfo)) {
        if (st->flush) {
            st->flush = FALSE;
            flush_probes(st, dir);
        } else {
            st->decided = TRUE;
            ps_dir *d = &st->dir[dir];
            mark_seen(st, d, pinfo, call);
            guint32 off;
            guint64 missing;
            guint32 n = new_bytes(d, tvb, ti, &off, &missing);
            if (n || missing)
                feed(d, tvb, off, n, missing, pinfo, call);
        }
    } else {
        /* the next pass, when the streams were not closed after the
         * first (ps_close_all): a stream over is closed in its last frame */
        for (int k = 0; k < 2; k++) {
            ps_dir *d = &st->dir[k];
            if (d->closed || !d->have_last || !d->framer || d->last.frame != pinfo->num ||
                d->last.call != call)
                continue;
            close_dir(st, d, how_ended(pinfo));
        }
    }
    wmem_array_t *a = items_of(pinfo->num, FALSE);
    if (!a) {
        *items = NULL;
        return 0;
    }
    /* this call's items, in the order they were decided */
    guint n = wmem_array_get_count(a), k = 0;
    ps_item **all = wmem_array_get_raw(a);
    ps_item **mine = wmem_alloc(pinfo->pool, (n ? n : 1) * sizeof *mine);
    for (guint i = 0; i < n; i++)
        if (all[i]->call == call)
            mine[k++] = all[i];
    *items = mine;
    return k;
}

/* ---- framer callbacks ---- */

static void emit_message(ps_dir *d, const guint8 *bytes, size_t len, guint64 off, guint8 partial);

void ps_emit_message(gpointer ctx, const guint8 *bytes, size_t len, guint64 off)
{
    emit_message(ctx, bytes, len, off, 0);
}

void ps_emit_partial(gpointer ctx, const guint8 *bytes, size_t len, guint64 off)
{
    emit_message(ctx, bytes, len, off, 1);
}

static void emit_message(ps_dir *d, const guint8 *bytes, size_t len, guint64 off, guint8 partial)
{
    ps_stream *st = d->st;
    ps_item *it = new_item(st->cur.frame, st->cur.call, PS_MESSAGE, d->dir);
    it->partial = partial;
    it->stream_off = off;
    it->stream_len = len;
    it->len = (guint32)len;
    if (st->closing && st->ops->late_item)
        st->ops->late_item(st, it, bytes, len, st->closing->frame, &st->closing->ts);
    if (d == st->cur.d && off >= st->cur.seg_start && off + len <= st->cur.seg_start + st->cur.seg_len) {
        it->tvb_off = st->cur.tvb_base + (guint32)(off - st->cur.seg_start);
        return;
    }
    /* bytes from several frames: kept, and each earlier frame told */
    it->copy = wmem_memdup(wmem_file_scope(), bytes, len);
    it->frame = st->cur.frame;
    for (guint i = 0; d->segs && i < d->segs->len; i++) {
        const ps_seg *s = &g_array_index(d->segs, ps_seg, i);
        guint64 a = MAX(off, s->start), z = MIN(off + len, s->start + s->len);
        if (a >= z)
            continue;
        it->n_frames++;
        if (s->frame < it->frame)
            it->frame = s->frame;
        if (s->frame == st->cur.frame && s->call == st->cur.call)
            continue;   /* this frame shows the whole message */
        ps_item *pt = new_item(s->frame, s->call, PS_PART, d->dir);
        pt->tvb_off = s->tvb_off + (guint32)(a - s->start);
        pt->len = (guint32)(z - a);
        pt->stream_off = off;
        pt->stream_len = len;
        pt->frame = st->cur.frame;
    }
}

void ps_emit_problem(gpointer ctx, int sev, guint64 off, guint64 len, const char *text)
{
    ps_dir *d = ctx;
    ps_stream *st = d->st;
    ps_item *it = new_item(st->cur.frame, st->cur.call, PS_PROBLEM, d->dir);
    it->sev = (guint8)sev;
    it->stream_off = off;
    it->stream_len = len;
    it->text = wmem_strdup(wmem_file_scope(), text);
    it->in_gap = (guint8)st->in_gap;
    /* the bytes it concerns that this frame holds */
    if (d == st->cur.d) {
        guint64 a = MAX(off, st->cur.seg_start), z = MIN(off + len, st->cur.seg_start + st->cur.seg_len);
        if (a < z) {
            it->tvb_off = st->cur.tvb_base + (guint32)(a - st->cur.seg_start);
            it->len = (guint32)(z - a);
        }
    }
    if (st->closing && st->ops->late_item)
        st->ops->late_item(st, it, NULL, 0, st->closing->frame, &st->closing->ts);
}

/* ---- showing items ---- */

tvbuff_t *ps_item_tvb(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, const char *what)
{
    if (it->copy) {
        tvbuff_t *t = tvb_new_child_real_data(tvb, it->copy, it->len, (gint)it->len);
        add_new_data_source(pinfo, t, what);
        return t;
    }
    guint cap = tvb_captured_length(tvb);
    guint off = MIN(it->tvb_off, cap);
    return tvb_new_subset_length(tvb, (gint)off, (gint)MIN(it->len, cap - off));
}

void ps_add_message_facts(proto_tree *pt, tvbuff_t *tvb, const ps_item *it, int hf_offset, int hf_first)
{
    proto_item *gi = proto_tree_add_uint64(pt, hf_offset, tvb, 0, 0, it->stream_off);
    proto_item_set_generated(gi);
    if (it->copy) {
        gi = proto_tree_add_uint(pt, hf_first, tvb, 0, 0, it->frame);
        proto_item_append_text(gi, " (reassembled from %u frames)", it->n_frames);
        proto_item_set_generated(gi);
    }
}

void ps_show_part(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto,
                  int hf_part, int hf_offset, gint ett, gboolean first_in_frame, const char *what)
{
    guint cap = tvb_captured_length(tvb);
    guint off = MIN(it->tvb_off, cap), len = MIN(it->len, cap - off);
    const char *label = wmem_strdup_printf(pinfo->pool, "[%u bytes of the %s at stream offset %" G_GUINT64_FORMAT
                                           ", reassembled in frame %u]", it->len, what, it->stream_off,
                                           it->frame);
    plugin_set_info(pinfo, first_in_frame, label);
    proto_item *pti = proto_tree_add_item(tree, proto, tvb, (gint)off, (gint)len, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett);
    proto_item *gi = proto_tree_add_uint64(pt, hf_offset, tvb, 0, 0, it->stream_off);
    proto_item_set_generated(gi);
    gi = proto_tree_add_uint(pt, hf_part, tvb, (gint)off, (gint)len, it->frame);
    proto_item_set_generated(gi);
}

void ps_show_problem(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto,
                     int hf_bytes, int hf_offset, gint ett, expert_field *ei[3], gboolean first_in_frame)
{
    guint cap = tvb_captured_length(tvb);
    guint off = MIN(it->tvb_off, cap), len = MIN(it->len, cap - off);
    const char *label = wmem_strdup_printf(pinfo->pool, "[%s]", it->text);
    plugin_set_info(pinfo, first_in_frame, label);
    proto_item *pti = proto_tree_add_item(tree, proto, tvb, (gint)off, (gint)len, ENC_NA);
    proto_item_append_text(pti, ", %s", label);
    proto_tree *pt = proto_item_add_subtree(pti, ett);
    proto_item *gi = proto_tree_add_uint64(pt, hf_offset, tvb, 0, 0, it->stream_off);
    proto_item_set_generated(gi);
    proto_item *bi = len ? proto_tree_add_item(pt, hf_bytes, tvb, (gint)off, (gint)len, ENC_NA)
                         : proto_tree_add_bytes_with_length(pt, hf_bytes, tvb, (gint)off, 0, NULL, 0);
    expert_add_info_format(pinfo, bi, ei[MIN(it->sev, 2)], "%s", it->text);
}

/* ---- retransmissions that differ (the postdissector) ---- */

static int hf_tcp_seq = -1, hf_tcp_payload = -1;

GArray *ps_post_wanted_hfids(void)
{
    if (hf_tcp_seq < 0)
        hf_tcp_seq = proto_registrar_get_id_byname("tcp.seq");   /* as struct tcpinfo's: relative or not alike */
    if (hf_tcp_payload < 0)
        hf_tcp_payload = proto_registrar_get_id_byname("tcp.payload");
    GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
    if (hf_tcp_seq >= 0 && hf_tcp_payload >= 0) {
        g_array_append_val(a, hf_tcp_seq);
        g_array_append_val(a, hf_tcp_payload);
    }
    return a;
}

/* The last of the frame's fields hf (the innermost TCP), or NULL. */
static field_info *last_field(proto_tree *tree, int hf)
{
    GPtrArray *a = proto_get_finfo_ptr_array(tree, hf);
    if (!a || !a->len)
        a = proto_find_finfo(tree, hf);
    return a && a->len ? g_ptr_array_index(a, a->len - 1) : NULL;
}

/* First pass: the frame's TCP segment against the bytes its direction had
 * before it.  TCP hands the dissector only the bytes a segment brings
 * anew (none, for a retransmission), so its whole payload is read from
 * TCP's fields.  A problem in a frame the dissector saw goes first among
 * that call's items (shown from the next pass on, as the CLI has it before
 * what the new bytes complete); in a frame it did not see, the
 * postdissector shows it. */
static void check_retransmission(int proto, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    if (!tree || hf_tcp_seq < 0 || hf_tcp_payload < 0)
        return;
    conversation_t *c = find_conversation_pinfo(pinfo, 0);
    ps_stream *st = c ? conversation_get_proto_data(c, proto) : NULL;
    if (!st || !st->decided)
        return;
    field_info *fs = last_field(tree, hf_tcp_seq), *fp = last_field(tree, hf_tcp_payload);
    if (!fs || !fp || !fp->ds_tvb || fp->length <= 0)
        return;
    ps_dir *d = &st->dir[plugin_seg_dir(pinfo)];
    const ps_seen *seen = p_get_proto_data(pinfo->pool, pinfo, proto, KEY_SEEN);
    gboolean known = seen ? seen->seq_known : d->seq_known;
    guint32 next_seq = seen ? seen->next_seq : d->next_seq;
    guint64 fed = seen ? seen->fed : d->fed;
    gint32 delta = (gint32)(ws_finfo_uint(fs) - next_seq);
    if (!known || delta >= 0)
        return;   /* nothing the direction already had */
    gint avail = tvb_captured_length_remaining(fp->ds_tvb, fp->start);
    guint32 n = (guint32)MIN(fp->length, avail > 0 ? avail : 0);
    if (!n)
        return;
    ps_item *it = conflict_item(d, fed, delta, tvb_get_ptr(fp->ds_tvb, fp->start, (gint)n), n, pinfo->num,
                                seen ? seen->call : CALL_POST);
    if (!it)
        return;
    if (!seen) {
        it->post_proto = proto;
        if (fp->ds_tvb == tvb)
            it->tvb_off += (guint32)fp->start;   /* the segment's bytes in the frame */
        else
            it->len = 0;
        return;
    }
    /* the dissector's call shows it, before its other items, in a tvb of
     * the new bytes only: no bytes of its own there */
    it->tvb_off = 0;
    it->len = 0;
    wmem_array_t *a = items_of(pinfo->num, FALSE);
    ps_item **all = wmem_array_get_raw(a);
    guint n_all = wmem_array_get_count(a), first = 0;
    while (first < n_all - 1 && all[first]->call != it->call)
        first++;
    memmove(all + first + 1, all + first, (n_all - 1 - first) * sizeof *all);
    all[first] = it;
}

guint ps_post_items(int proto, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, ps_item ***items)
{
    if (!PINFO_FD_VISITED(pinfo))
        check_retransmission(proto, tvb, pinfo, tree);
    wmem_array_t *a = items_of(pinfo->num, FALSE);
    guint n = a ? wmem_array_get_count(a) : 0, k = 0;
    ps_item **all = a ? wmem_array_get_raw(a) : NULL;
    ps_item **mine = wmem_alloc(pinfo->pool, (n ? n : 1) * sizeof *mine);
    for (guint i = 0; i < n; i++)
        if (all[i]->call == CALL_POST && all[i]->post_proto == proto)
            mine[k++] = all[i];
    *items = mine;
    return k;
}

void ps_register(void)
{
    static gboolean done;
    if (done)
        return;
    done = TRUE;
    register_cleanup_routine(ps_cleanup);
}

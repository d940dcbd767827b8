/* cf_out_text.c - a call as text (--calls): a header of four or five
 * lines (id, ANI -> DNIS, call type, start, duration, outcome; server,
 * frames, sessions, ids; caller, answer, agents, release, end; queue, ring,
 * talk and hold times, merges; attached data), then the ladder: one column
 * per party (its DN, what it is, its final state), one row per event, an
 * arrow between ThisDN and OtherDN.  --ascii swaps the box-drawing
 * characters for ASCII.
 */
#include "cf_out_internal.h"

#include <string.h>

/* A cause by its name (a number without one); a cause that is a word
 * (CAP's success="False", failureCause=...) with its field. */
void cf_text_cause(GString *s, const char *field, int64_t v, const char *name)
{
    if (v == CF_NAMED_CAUSE && field) {
        fa_s(s, field);
        fa_c(s, '=');
    }
    if (name)
        fa_s(s, name);
    else
        g_string_append_printf(s, "%lld", (long long)v);
}

const char *cf_call_ani(const cf_call *c)
{
    const char *a = kv(c, "ANI");
    if (a)
        return a;
    return c->caller >= 0 ? c->party[c->caller].dn : NULL;
}

const char *cf_call_dnis(const cf_call *c)
{
    const char *d = kv(c, "DNIS");
    if (!d)
        d = kv(c, "DialedNumber");
    if (!d)
        for (uint32_t i = 0; i < c->n_party && !d; i++)
            if (c->party[i].roles & CF_ROLE_CALLED)
                d = c->party[i].dn;
    if (!d) {   /* the first party that rang */
        int64_t first = 0;
        for (uint32_t i = 0; i < c->n_party; i++)
            if (c->party[i].t_ringing && (!d || c->party[i].t_ringing < first)) {
                d = c->party[i].dn;
                first = c->party[i].t_ringing;
            }
    }
    return d;
}

const char *cf_party_what(const cf_party *p)
{
    if (p->agent)
        return p->agent;
    if (p->roles & CF_ROLE_QUEUE || p->dev == CF_DEV_QUEUE)
        return "queue";
    switch (p->dev) {
    case CF_DEV_IVR: return "cti-port";
    case CF_DEV_ROUTE_POINT: return "route-point";
    case CF_DEV_AGENT: return "agent-dev";
    case CF_DEV_STATION: return "phone";
    default: return "unknown";   /* no message said what it is */
    }
}

cf_ladder_kind cf_event_ladder(const cf_event *v, int *from, int *to)
{
    int arrow = cf_evtype_arrow(v->type);
    *from = *to = -1;
    if (v->this_p >= 0 && v->other_p >= 0 && arrow) {
        *from = arrow > 0 ? v->this_p : v->other_p;
        *to = arrow > 0 ? v->other_p : v->this_p;
        return CF_LADDER_ARROW;
    }
    if (v->this_p >= 0) {
        *from = *to = v->this_p;
        return CF_LADDER_MARK;
    }
    return CF_LADDER_NONE;
}

void cf_event_text(GString *s, const cf_event *v, unsigned what)
{
    fa_s(s, cf_evtype_name(v->type));
    fa_s(s, " (");
    fa_s(s, v->msg ? v->msg : "?");
    if ((what & CF_EVTEXT_CAUSE) && v->cause != CF_NO_VALUE) {
        fa_s(s, ", ");
        cf_text_cause(s, v->cause_field, v->cause, v->cause_name);
    }
    fa_c(s, ')');
    if ((what & CF_EVTEXT_NOTE) && v->note) {
        fa_s(s, ": ");
        cf_put_text(s, v->note);
    }
}

/* ---- the ladder ---- */

/* Display width of UTF-8 text (characters). */
static size_t width(const char *z)
{
    const char *p = z;
    while (*p && !((unsigned char)*p & 0x80))
        p++;
    if (!*p)   /* ASCII: one column a byte */
        return (size_t)(p - z);
    return g_utf8_validate(z, -1, NULL) ? (size_t)g_utf8_strlen(z, -1) : strlen(z);
}

/* z as cf_put_text writes it, and in *w its width; *plain says it is
 * printable ASCII (one byte a column).  z itself when it is (the usual DN
 * or state: no copy), else its text in *scratch, made on first need
 * (valid until scratch is used again). */
static const char *cell_text(GString **scratch, const char *z, size_t *w, int *plain)
{
    if (!z)
        z = "";
    size_t n = fa_plain_len(z);
    if (!z[n]) {
        *w = n;
        *plain = 1;
        return z;
    }
    if (!*scratch)
        *scratch = g_string_new(NULL);
    g_string_truncate(*scratch, 0);
    cf_put_text(*scratch, z);
    *w = width((*scratch)->str);
    *plain = 0;
    return (*scratch)->str;
}

/* Piece k of z (as cf_put_text writes it) cut in pieces of at most w - 1
 * characters, centered in w columns (blank when z has no piece k): a name
 * wider than its column goes on over the next lines, never cut.  Returns
 * how many pieces z has. */
static size_t centered_piece(GString *s, GString **scratch, const char *z, size_t w, size_t k)
{
    size_t n;
    int plain;
    const char *p = cell_text(scratch, z, &n, &plain);
    size_t per = w > 1 ? w - 1 : 1, pieces = n ? (n + per - 1) / per : 1;
    const char *q;
    size_t m = 0;
    if (plain) {   /* a byte a character */
        size_t from = k * per < n ? k * per : n;
        m = n - from < per ? n - from : per;
        p += from;
        q = p + m;
    } else {
        for (size_t i = 0; i < k * per && *p; i++)
            p = g_utf8_next_char(p);
        for (q = p; m < per && *q; m++)
            q = g_utf8_next_char(q);
    }
    size_t left = (w - m) / 2, right = w - m - left, len = (size_t)(q - p);
    char *o = fa_room(s, left + len + right);
    memset(o, ' ', left);
    memcpy(o + left, p, len);
    memset(o + left + len, ' ', right);
    fa_commit(s, o + left + len + right);
    return pieces;
}

/* How many pieces centered_piece cuts z in. */
static size_t pieces_of(GString **scratch, const char *z, size_t w)
{
    size_t n, per = w > 1 ? w - 1 : 1;
    int plain;
    cell_text(scratch, z, &n, &plain);
    return n ? (n + per - 1) / per : 1;
}

/* A ladder row's cells are glyph numbers (G_BLANK a blank) until written
 * out: a run of blanks or of lines at once. */
enum { G_BLANK, G_LANE, G_DOT, G_H, G_RIGHT, G_LEFT, G_CROSS, G_COUNT };
enum { INK_HRUN = 64 };   /* lines copied at once */

typedef struct ink {
    char glyph4[G_COUNT][4];   /* each glyph's bytes, stored 4 at once */
    uint8_t len[G_COUNT];      /* and its length (at most 4) */
    char hrun[INK_HRUN * 4];   /* INK_HRUN lines one after the other */
} ink;

static void ink_init(ink *k, const glyphs *g)
{
    const char *const glyph[G_COUNT] = { " ", g->lane, g->dot, g->h, g->right, g->left, g->cross };
    for (size_t i = 0; i < G_COUNT; i++) {
        size_t n = strlen(glyph[i]);
        k->len[i] = (uint8_t)(n < 4 ? n : 4);
        memset(k->glyph4[i], 0, 4);
        memcpy(k->glyph4[i], glyph[i], k->len[i]);
    }
    for (size_t i = 0; i < INK_HRUN; i++)
        memcpy(k->hrun + i * k->len[G_H], k->glyph4[G_H], k->len[G_H]);
}

/* The ink of the UTF-8 (0) or the ASCII (1) glyphs, made once. */
static const ink *ink_of(int ascii)
{
    static ink inks[2];
    static gsize made;
    if (g_once_init_enter(&made)) {
        ink_init(&inks[0], &cf_glyphs_utf8);
        ink_init(&inks[1], &cf_glyphs_ascii);
        g_once_init_leave(&made, 1);
    }
    return &inks[ascii ? 1 : 0];
}

/* Where the run of cells equal to cell[k] ends (k < n): 8 cells compared
 * at once. */
static size_t run_end(const uint8_t *cell, size_t k, size_t n)
{
    uint8_t g = cell[k];
    k++;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t all = UINT64_C(0x0101010101010101) * g;
    for (; k + 8 <= n; k += 8) {
        uint64_t x;
        memcpy(&x, cell + k, 8);
        if ((x ^= all) != 0)   /* the lowest differing byte is the first */
            return k + ((unsigned)__builtin_ctzll(x) >> 3);
    }
#endif
    while (k < n && cell[k] == g)
        k++;
    return k;
}

/* The n cells' text at o, which has room for 4 bytes a cell and 16 more;
 * returns its end. */
static char *put_cells(char *o, const uint8_t *cell, size_t n, const ink *ik)
{
    static const char blanks[] = "                ";   /* 16, and its NUL */
    enum { BLANKS = sizeof blanks - 1 };
    G_STATIC_ASSERT(BLANKS == 16);
    for (size_t k = 0; k < n;) {
        uint8_t g = cell[k];
        if (g != G_BLANK && g != G_H) {
            memcpy(o, ik->glyph4[g], 4);
            o += ik->len[g];
            k++;
            continue;
        }
        size_t e = run_end(cell, k, n), r = e - k;
        if (g == G_BLANK) {
            if (r <= BLANKS)
                memcpy(o, blanks, BLANKS);   /* within the room: 16 at once */
            else
                memset(o, ' ', r);
            o += r;
        } else {
            for (size_t left = r; left;) {
                size_t t = left < INK_HRUN ? left : INK_HRUN;
                memcpy(o, ik->hrun, t * ik->len[G_H]);
                o += t * ik->len[G_H];
                left -= t;
            }
        }
        k = e;
    }
    return o;
}

/* Row i's lanes as cells (n_party * W of them, the rest blank): a party's
 * lane runs from its first event through its last (through), or, on the
 * lines a wrapped event text adds under row i, only while it goes on
 * below (its last event is later). */
static void lane_cells(uint8_t *cell, const cf_call *c, size_t W, uint32_t i, int through)
{
    memset(cell, G_BLANK, c->n_party * W);
    for (uint32_t j = 0; j < c->n_party; j++) {
        const cf_party *p = &c->party[j];
        if (p->first_ev >= 0 && (uint32_t)p->first_ev <= i &&
            (through ? (uint32_t)p->last_ev >= i : (uint32_t)p->last_ev > i))
            cell[j * W + W / 2] = G_LANE;
    }
}

/* The SGR colour of an event's name (--color): releases red, answers
 * green, what waits for an answer yellow; NULL for the others. */
static const char *event_color(cf_evtype t)
{
    switch (t) {
    case CF_EV_RELEASED:
    case CF_EV_ABANDONED:
    case CF_EV_DESTINATION_BUSY: return "\033[31m";
    case CF_EV_ESTABLISHED:
    case CF_EV_RETRIEVED: return "\033[32m";
    case CF_EV_RINGING:
    case CF_EV_QUEUED:
    case CF_EV_DIALING: return "\033[33m";
    default: return NULL;
    }
}

/* Text from p on wrapped at spaces into lines of at most w characters
 * (a word longer than w is split): the start of the next line, and in *len
 * the bytes of this one. */
static const char *wrap_line(const char *p, size_t w, size_t *len)
{
    const char *q = p, *brk = NULL;
    size_t n = 0;
    while (*q && n < w) {
        if (*q == ' ')
            brk = q;
        q = g_utf8_next_char(q);
        n++;
    }
    if (!*q || !brk || brk == p) {
        *len = (size_t)(q - p);
        return q;
    }
    *len = (size_t)(brk - p);
    return brk + 1;
}

int cf_ev_is_release(uint16_t t)
{
    return t == CF_EV_RELEASED || t == CF_EV_ABANDONED || t == CF_EV_PARTY_DELETED ||
           t == CF_EV_DESTINATION_BUSY;
}

void cf_call_text_header(GString *s, const cf_engine *e, const cf_call *c, int ascii)
{
    const glyphs *g = ascii ? &cf_glyphs_ascii : &cf_glyphs_utf8;
    const char *ani = cf_call_ani(c), *dnis = cf_call_dnis(c);
    /* header */
    fa_s(s, "Call ");
    cf_put_text(s, c->ids[0]);
    fa_s(s, g->sep);
    cf_put_text(s, ani ? ani : "?");
    fa_c(s, ' ');
    fa_s(s, g->arrow);
    fa_c(s, ' ');
    cf_put_text(s, dnis ? dnis : "?");
    fa_s(s, g->sep);
    if (c->call_type_name)
        fa_s(s, c->call_type_name);
    else if (c->call_type != CF_NO_VALUE)
        g_string_append_printf(s, "CallType %lld", (long long)c->call_type);
    else
        fa_s(s, "CallType ?");
    fa_s(s, g->sep);
    if (c->n_ev) {
        day(s, c->t_first);
        fa_c(s, ' ');
        cf_hms(s, c->t_first, 6);
    }
    fa_s(s, g->sep);
    if (c->end != CF_END_NONE)
        secs(s, c->t_end - c->t_first);
    else {
        fa_s(s, "open, seen ");
        secs(s, c->t_last - c->t_first);
    }
    fa_s(s, g->sep);
    fa_s(s, cf_outcome_name(c->outcome));
    if (c->n_gaps)
        fa_s(s, ", capture gap: events may be missing");
    fa_c(s, '\n');
    /* details */
    fa_s(s, "  ");
    fa_s(s, c->protocol);
    fa_c(s, ' ');
    fa_s(s, cf_engine_server_name(e, c->server));
    fa_s(s, g->sep);
    fa_s(s, "frames ");
    cts_frame_range_append(s, cf_engine_files(e), c->f_first, c->f_last, g->dash);
    fa_s(s, g->sep);
    fa_uint(s, c->n_ev, 1);
    fa_s(s, c->n_ev == 1 ? " event" : " events");
    fa_s(s, g->sep);
    fa_s(s, "seen on ");
    for (unsigned i = 0; i < c->n_sessions; i++) {
        if (i)
            fa_s(s, ", ");
        fa_s(s, session_client(e, c->sessions[i]));
    }
    if (c->dups)
        g_string_append_printf(s, "%s%u copies from other sessions merged", g->sep, c->dups);
    if (c->n_aliases) {
        fa_s(s, g->sep);
        fa_s(s, "also known as");
        for (unsigned i = 0; i < c->n_aliases; i++) {
            fa_c(s, ' ');
            cf_put_text(s, c->aliases[i]);
        }
    }
    if (c->n_ids > 1 || c->n_secondary) {
        fa_s(s, g->sep);
        if (c->n_ids > 1) {
            fa_s(s, "ids");
            for (unsigned i = 0; i < c->n_ids; i++) {
                fa_c(s, ' ');
                cf_put_text(s, c->ids[i]);
            }
        }
        if (c->n_secondary) {
            fa_s(s, c->n_ids > 1 ? ", secondary" : "secondary");
            for (unsigned i = 0; i < c->n_secondary; i++) {
                fa_c(s, ' ');
                cf_put_text(s, c->secondary[i]);
            }
        }
    }
    fa_c(s, '\n');
    fa_s(s, "  ");
    int any = 0;
#define SEP() do { if (any) fa_s(s, g->sep); any = 1; } while (0)
    if (c->caller >= 0) {
        SEP();
        fa_s(s, "caller ");
        cf_put_text(s, c->party[c->caller].dn);
    }
    if (c->answerer >= 0) {
        SEP();
        fa_s(s, "answered by ");
        cf_put_text(s, c->party[c->answerer].dn);
        if (c->party[c->answerer].agent) {
            fa_s(s, " (");
            cf_put_text(s, c->party[c->answerer].agent);
            fa_c(s, ')');
        }
        fa_s(s, " at ");
        cf_hms(s, c->t_answered, 3);
    } else if (c->t_answered) {
        SEP();
        fa_s(s, "answered at ");
        cf_hms(s, c->t_answered, 3);
        fa_s(s, " (the queue does not say by whom)");
    }
    if (c->n_agents) {
        SEP();
        fa_s(s, c->n_agents > 1 ? "agents " : "agent ");
        for (unsigned i = 0; i < c->n_agents; i++) {
            if (i)
                fa_s(s, ", ");
            cf_put_text(s, c->agents[i]);
        }
    }
    if (c->released_by >= 0) {
        SEP();
        fa_s(s, "released by ");
        cf_put_text(s, c->party[c->released_by].dn);
        if (c->release_cause != CF_NO_VALUE) {
            fa_s(s, " (");
            cf_text_cause(s, c->release_cause_field, c->release_cause, c->release_cause_name);
            fa_c(s, ')');
        }
    }
    SEP();
    if (c->end == CF_END_NONE) {
        fa_s(s, "no end in the capture");
        if (c->stale)
            fa_s(s, " (no event for an hour: emitted)");
        if (c->superseded) {
            fa_s(s, ", a new call with this id began at ");
            fa_s(s, c->superseded);
        }
    } else {
        fa_s(s, "ended by ");
        fa_s(s, c->end_msg ? c->end_msg : "?");
        fa_c(s, ' ');
        out_frame(s, e, c->f_end, 0);
        if (c->end_cause != CF_NO_VALUE) {
            fa_s(s, " (");
            cf_text_cause(s, c->end_cause_field, c->end_cause, c->end_cause_name);
            fa_c(s, ')');
        }
    }
    if (!c->begin_seen) {
        SEP();
        fa_s(s, "begin not in the capture");
    }
    fa_c(s, '\n');
    fa_s(s, "  ");
    any = 0;
    if (c->queue && c->t_queued) {
        const char *least = c->queued_before ? "at least " : "";
        SEP();
        fa_s(s, "queue ");
        cf_put_text(s, c->queue);
        fa_s(s, c->queued_before ? " since before " : " at ");
        cf_hms(s, c->t_queued, 3);
        if (c->t_answered >= c->t_queued && c->t_answered) {
            fa_s(s, ", answered after ");
            fa_s(s, least);
            secs(s, c->t_answered - c->t_queued);
        } else if (c->t_queue_left) {
            fa_s(s, ", left after ");
            fa_s(s, least);
            secs(s, c->t_queue_left - c->t_queued);
        } else {
            fa_s(s, ", still queued");
        }
    }
    SEP();
    fa_s(s, "ring ");
    secs(s, c->ring_us);
    fa_s(s, g->sep);
    fa_s(s, "talk ");
    secs(s, c->talk_us);
    fa_s(s, g->sep);
    fa_s(s, "held ");
    secs(s, c->held_us);
    if (c->merged_into) {
        fa_s(s, g->sep);
        fa_s(s, "merged into ");
        cf_put_text(s, c->merged_into);
        fa_s(s, " at ");
        out_frame(s, e, c->merged_frame, 0);
    }
    if (c->n_merged_from) {
        fa_s(s, g->sep);
        fa_s(s, "merged in: ");
        for (unsigned i = 0; i < c->n_merged_from; i++) {
            if (i)
                fa_s(s, ", ");
            cf_put_text(s, c->merged_from[i]);
        }
    }
    fa_c(s, '\n');
#undef SEP
    if (c->n_gaps) {
        g_string_append_printf(s, "  capture gap%s on its connection%s:", c->n_gaps == 1 ? "" : "s",
                               c->n_sessions == 1 ? "" : "s");
        for (unsigned i = 0; i < c->n_gaps && i < CF_CALL_GAPS; i++) {
            const cf_gap *gp = &c->gaps[i];
            fa_s(s, i ? ", " : " ");
            out_frame(s, e, gp->frame, 0);
            g_string_append_printf(s, " %llu bytes from the %s missing", (unsigned long long)gp->missing,
                                   gp->from_client ? "client" : "server");
            if (c->n_sessions > 1) {
                fa_s(s, " (");
                fa_s(s, session_client(e, gp->session));
                fa_c(s, ')');
            }
        }
        if (c->n_gaps > CF_CALL_GAPS)
            g_string_append_printf(s, " and %u more", c->n_gaps - CF_CALL_GAPS);
        fa_s(s, "; what this call says may lack events\n");
    }
    if (c->n_kv) {
        fa_s(s, "  data:");
        for (uint32_t i = 0; i < c->n_kv; i++) {
            const cf_kv_ent *k = &c->kv[i];
            fa_c(s, ' ');
            cf_put_text(s, k->key);
            if (k->kind == CF_KV_ARRAY)
                g_string_append_printf(s, "[%d]", (int)k->index);
            fa_c(s, '=');
            cf_put_text(s, k->value);
        }
        fa_c(s, '\n');
    }
}

void cf_call_text(GString *s, const cf_engine *e, const cf_call *c, int ascii)
{
    cf_call_text_fit(s, e, c, ascii, 0, 0);
}

void cf_call_text_fit(GString *s, const cf_engine *e, const cf_call *c, int ascii, size_t cols,
                      int color)
{
    cf_call_text_header(s, e, c, ascii);
    /* the ladder */
    size_t W = 10;
    for (uint32_t i = 0; i < c->n_party; i++) {
        size_t a = width(c->party[i].dn) + 2, b = width(cf_party_what(&c->party[i])) + 2;
        size_t d = strlen(cf_pstate_name(c->party[i].state)) + 2;
        if (a > W)
            W = a;
        if (b > W)
            W = b;
        if (d > W)
            W = d;
    }
    if (W > 16)
        W = 16;
    size_t fw = 2;   /* the widest frame ("#NNN", "ring-2.pcap#NNN") */
    for (uint32_t i = 0; i < c->n_ev; i++) {
        size_t d = cts_frame_label_len(cf_engine_files(e), c->ev[i].frame);
        if (d > fw)
            fw = d;
    }
    size_t pre = 12 + 1 + fw + 1;   /* "HH:MM:SS.mmm #NNN " */
    /* --width / the terminal: the columns narrow (to 3) so that the lanes
     * leave the event text 24 columns; the text wraps under itself */
    size_t text_w = 0;   /* 0: one line whatever its length */
    if (cols && c->n_party) {
        size_t fixed = 2 + pre + 1 + 24;
        size_t room = cols > fixed ? (cols - fixed) / c->n_party : 0;
        if (room < W)
            W = room < 3 ? 3 : room;
        size_t used = 2 + pre + c->n_party * W + 1;
        text_w = cols > used + 24 ? cols - used : 24;
    }
    const char *const rows[3] = { "party", "is", "finally" };
    GString *scratch = NULL;   /* a name that needs its text made */
    for (int r = 0; r < 3 && c->n_party; r++) {
        size_t lines = 1;
        for (uint32_t i = 0; i < c->n_party; i++) {
            const cf_party *p = &c->party[i];
            size_t k = pieces_of(&scratch, r == 0 ? p->dn : r == 1 ? cf_party_what(p) : cf_pstate_name(p->state), W);
            if (k > lines)
                lines = k;
        }
        for (size_t l = 0; l < lines; l++) {
            size_t lw = l ? 0 : strlen(rows[r]);
            char *o = fa_room(s, 2 + lw + pre);
            memcpy(o, "  ", 2);
            memcpy(o + 2, rows[r], lw);
            memset(o + 2 + lw, ' ', pre > lw ? pre - lw : 0);
            fa_commit(s, o + 2 + (pre > lw ? pre : lw));
            for (uint32_t i = 0; i < c->n_party; i++) {
                const cf_party *p = &c->party[i];
                const char *z = r == 0 ? p->dn : r == 1 ? cf_party_what(p) : cf_pstate_name(p->state);
                centered_piece(s, &scratch, z, W, l);
            }
            size_t end = s->len;
            while (end && s->str[end - 1] == ' ')
                end--;
            g_string_truncate(s, end);
            fa_c(s, '\n');
        }
    }
    if (scratch)
        g_string_free(scratch, TRUE);
    const ink *ik = ink_of(ascii);
    size_t ncell = c->n_party * W;
    uint8_t *cell = g_malloc(ncell ? ncell : 1);
    for (uint32_t i = 0; i < c->n_ev; i++) {
        const cf_event *v = &c->ev[i];
        lane_cells(cell, c, W, i, 1);
        for (unsigned k = 0; k < v->n_list; k++)
            cell[v->list[k] * W + W / 2] = G_DOT;
        int from, to;
        cf_ladder_kind lk = cf_event_ladder(v, &from, &to);
        if (lk == CF_LADDER_ARROW) {
            size_t a = (size_t)from * W + W / 2;
            size_t b = (size_t)to * W + W / 2;
            if (a < b) {
                for (size_t k = a + 1; k + 1 < b; k++)
                    cell[k] = G_H;
                cell[b - 1] = G_RIGHT;
            } else {
                for (size_t k = b + 2; k < a; k++)
                    cell[k] = G_H;
                cell[b + 1] = G_LEFT;
            }
        } else if (lk == CF_LADDER_MARK) {
            cell[from * W + W / 2] = cf_ev_is_release(v->type) ? G_CROSS : G_DOT;
        }
        fa_s(s, "  ");
        cf_hms(s, v->ts, 3);
        fa_c(s, ' ');
        out_frame(s, e, v->frame, fw);
        fa_c(s, ' ');
        /* the cells, into room made once: a strlen and a copy per cell
         * were a fifth of the ladder, a test per cell a tenth */
        fa_commit(s, put_cells(fa_room(s, 4 * ncell + 16), cell, ncell, ik));
        fa_s(s, " ");
        size_t text_at = s->len;
        const char *col = color ? event_color(v->type) : NULL;
        cf_event_text(s, v, CF_EVTEXT_CAUSE | CF_EVTEXT_NOTE);
        if (col) {   /* the event's name in its colour */
            g_string_insert(s, (gssize)text_at, col);
            g_string_insert(s, (gssize)(text_at + strlen(col) + strlen(cf_evtype_name(v->type))), "\033[m");
        }
        if (text_w && width(s->str + text_at) > text_w + (col ? 8 : 0)) {
            /* wrapped under itself, the lanes going on beside it */
            char *text = g_strdup(s->str + text_at);
            g_string_truncate(s, text_at);
            size_t len;
            const char *p = text, *next = wrap_line(p, text_w + (col ? 8 : 0), &len);
            g_string_append_len(s, p, (gssize)len);
            for (p = next; *p; p = next) {
                next = wrap_line(p, text_w, &len);
                fa_c(s, '\n');
                char *o = fa_room(s, 2 + pre + 4 * ncell + 16);
                memset(o, ' ', 2 + pre);
                lane_cells(cell, c, W, i, 0);
                fa_commit(s, put_cells(o + 2 + pre, cell, ncell, ik));
                fa_c(s, ' ');
                g_string_append_len(s, p, (gssize)len);
            }
            g_free(text);
        }
        fa_c(s, '\n');
    }
    g_free(cell);
}

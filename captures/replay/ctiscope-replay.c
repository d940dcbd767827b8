/* ctiscope-replay - play a CTI flow script over a real TCP connection.
 *
 * It listens on 127.0.0.1:PORT (the "server", e.g. the Unified CCX CTI
 * server), connects a client socket to it, and writes the script's
 * messages on the side each line names, so a capture on the loopback
 * interface (captures/record.sh) holds genuine TCP: handshake, segments,
 * ACKs, FIN.  Messages are encoded from the same tables the decoder uses.
 *
 * Script lines (the files in flows/):
 *   # comment
 *   C: MESSAGE Field=value ...   client -> server, one segment
 *   S: MESSAGE Field=value ...   server -> client, one segment
 *   S+ MESSAGE ...               appended to the previous S: message, same segment
 *   S/3 MESSAGE ...              sent in 3 segments (a message split over segments)
 *   CHEX: 00 00 00 36 ...        raw bytes (broken messages, garbage)
 *   SHEX: ...                    (also C+HEX / S+HEX, C/3HEX ...: same modifiers)
 *   CFILE: path / SFILE: path    the bytes of a file (relative to the script's
 *                                folder), e.g. an XML document of BroadWorks CAP
 *   CTEXT: text / STEXT: text    the rest of the line, with \n \r \t \\ escapes
 *   sleep MS                     pause (timestamps in the capture)
 *   reset                        the client aborts the connection (RST)
 * Between lines it waits --gap ms (default 20) so each send is a segment.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "ccx_encode.h"

static void msleep(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Read whatever the peer has received, so no socket buffer ever fills. */
static void drain(int fd)
{
    char buf[65536];
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, 0) <= 0)
            return;
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0)
            return;
    }
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

typedef struct side {
    int fd;        /* socket this side writes to */
    int peer;      /* socket the other side reads from */
    GByteArray *pending;
} side;

static int flush_side(side *s, int parts, long gap)
{
    if (!s->pending->len)
        return 0;
    if (parts < 1)
        parts = 1;
    size_t n = s->pending->len, off = 0;
    for (int i = 0; i < parts; i++) {
        size_t k = (n - off) / (size_t)(parts - i);
        if (write_all(s->fd, s->pending->data + off, k) < 0)
            return -1;
        off += k;
        msleep(gap > 2 ? gap / 2 : 1);
        drain(s->peer);
    }
    g_byte_array_set_size(s->pending, 0);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: ctiscope-replay [--port N] [--gap MS] FLOW_FILE\n"
                    "Plays FLOW_FILE over TCP on 127.0.0.1 (see the comment at the top of\n"
                    "captures/replay/ctiscope-replay.c for the script syntax).\n");
}

int main(int argc, char **argv)
{
    int port = 42027;
    long gap = 20;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc)
            port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--gap") && i + 1 < argc)
            gap = atol(argv[++i]);
        else if (argv[i][0] == '-') {
            usage();
            return 2;
        } else
            path = argv[i];
    }
    if (!path || port < 1 || port > 65535) {
        usage();
        return 2;
    }
    gchar *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err)) {
        fprintf(stderr, "ctiscope-replay: %s\n", err->message);
        return 1;
    }

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = { 0 };
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(ls, 1) < 0) {
        fprintf(stderr, "ctiscope-replay: 127.0.0.1:%d: %s\n", port, strerror(errno));
        return 1;
    }
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(cfd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        fprintf(stderr, "ctiscope-replay: connect: %s\n", strerror(errno));
        return 1;
    }
    int sfd = accept(ls, NULL, NULL);
    close(ls);
    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    msleep(gap);

    side sides[2] = { { cfd, sfd, g_byte_array_new() }, { sfd, cfd, g_byte_array_new() } };
    int last = -1, last_parts = 1, rc = 0, lineno = 0, reset = 0;
    char **lines = g_strsplit(text, "\n", -1);
    for (char **lp = lines; *lp && !rc; lp++) {
        lineno++;
        char *l = g_strstrip(*lp);
        if (!*l || *l == '#')
            continue;
        if (g_str_has_prefix(l, "sleep ")) {
            if (last >= 0 && flush_side(&sides[last], last_parts, gap) < 0)
                rc = 1;
            last = -1;
            msleep(atol(l + 6));
            continue;
        }
        if (!strcmp(l, "reset")) {
            if (last >= 0)
                flush_side(&sides[last], last_parts, gap);
            last = -1;
            reset = 1;
            break;
        }
        if (l[0] != 'C' && l[0] != 'S') {
            fprintf(stderr, "%s:%d: expected C:, S:, sleep or reset\n", path, lineno);
            rc = 1;
            break;
        }
        int who = l[0] == 'S';
        char *p = l + 1;
        int append = 0, parts = 1, is_hex = 0;
        if (*p == '+') {
            append = 1;
            p++;
        }
        if (*p == '/') {
            parts = (int)strtol(p + 1, &p, 10);
        }
        int is_file = 0, is_text = 0;
        if (g_str_has_prefix(p, "HEX")) {
            is_hex = 1;
            p += 3;
        } else if (g_str_has_prefix(p, "FILE")) {
            is_file = 1;
            p += 4;
        } else if (g_str_has_prefix(p, "TEXT")) {
            is_text = 1;
            p += 4;
        }
        if (*p == ':')
            p++;
        else if (*p != ' ' && *p != '\t') {
            fprintf(stderr, "%s:%d: expected ':' after the side\n", path, lineno);
            rc = 1;
            break;
        }
        /* A new segment: send what is pending first. */
        if (!append && last >= 0 && flush_side(&sides[last], last_parts, gap) < 0) {
            rc = 1;
            break;
        }
        if (append && last != who) {
            fprintf(stderr, "%s:%d: '+' continues no segment of this side (after a sleep, "
                            "or the other side's)\n", path, lineno);
            rc = 1;
            break;
        }
        char e[256];
        int k;
        if (is_file) {
            gchar *dir = g_path_get_dirname(path);
            gchar *fp = g_build_filename(dir, g_strstrip(p), NULL);
            gchar *body = NULL;
            gsize blen = 0;
            GError *ferr = NULL;
            k = g_file_get_contents(fp, &body, &blen, &ferr) ? 0 : -1;
            if (k == 0)
                g_byte_array_append(sides[who].pending, (const guint8 *)body, (guint)blen);
            else
                snprintf(e, sizeof e, "%s", ferr->message);
            g_clear_error(&ferr);
            g_free(body);
            g_free(fp);
            g_free(dir);
        } else if (is_text) {
            if (*p == ' ')
                p++;   /* one space after the colon separates; the rest is sent */
            gchar *t = g_strcompress(p);
            g_byte_array_append(sides[who].pending, (const guint8 *)t, (guint)strlen(t));
            g_free(t);
            k = 0;
        } else {
            k = is_hex ? ccx_encode_hex(p, sides[who].pending, e, sizeof e)
                       : ccx_encode_text(p, sides[who].pending, e, sizeof e);
        }
        if (k < 0) {
            fprintf(stderr, "%s:%d: %s\n", path, lineno, e);
            rc = 1;
            break;
        }
        last = who;
        if (!append)
            last_parts = parts;
    }
    if (!rc && last >= 0 && flush_side(&sides[last], last_parts, gap) < 0)
        rc = 1;
    msleep(gap);
    drain(cfd);
    drain(sfd);
    if (reset) {
        struct linger lg = { 1, 0 };   /* close with RST */
        setsockopt(cfd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        close(cfd);
        msleep(gap);
        close(sfd);
    } else {
        shutdown(cfd, SHUT_WR);
        msleep(gap);
        drain(sfd);
        shutdown(sfd, SHUT_WR);
        msleep(gap);
        drain(cfd);
        close(cfd);
        close(sfd);
    }
    msleep(gap);
    g_strfreev(lines);
    g_free(text);
    g_byte_array_unref(sides[0].pending);
    g_byte_array_unref(sides[1].pending);
    return rc;
}

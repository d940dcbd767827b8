/* tcp_streams CAPTURE... - the tcp.stream of every TCP frame, as the CLI's
 * reassembly numbers it (cts_reasm_last_stream): one line per frame,
 * "<frame> <stream>", the files read as one capture in the order given
 * (numbering starts again with each, cts_reasm_new_file), a line
 * "== <file>" before each.  check_streams.sh compares it with tshark's
 * `-T fields -e frame.number -e tcp.stream`, file by file. */
#include <inttypes.h>
#include <stdio.h>
#include "packet.h"
#include "pcap_source.h"
#include "tcp_reasm.h"

int main(int argc, char **argv)
{
    cts_reasm *r = cts_reasm_new(NULL, NULL, NULL);
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char err[512];
        cts_pcap_source *src = cts_pcap_open(argv[i], 1, err, sizeof err);
        if (!src) {
            fprintf(stderr, "tcp_streams: %s\n", err);
            status = 1;
            continue;
        }
        printf("== %s\n", argv[i]);
        cts_reasm_new_file(r);
        cts_frame fr;
        while (cts_pcap_next(src, &fr, err, sizeof err) > 0) {
            cts_packet pk;
            if (cts_packet_parse(cts_pcap_linktype(src), fr.data, fr.caplen, fr.wirelen, &pk, NULL, 0) > 0) {
                cts_reasm_segment(r, &pk, &fr.info);
                printf("%" PRIu64 " %" PRId64 "\n", fr.info.frame, cts_reasm_last_stream(r));
            }
        }
        cts_pcap_close(src);
    }
    cts_reasm_free(r);
    return status;
}

/* bench_floor - the floor of the benchmark: a bare libpcap read loop that
 * touches every frame and nothing else.  Prints frames and bytes. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: bench_floor FILE\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline(argv[1], err);
    if (!p) {
        fprintf(stderr, "bench_floor: %s\n", err);
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *d;
    unsigned long long frames = 0, bytes = 0, sum = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        frames++;
        bytes += h->caplen;
        sum += d[h->caplen - 1];   /* touch the data */
    }
    pcap_close(p);
    printf("%llu frames, %llu bytes (%llu)\n", frames, bytes, sum & 1);
    return 0;
}

/* fuzz_pcap - a whole capture through the ctiscope program: libpcap's
 * pcap and pcapng reader, link and IP layers, TCP reassembly, detection,
 * both framers, both decoders, the printers or the call-flow engine and
 * its outputs, all as the program runs them (ctiscope_main).
 *
 * Input: a pcap or pcapng file.  Which output it goes to depends on the
 * input's length, so that every mode gets its share (length % 8):
 *   0 text --show-reserved   1 --brief   2 --json --show-reserved
 *   3 --calls   4 --calls --json   5 --calls --csv
 *   6 --agents --queues --summary   7 --json --summary, the file read
 *     twice as two files of one capture (a ring buffer)
 * Checks: the exit status is 0 or 1 (never a usage error), and ASan and
 * UBSan find nothing; the output goes to /dev/null, formatted in full.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

#include <sys/mman.h>
#include <unistd.h>

#include "ctiscope_main.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fd = memfd_create("fuzz_pcap", 0);
    if (fd < 0)
        abort();
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    char *args[8];
    int n = 0;
    args[n++] = "ctiscope";
    switch (size % 8) {
    case 0: args[n++] = "--show-reserved"; break;
    case 1: args[n++] = "--brief"; break;
    case 2: args[n++] = "--json"; args[n++] = "--show-reserved"; break;
    case 3: args[n++] = "--calls"; break;
    case 4: args[n++] = "--calls"; args[n++] = "--json"; break;
    case 5: args[n++] = "--calls"; args[n++] = "--csv"; break;
    case 6: args[n++] = "--agents"; args[n++] = "--queues"; args[n++] = "--summary"; break;
    case 7: args[n++] = "--json"; args[n++] = "--summary"; args[n++] = path; break;
    }
    args[n++] = path;
    args[n] = NULL;
    /* the program writes to stdout and stderr: both go to /dev/null
     * (ASan and libFuzzer write to file descriptor 2 themselves) */
    FILE *out = stdout, *err = stderr;
    stdout = stderr = fz_sink();
    int rc = ctiscope_main(n, args);
    stdout = out;
    stderr = err;
    FZ_CHECK(rc == 0 || rc == 1, "exit status %d", rc);
    return 0;
}

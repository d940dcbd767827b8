/* ctiscope_main.h - the ctiscope program as a function: main.c calls it,
 * and so does the fuzz target that reads whole captures
 * (tests/fuzz/fuzz_pcap.c).  It writes to stdout and stderr and returns
 * the exit status (0, 1 input, 2 usage; README.md); it does not call
 * exit() and keeps no state from one call to the next. */
#ifndef CTISCOPE_MAIN_H
#define CTISCOPE_MAIN_H

int ctiscope_main(int argc, char **argv);

#endif

#!/usr/bin/env bash
# make_corpus.sh BUILD [FUZZ_BUILD] - remake the seed corpora (corpus/<target>/)
# and the dictionaries (dict/) from the shipped captures, the hostile and
# plugin test captures and the CAP spec's samples (maintainer tool: the
# results are committed, the tests and run.sh only read them).
#
# BUILD is any build of the tree (it has fuzz_seeds).  With FUZZ_BUILD, a
# build configured with -DCTISCOPE_FUZZ=ON (README.md here), each corpus is
# what libFuzzer's -merge=1 keeps of the seeds: the fewest inputs that reach
# all the coverage the seeds reach, which keeps the committed corpus small.
# Without it every seed is kept.  Then: git status tests/fuzz, and commit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: make_corpus.sh BUILD [FUZZ_BUILD]}" && pwd)
fuzz=${2:+$(cd "$2" && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

shopt -s nullglob
"$build/tests/fuzz/fuzz_seeds" "$tmp/seeds" "$root"/captures/*.pcap* "$root"/tests/hostile/*.pcap* \
  "$root"/tests/plugin/captures/*.pcap* "$root"/tests/spec/cap_samples/*.xml
"$build/tests/fuzz/fuzz_seeds" --dicts "$here/dict"

for t in ccx_decode cap_decode ccx_framer cap_framer tcp_reasm pcap flow; do
  rm -rf "$here/corpus/$t"
  mkdir -p "$here/corpus/$t"
  if [ -n "$fuzz" ]; then
    ASAN_OPTIONS=quarantine_size_mb=4 "$fuzz/tests/fuzz/fuzz_$t" -merge=1 -rss_limit_mb=256 \
      "$here/corpus/$t" "$tmp/seeds/$t" 2>"$tmp/merge.log" ||
      { cat "$tmp/merge.log" >&2; exit 1; }
  else
    cp "$tmp/seeds/$t"/* "$here/corpus/$t/"
  fi
  echo "corpus/$t: $(ls "$here/corpus/$t" | wc -l) inputs of $(ls "$tmp/seeds/$t" | wc -l) seeds," \
       "$(du -sb "$here/corpus/$t" | cut -f1) bytes"
done

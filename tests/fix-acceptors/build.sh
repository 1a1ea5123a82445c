#!/usr/bin/env bash
# Builds QuickFIX's example acceptors (executor, ordermatch) from Debian's libquickfix-doc sources against
# libquickfix-dev: the independent FIX engine our FIX tests and benchmark trade against. Also builds book/, our
# matching venue on QuickFIX's acceptor, for what the examples cannot answer (cancel/replace, order status).
# Usage: build.sh OUTDIR. Nothing of QuickFIX is committed; its sources come from the installed package.
set -euo pipefail
out="${1:?usage: build.sh OUTDIR}"
examples=/usr/share/doc/libquickfix-doc/examples
if [ ! -d "$examples/executor/C++" ] || [ ! -f /usr/include/quickfix/Session.h ]; then
  echo "build.sh: QuickFIX is not installed. Debian/Ubuntu: apt-get install libquickfix-dev libquickfix-doc" >&2
  exit 3
fi
mkdir -p "$out"
build() { # name, source dir, files...
  local name=$1 src=$2; shift 2
  local work="$out/src-$name"
  rm -rf "$work" && mkdir -p "$work"
  for f in "$@"; do
    if [ -f "$src/$f" ]; then cp "$src/$f" "$work/"; else gunzip -c "$src/$f.gz" > "$work/$f"; fi
  done
  : > "$work/config.h" # the examples include it; an empty one builds without SSL
  g++ -std=c++11 -O2 -w -I"$work" "$work"/*.cpp -o "$out/$name.tmp" -lquickfix -lpthread
  mv "$out/$name.tmp" "$out/$name"
}
build executor "$examples/executor/C++" Application.cpp Application.h executor.cpp &
e=$!
build ordermatch "$examples/ordermatch" Application.cpp Application.h IDGenerator.h Market.cpp Market.h Order.h OrderMatcher.h ordermatch.cpp &
o=$!
here="$(cd "$(dirname "$0")" && pwd)"
g++ -std=c++11 -O2 -w -I"$here/book" "$here/book/book.cpp" -o "$out/book.tmp" -lquickfix -lpthread && mv "$out/book.tmp" "$out/book" &
b=$!
wait $e && wait $o && wait $b
echo "build.sh: executor, ordermatch and book built in $out"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz/coverage.sh: the line coverage of the fuzz corpora (seeds, and what _fuzz's runs added)
# over the files each target is about. Builds _fuzzcov (clang, source-based coverage), runs
# every input once, and prints llvm-cov's summary per target.
set -eu
cd "$(dirname "$0")/.."
build=_fuzzcov
flags="-fprofile-instr-generate -fcoverage-mapping"
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CFLAGS="$flags" LDFLAGS="$flags" meson setup "$build" -Dwerror=true -Dfuzzing=true \
    -Dgui=false >/dev/null
fi
ninja -C "$build" >/dev/null
for target in fuzz-site-request fuzz-pull-page fuzz-csv fuzz-markdown fuzz-import; do
  case $target in
    fuzz-site-request) files="src/util/dlg-json.c src/site/dlg-site-json.c" ;;
    fuzz-pull-page)    files="src/sync/dlg-sync-pull.c src/sync/dlg-sync-json.c" ;;
    fuzz-csv)          files="src/util/dlg-csv.c src/draw/dlg-draw-csv.c" ;;
    fuzz-markdown)     files="src/site/pages/dlg-site-html.c" ;;
    fuzz-import)       files="src/core/import/dlg-import.c src/core/import/dlg-import-csv.c
                              src/core/import/dlg-import-decidim.c src/core/import/dlg-import-consul.c
                              src/core/import/dlg-import-capcollectif.c src/core/import/dlg-import-polis.c" ;;
  esac
  profiles=$build/fuzz/$target.profraw
  rm -f "$profiles"
  corpora="fuzz/corpus/$target"
  [ -d "_fuzz/fuzz/corpus-$target" ] && corpora="$corpora _fuzz/fuzz/corpus-$target"
  # shellcheck disable=SC2086
  LLVM_PROFILE_FILE=$profiles ASAN_OPTIONS=detect_leaks=0 \
    "$build/fuzz/$target" -runs=0 $corpora >/dev/null 2>&1
  llvm-profdata merge -sparse "$profiles" -o "$build/fuzz/$target.profdata"
  echo "== $target ($(find $corpora -type f | wc -l) inputs)"
  report=$(llvm-cov report "$build/fuzz/$target" -instr-profile="$build/fuzz/$target.profdata")
  for file in $files; do
    # Filename, regions (3), functions (3), lines, missed lines, cover, branches (3)
    echo "$report" | grep -F "/$file " |
      awk -v f="$file" '{ printf "  %-42s lines %5d, covered %5.1f %%, branches %5.1f %%\n", f, $8, $10, $13 }'
  done
done

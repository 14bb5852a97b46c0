#!/usr/bin/env bash
# Builds the libFuzzer targets under Fuzz/Targets against the package's module sources and runs each one
# for a bounded time, then prints per target: executions, coverage (cov / ft from libFuzzer's final
# stats) and findings (crash / oom / timeout / leak files).
#
#   scripts/fuzz.sh                      # every target, 60 s each
#   scripts/fuzz.sh -t 900 -p 2 ReadFull # one target, 15 min, two targets at a time (when several are given)
#   scripts/fuzz.sh --build-only         # compile only
#   scripts/fuzz.sh --list               # the targets
#
# Environment: FUZZ_TIME (seconds per target, 60), FUZZ_PARALLEL (targets run at once, 1), FUZZ_RSS_MB (2048),
# FUZZ_TIMEOUT (seconds per input, 10), FUZZ_MAX_LEN (bytes per input, 65536), FUZZ_OUT (.build-fuzz),
# FUZZ_ARGS (extra libFuzzer flags), FUZZ_EXTRA_LDFLAGS (extra link flags).
#
# A target is one Swift file in Fuzz/Targets with an @_cdecl("LLVMFuzzerTestOneInput") entry point. Header
# lines tell this script what to build it with:
#   // fuzz-modules: DICOM            modules of Sources/ built as static libraries (in dependency order)
#   // fuzz-sources: a.swift b.swift  extra source files compiled into the target itself (e.g. one parser
#                                     file of a module whose other files need packages swiftc cannot see)
# Fuzz/Support/*.swift is compiled into every target.
#
# Corpora persist in FUZZ_OUT/corpus/<target> (so runs add up), findings go to FUZZ_OUT/findings/<target>,
# and FUZZ_OUT/totals.tsv accumulates executions per target over every run. Exit status 1 when a run
# left a finding, 2 on a build failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TIME=${FUZZ_TIME:-60}
PARALLEL=${FUZZ_PARALLEL:-1}
RSS_MB=${FUZZ_RSS_MB:-2048}
TIMEOUT=${FUZZ_TIMEOUT:-10}
MAX_LEN=${FUZZ_MAX_LEN:-65536}
OUT=${FUZZ_OUT:-$ROOT/.build-fuzz}
BUILD_ONLY=0
LIST=0
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--time) TIME=$2; shift 2 ;;
    -p|--parallel) PARALLEL=$2; shift 2 ;;
    --build-only) BUILD_ONLY=1; shift ;;
    --list) LIST=1; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in Fuzz/Targets/*.swift; do TARGETS+=("$(basename "$f" .swift)"); done
fi
if [ "$LIST" = 1 ]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi

mkdir -p "$OUT/modules" "$OUT/lib" "$OUT/bin" "$OUT/logs" "$OUT/cmods"
SAN=(-sanitize=fuzzer,address)
SWIFT_FLAGS=(-O -parse-as-library -g -package-name Lightbox)   # package access (Volume) needs a package name
MODULE_FLAGS=()   # -I / -Xcc flags for C modules, collected while building modules
LINK_FLAGS=()
OBJECTS=()

header() { sed -n "s#^// $2: *##p" "$1" | head -1; }

# Swift modules a module imports that are also package targets (so dependencies build first).
deps_of() {
  grep -rhoE '^(@_implementationOnly )?import [A-Za-z_]+' "Sources/$1" --include='*.swift' 2>/dev/null \
    | awk '{print $NF}' | sort -u | while read -r m; do [ -d "Sources/$m" ] && echo "$m"; done || true
}

# Link libraries a C target declares in Package.swift (.linkedLibrary("x") within its .target(...) call).
c_target_libs() {
  awk -v name="$1" '
    index($0, "name: \"" name "\"") { on = 1 }
    on { while (match($0, /linkedLibrary\("[^"]+"\)/)) { s = substr($0, RSTART + 15, RLENGTH - 17); print "-l" s; $0 = substr($0, RSTART + RLENGTH) } }
    on && /\)[,]?[[:space:]]*$/ && !/linkedLibrary\($/ { if (seen++) on = 0 }
  ' Package.swift | sort -u
}

declare -A BUILT=()
build_module() {
  local m=$1
  [ -n "${BUILT[$m]:-}" ] && return 0
  BUILT[$m]=1
  local d
  for d in $(deps_of "$m"); do build_module "$d"; done
  if [ -f "Sources/$m/module.modulemap" ]; then           # system library: module map + link lines
    MODULE_FLAGS+=(-I "$ROOT/Sources/$m")
    local lib
    for lib in $(sed -n 's/.*link "\([^"]*\)".*/\1/p' "Sources/$m/module.modulemap"); do LINK_FLAGS+=("-l$lib"); done
    return 0
  fi
  if [ -d "Sources/$m/include" ] && ls "Sources/$m"/*.c >/dev/null 2>&1; then   # C target: objects + module map
    mkdir -p "$OUT/cmods/$m" "$OUT/lib/$m"
    printf 'module %s {\n  umbrella "%s"\n  export *\n}\n' "$m" "$ROOT/Sources/$m/include" > "$OUT/cmods/$m/module.modulemap"
    local c
    for c in "Sources/$m"/*.c; do
      clang -O1 -g -fsanitize=fuzzer-no-link,address -I "Sources/$m/include" -c "$c" -o "$OUT/lib/$m/$(basename "$c" .c).o"
      OBJECTS+=("$OUT/lib/$m/$(basename "$c" .c).o")
    done
    MODULE_FLAGS+=(-I "$OUT/cmods/$m")
    local lib
    for lib in $(c_target_libs "$m"); do LINK_FLAGS+=("$lib"); done
    return 0
  fi
  echo "fuzz: building module $m" >&2
  local sources
  mapfile -t sources < <(find "Sources/$m" -name '*.swift' | sort)
  swiftc "${SAN[@]}" "${SWIFT_FLAGS[@]}" -wmo -module-name "$m" "${MODULE_FLAGS[@]}" -I "$OUT/modules" \
    -emit-module -emit-module-path "$OUT/modules/$m.swiftmodule" \
    -emit-library -static -o "$OUT/lib/lib$m.a" "${sources[@]}" 2> >(grep -v 'warning: Cannot export' >&2)
  LINK_FLAGS+=("-l$m")
}

build_target() {
  local t=$1 file="Fuzz/Targets/$1.swift"
  [ -f "$file" ] || { echo "fuzz: no target $file" >&2; return 2; }
  local m
  for m in $(header "$file" fuzz-modules); do build_module "$m"; done
  local extra=()
  read -r -a extra <<< "$(header "$file" fuzz-sources)"
  echo "fuzz: building target $t" >&2
  # Libraries are linked in reverse build order so each one's dependencies follow it.
  local libs=() i
  for (( i=${#LINK_FLAGS[@]}-1; i>=0; i-- )); do libs+=("${LINK_FLAGS[$i]}"); done
  # shellcheck disable=SC2086
  swiftc "${SAN[@]}" "${SWIFT_FLAGS[@]}" -module-name "Fuzz$t" "${MODULE_FLAGS[@]}" -I "$OUT/modules" -L "$OUT/lib" \
    "$file" Fuzz/Support/*.swift "${extra[@]}" "${OBJECTS[@]}" "${libs[@]}" ${FUZZ_EXTRA_LDFLAGS:-} \
    -o "$OUT/bin/$t" 2> >(grep -v 'warning: Cannot export' >&2)
}

for t in "${TARGETS[@]}"; do build_target "$t" || exit 2; done
[ "$BUILD_ONLY" = 1 ] && { echo "fuzz: built ${TARGETS[*]} in $OUT/bin"; exit 0; }

# Seeds: the pinned test files and the regression inputs (both small), plus the phantom's files when a
# lightbox binary is already built (cut to FUZZ_MAX_LEN by libFuzzer, which keeps their headers). A target
# with a folder Fuzz/Seeds/<target> (inputs that are not Part 10 files) is seeded from that folder instead.
SEEDS="$OUT/seeds"
if [ ! -d "$SEEDS" ] || [ -n "$(find Tests/DICOMTests/Regressions -newer "$SEEDS" -type f 2>/dev/null | head -1)" ]; then
  rm -rf "$SEEDS"; mkdir -p "$SEEDS"
  n=0
  if [ -d .testdata ]; then
    while IFS= read -r f; do cp "$f" "$SEEDS/testdata-$n"; n=$((n + 1)); done < <(find .testdata -type f -size -"$((MAX_LEN / 1024 + 1))"k | sort)
  else
    echo "fuzz: .testdata missing (run scripts/fetch-testdata.sh for a better seed corpus)" >&2
  fi
  for f in Tests/DICOMTests/Regressions/*; do [ -f "$f" ] && cp "$f" "$SEEDS/$(basename "$f")"; done
  for lb in .build/release/lightbox .build/debug/lightbox; do
    if [ -x "$lb" ]; then
      "$lb" phantom --out "$OUT/phantom" >/dev/null 2>&1 && find "$OUT/phantom" -type f | sort | awk 'NR % 40 == 1' \
        | while IFS= read -r f; do cp "$f" "$SEEDS/phantom-$(basename "$f")"; done
      break
    fi
  done
  echo "fuzz: $(ls "$SEEDS" | wc -l) seed files in $SEEDS" >&2
fi

run_target() {
  local t=$1
  local corpus="$OUT/corpus/$t" findings="$OUT/findings/$t" log="$OUT/logs/$t.log" seeds="$SEEDS"
  [ -d "Fuzz/Seeds/$t" ] && seeds="$ROOT/Fuzz/Seeds/$t"   # targets whose input is not a Part 10 file
  mkdir -p "$corpus" "$findings"
  # shellcheck disable=SC2086
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/$t" "$corpus" "$seeds" \
    -max_total_time="$TIME" -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT" -max_len="$MAX_LEN" \
    -print_final_stats=1 -artifact_prefix="$findings/" ${FUZZ_ARGS:-} > "$log" 2>&1 || true
}

STAMP="$OUT/.run-stamp"; touch "$STAMP"; sleep 1
echo "fuzz: running ${#TARGETS[@]} target(s) for ${TIME}s each, $PARALLEL at a time" >&2
running=0
for t in "${TARGETS[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$PARALLEL" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

status=0
printf '%-16s %12s %8s %8s %10s %14s %14s  %s\n' target execs exec/s cov ft corpus total-execs findings
for t in "${TARGETS[@]}"; do
  log="$OUT/logs/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<< "$last")
  total=$(awk -v t="$t" '$1 == t { s += $2 } END { print s + 0 }' "$OUT/totals.tsv" 2>/dev/null || echo 0)
  total=$((total + ${execs:-0}))
  printf '%s\t%s\t%s\n' "$t" "${execs:-0}" "$(date -u +%FT%TZ)" >> "$OUT/totals.tsv"
  found=$(find "$OUT/findings/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) -newer "$STAMP" 2>/dev/null | grep -v slow-unit || true)
  nfound=$(grep -c . <<< "$found" || true)
  printf '%-16s %12s %8s %8s %10s %14s %14s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$total" "$nfound"
  if [ "$nfound" -gt 0 ]; then
    status=1
    echo "$found" | sed 's/^/    finding: /'
    grep -m1 -E 'ERROR: |Fatal error|==[0-9]+==' "$log" | sed 's/^/    /' || true
    echo "    log: $log"
  fi
done
exit $status

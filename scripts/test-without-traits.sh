#!/usr/bin/env bash
# Builds lightbox without the default package traits (DICOMweb, Server), as `make demo` does, and checks that
# such a build renders the demo, has no `serve`, and refuses a DICOMweb input with exit code 2 and a message.
set -euo pipefail
SWIFT="${SWIFT:-swift}"
SCRATCH=".build-notraits"
"$SWIFT" build --disable-default-traits --product lightbox --scratch-path "$SCRATCH"
LIGHTBOX="$(pwd)/$("$SWIFT" build --disable-default-traits --scratch-path "$SCRATCH" --show-bin-path | sed "s|^$(pwd)/||")/lightbox"
failures=0
fail() { echo "test-without-traits: $1" >&2; failures=$((failures + 1)); }

for dir in "$SCRATCH"/debug/Hummingbird.build "$SCRATCH"/debug/AsyncHTTPClient.build; do
    if ls "$dir"/*.o >/dev/null 2>&1; then fail "$(basename "$dir" .build) was compiled"; fi
done
work="$(mktemp -d)"
case "$("$LIGHTBOX" serve 2>&1 || true)" in *"Unexpected argument 'serve'"*) ;; *) fail "serve exists without the Server trait" ;; esac
status=0
message="$("$LIGHTBOX" render dicomweb:http://127.0.0.1:9/studies/1/series/2 -o "$work/x.png" 2>&1)" || status=$?
[ "$status" = 2 ] || fail "a DICOMweb input exited $status, not 2"
case "$message" in *"built without DICOMweb support"*) ;; *) fail "a DICOMweb input said: $message" ;; esac
(cd "$work" && "$LIGHTBOX" demo --quiet >/dev/null) || fail "lightbox demo failed"
[ -s "$work/lightbox-demo/fusion.png" ] || fail "lightbox demo wrote no fusion.png"
rm -rf "$work"
if [ "$failures" -gt 0 ]; then exit 1; fi
echo "test-without-traits: 1 passed, 0 failed"

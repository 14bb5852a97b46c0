#!/bin/sh
# `make install` into a fresh prefix (debug build, the one `make test` just built), then, from another folder, the
# installed lightbox prints its version, renders the demo with the installed shaders, lists the installed volume-rendering presets, and has a man page that man
# reads and completion scripts.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)
elsewhere=$(mktemp -d)
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
make -C "$root" --no-print-directory install PREFIX="$prefix" CONFIG=debug >/dev/null
cd "$elsewhere"
"$prefix/bin/lightbox" --version
# strace shows which shader files the installed binary opens: the installed ones, not the build folder's.
strace -f -e trace=openat -o "$elsewhere/open.log" "$prefix/bin/lightbox" demo --quiet
test -s lightbox-demo/fusion.png || { echo "test-install: the installed lightbox wrote no lightbox-demo/fusion.png" >&2; exit 1; }
grep -q "\"$prefix/share/lightbox/glsl/" "$elsewhere/open.log" && ! grep "\.glsl\|\.frag\|\.vert" "$elsewhere/open.log" | grep -vq "$prefix/share/lightbox/glsl/" \
  || { echo "test-install: the installed lightbox read shaders from outside $prefix/share/lightbox/glsl" >&2; exit 1; }
# The volume-rendering presets come from the installed share folder as well.
strace -f -e trace=openat -o "$elsewhere/presets.log" "$prefix/bin/lightbox" presets | grep -q "CT-Bone" \
  || { echo "test-install: the installed lightbox lists no CT-Bone preset" >&2; exit 1; }
grep -q "\"$prefix/share/lightbox/presets/volume-presets.json\"" "$elsewhere/presets.log" \
  || { echo "test-install: the installed lightbox read its presets from outside $prefix/share/lightbox/presets" >&2; exit 1; }
MANWIDTH=100 man -l "$prefix/share/man/man1/lightbox.1" 2>/dev/null | grep -q "lightbox diff" \
  || { echo "test-install: man -l shows no 'lightbox diff' in the installed page" >&2; exit 1; }
bash -n "$prefix/share/bash-completion/completions/lightbox"
grep -q "_lightbox" "$prefix/share/zsh/site-functions/_lightbox"
grep -Eq "complete -c '?lightbox'?" "$prefix/share/fish/vendor_completions.d/lightbox.fish"
echo "test-install: 1 passed, 0 failed"

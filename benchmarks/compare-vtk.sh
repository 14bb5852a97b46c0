#!/usr/bin/env bash
# Lightbox against VTK on the same voxels, cameras, output size and llvmpipe, in one run on one machine.
#
#   benchmarks/compare-vtk.sh [--runs N] [--min-seconds S] [--no-scaling]
#
# 1. builds `lightbox` (release) and writes the benchmark CT with `lightbox bench export`:
#    ct.raw + ct.json (geometry and the cameras `bench render` times) and CT/, PET/ as DICOM;
# 2. makes benchmarks/.venv with a pinned VTK wheel from PyPI (VTK_VERSION below) and renders
#    offscreen through OSMesa (VTK_DEFAULT_OPENGL_WINDOW=vtkOSOpenGLRenderWindow, Debian's libosmesa6);
# 3. times `lightbox bench render --json` and benchmarks/vtk_bench.py (median of N frames, or of as many as
#    fill S seconds when that is more — hundreds for the millisecond views; one warm-up frame; readback in);
# 4. times the first frame from the DICOM folder (a fresh process each side, process start included);
# 5. measures the peak RSS of `lightbox render` drawing the 3×3 + MIP PET/CT layout from the files;
# 6. times Lightbox against output size and slice count (skip with --no-scaling);
# 7. prints the table (with the mean absolute difference and SSIM of the two sides' volume renderings, whose PNGs
#    stay in benchmarks/scratch/ as lightbox_volume_rendering_*.png and vtk_volume_rendering_*.png) and writes
#    benchmarks/results/latest.json.
set -euo pipefail

VTK_VERSION=9.4.2
RUNS=11
MIN_SECONDS=2
SCALING=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --min-seconds) MIN_SECONDS="$2"; shift 2 ;;
        --no-scaling) SCALING=0; shift ;;
        *) echo "usage: $0 [--runs N] [--min-seconds S] [--no-scaling]" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
WORK="$BENCH/scratch"
RESULTS="$BENCH/results"
mkdir -p "$WORK" "$RESULTS"
export VTK_DEFAULT_OPENGL_WINDOW=vtkOSOpenGLRenderWindow

echo "== build"
(cd "$ROOT" && swift build -c release --product lightbox >/dev/null)
LIGHTBOX="$ROOT/.build/release/lightbox"

echo "== export the benchmark CT (raw + JSON + DICOM)"
rm -rf "$WORK/data"
"$LIGHTBOX" bench export --out "$WORK/data"

echo "== VTK $VTK_VERSION venv"
if [ ! -x "$BENCH/.venv/bin/python" ]; then python3 -m venv "$BENCH/.venv"; fi
"$BENCH/.venv/bin/pip" install -q "vtk==$VTK_VERSION" "numpy<3"
PY="$BENCH/.venv/bin/python"

sync   # the export's writeback must not run under the timings
echo "== Lightbox: bench render (median of ≥ $RUNS frames, ≥ $MIN_SECONDS s per figure)"
"$LIGHTBOX" bench render --runs "$RUNS" --min-seconds "$MIN_SECONDS" --json --png "$WORK" > "$WORK/lightbox.json"

echo "== VTK: vtk_bench.py (median of ≥ $RUNS frames, ≥ $MIN_SECONDS s per figure)"
"$PY" "$BENCH/vtk_bench.py" "$WORK/data" --runs "$RUNS" --min-seconds "$MIN_SECONDS" --json "$WORK/vtk.json" --png "$WORK"

echo "== time to first frame from the DICOM folder (3 fresh processes each)"
ms() { python3 -c 'import sys,time; print(int(time.time_ns()//1000000))'; }
: > "$WORK/ttff.txt"
for run in 1 2 3; do
    t0=$(ms); "$LIGHTBOX" render "$WORK/data/CT" -o "$WORK/ttff_lightbox.png" --force --view axial --preset mediastinum >/dev/null; t1=$(ms)
    echo "lightbox $((t1 - t0))" >> "$WORK/ttff.txt"
    t0=$(ms); "$PY" "$BENCH/vtk_bench.py" --ttff "$WORK/data/CT" > "$WORK/ttff_vtk.json"; t1=$(ms)
    echo "vtk $((t1 - t0))" >> "$WORK/ttff.txt"
done

echo "== memory: peak RSS of lightbox rendering the PET/CT layout from the files"
# VmHWM is the kernel's own peak of the resident set; RssAnon (heap, voxels, textures: memory that is the process's
# alone) is sampled every 20 ms. The difference is mostly shared libraries mapped from disk (LLVM, Mesa, Swift runtime).
"$LIGHTBOX" render --ct "$WORK/data/CT" --pet "$WORK/data/PET" -o "$WORK/layout.png" --force --view layout-3x3 --size 1024x640 >/dev/null &
pid=$!; hwm=0; anon=0
while kill -0 "$pid" 2>/dev/null; do
    read -r h a < <(awk '/^VmHWM/ {h = $2} /^RssAnon/ {a = $2} END {print h + 0, a + 0}' "/proc/$pid/status" 2>/dev/null || echo "0 0")
    [ "${h:-0}" -gt "$hwm" ] && hwm=$h
    [ "${a:-0}" -gt "$anon" ] && anon=$a
    sleep 0.02
done
wait "$pid"
printf 'peakRSSKiB %s\npeakAnonKiB %s\n' "$hwm" "$anon" > "$WORK/memory.txt"

: > "$WORK/scaling.jsonl"
if [ "$SCALING" = 1 ]; then
    echo "== scaling: output size and slice count"
    FIGS="axial MPR|oblique MPR|rotated MIP 30°, bone"
    for size in 256 512 1024; do
        "$LIGHTBOX" bench render --runs 5 --min-seconds 1 --size "$size" --filter "$FIGS" --json | "$PY" -c "import json,sys; r=json.load(sys.stdin); r['size']=$size; r['slices']=300; print(json.dumps(r))" >> "$WORK/scaling.jsonl"
    done
    for slices in 150 600; do
        "$LIGHTBOX" bench render --runs 5 --min-seconds 1 --slices "$slices" --filter "$FIGS" --json | "$PY" -c "import json,sys; r=json.load(sys.stdin); r['size']=512; r['slices']=$slices; print(json.dumps(r))" >> "$WORK/scaling.jsonl"
    done
fi

"$PY" "$BENCH/compare.py" "$WORK" "$RESULTS/latest.json"

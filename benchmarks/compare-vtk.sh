#!/usr/bin/env bash
# Lightbox against VTK on the same voxels, cameras, output size and llvmpipe, in one run on one machine.
#
#   benchmarks/compare-vtk.sh [--runs N] [--no-scaling]
#
# 1. builds `lightbox` (release) and writes the benchmark CT with `lightbox bench export`:
#    ct.raw + ct.json (geometry and the cameras `bench render` times) and CT/, PET/ as DICOM;
# 2. makes benchmarks/.venv with a pinned VTK wheel from PyPI (VTK_VERSION below) and renders
#    offscreen through OSMesa (VTK_DEFAULT_OPENGL_WINDOW=vtkOSOpenGLRenderWindow, Debian's libosmesa6);
# 3. times `lightbox bench render --json` and benchmarks/vtk_bench.py (median of N frames, readback in);
# 4. times the first frame from the DICOM folder (a fresh process each side, process start included);
# 5. measures the peak RSS of `lightbox render` drawing the 3×3 + MIP PET/CT layout from the files;
# 6. times Lightbox against output size and slice count (skip with --no-scaling);
# 7. prints the table and writes benchmarks/results/latest.json.
set -euo pipefail

VTK_VERSION=9.4.2
RUNS=11
SCALING=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --no-scaling) SCALING=0; shift ;;
        *) echo "usage: $0 [--runs N] [--no-scaling]" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
WORK="$BENCH/work"
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

echo "== Lightbox: bench render (median of $RUNS)"
"$LIGHTBOX" bench render --runs "$RUNS" --json > "$WORK/lightbox.json"

echo "== VTK: vtk_bench.py (median of $RUNS)"
"$PY" "$BENCH/vtk_bench.py" "$WORK/data" --runs "$RUNS" --json "$WORK/vtk.json" --png "$WORK"

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
/usr/bin/time -v "$LIGHTBOX" render --ct "$WORK/data/CT" --pet "$WORK/data/PET" -o "$WORK/layout.png" --force --view layout-3x3 --size 1024x640 \
    > /dev/null 2> "$WORK/memory.txt"

: > "$WORK/scaling.jsonl"
if [ "$SCALING" = 1 ]; then
    echo "== scaling: output size and slice count"
    FIGS="axial MPR|oblique MPR|rotated MIP 30°, bone"
    for size in 256 512 1024; do
        "$LIGHTBOX" bench render --runs 5 --size "$size" --filter "$FIGS" --json | "$PY" -c "import json,sys; r=json.load(sys.stdin); r['size']=$size; r['slices']=300; print(json.dumps(r))" >> "$WORK/scaling.jsonl"
    done
    for slices in 150 600; do
        "$LIGHTBOX" bench render --runs 5 --slices "$slices" --filter "$FIGS" --json | "$PY" -c "import json,sys; r=json.load(sys.stdin); r['size']=512; r['slices']=$slices; print(json.dumps(r))" >> "$WORK/scaling.jsonl"
    done
fi

"$PY" "$BENCH/compare.py" "$WORK" "$RESULTS/latest.json"

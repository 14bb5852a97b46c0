#!/usr/bin/env bash
# `lightbox bench dicomweb` against a local Orthanc, the way the DICOMweb tests serve it: writes the benchmark
# phantom (CT 512×512×300, PET 128×128×60), starts Orthanc on loopback with its own state under .build-bench/,
# stores the study, runs the benchmark on the PET and on the CT, and stops Orthanc.
#
# Usage: benchmarks/dicomweb.sh [--runs N]      (needs: make deps; release build of lightbox)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS=5
[ "${1:-}" = "--runs" ] && RUNS="$2"
swift build -c release --product lightbox
LIGHTBOX=.build/release/lightbox
STUDY=.build-bench/dicomweb-phantom
[ -d "$STUDY/CT" ] || $LIGHTBOX phantom --out "$STUDY" --ct-size 512x512x300 --ct-spacing 0.8,2 --quiet
export LIGHTBOX_ORTHANC_STATE="$ROOT/.build-bench/orthanc"
trap 'scripts/orthanc.sh stop' EXIT
eval "$(scripts/orthanc.sh start)"
python3 - "$LIGHTBOX_ORTHANC_URL" "$STUDY/CT" "$STUDY/PET" <<'PY'
import concurrent.futures, os, sys, urllib.request
base, folders = sys.argv[1], sys.argv[2:]
files = [os.path.join(d, f) for d in folders for f in sorted(os.listdir(d))]
def store(path):
    with open(path, "rb") as f:
        request = urllib.request.Request(base + "/instances", data=f.read(), headers={"Content-Type": "application/dicom"})
    urllib.request.urlopen(request).read()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(store, files))
PY
ROOT_UID=2.25.290136951283746505823178450198221460917
for SERIES in 4 3; do
    $LIGHTBOX bench dicomweb "dicomweb:$LIGHTBOX_ORTHANC_URL/dicom-web/studies/$ROOT_UID.1/series/$ROOT_UID.$SERIES" --runs "$RUNS"
done

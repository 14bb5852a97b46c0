#!/usr/bin/env bash
# `lightbox serve` under load: wrk, 32 connections for 30 s, over the request mix of benchmarks/serve-load.lua
# (thumbnails, rendered instances, MPR MIP slabs, 3D MIPs of one CT series), in front of a local Orthanc with
# scripts/fault-proxy.py between them counting what reaches the origin. Prints wrk's throughput and p50/p99
# latency, the answers by status, the server's peak RSS (VmHWM) beside its cache budget, and the origin requests
# (one metadata request and one stream of the series, however many requests asked for it).
#
# Usage: benchmarks/serve-load.sh [--connections N] [--seconds S] [--cache-mib M] [--debug]
#        (needs: make deps — orthanc, orthanc-dicomweb, wrk; builds lightbox in release, or debug with --debug)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CONNECTIONS=32 SECONDS_=30 CACHE_MIB=1024 CONFIG=release
while [ $# -gt 0 ]; do
    case "$1" in
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --seconds) SECONDS_="$2"; shift 2 ;;
        --cache-mib) CACHE_MIB="$2"; shift 2 ;;
        --debug) CONFIG=debug; shift ;;
        *) echo "usage: $0 [--connections N] [--seconds S] [--cache-mib M] [--debug]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: make deps" >&2; exit 2; }
swift build -c "$CONFIG" --product lightbox
LIGHTBOX="$(swift build -c "$CONFIG" --show-bin-path)/lightbox"
STUDY_DIR=.build-bench/serve-phantom
[ -d "$STUDY_DIR/CT" ] || $LIGHTBOX phantom --out "$STUDY_DIR" --ct-size 512x512x300 --ct-spacing 0.8,2 --quiet
export LIGHTBOX_ORTHANC_STATE="$ROOT/.build-bench/orthanc-serve"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; scripts/orthanc.sh stop >/dev/null; }
trap cleanup EXIT
eval "$(scripts/orthanc.sh start)"
python3 - "$LIGHTBOX_ORTHANC_URL" "$STUDY_DIR/CT" <<'PY'
import concurrent.futures, os, sys, urllib.request
base, folder = sys.argv[1], sys.argv[2]
def store(name):
    with open(os.path.join(folder, name), "rb") as f:
        urllib.request.urlopen(urllib.request.Request(base + "/instances", data=f.read(), headers={"Content-Type": "application/dicom"})).read()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(store, sorted(os.listdir(folder))))
PY
# UIDs of the CT, for the request mix.
eval "$(python3 - "$LIGHTBOX_ORTHANC_URL" <<'PY'
import json, sys, urllib.request
base = sys.argv[1] + "/dicom-web"
get = lambda url: json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/dicom+json"})))
value = lambda o, tag: o[tag]["Value"][0]
study = value(get(base + "/studies")[0], "0020000D")
series = [s for s in get(f"{base}/studies/{study}/series") if value(s, "00080060") == "CT"][0]
uid = value(series, "0020000E")
instances = [value(i, "00080018") for i in get(f"{base}/studies/{study}/series/{uid}/instances")]
print(f"export STUDY={study} SERIES={uid} INSTANCES={','.join(instances)}")
PY
)"
# The counting proxy in front of Orthanc (its stdin stays open through a fifo until the end).
mkfifo .build-bench/serve-proxy-in 2>/dev/null || true
exec 3<>.build-bench/serve-proxy-in
python3 scripts/fault-proxy.py --upstream "$LIGHTBOX_ORTHANC_URL" --max-seconds 900 <&3 > .build-bench/serve-proxy.out &
PIDS+=($!)
until grep -q PORT .build-bench/serve-proxy.out 2>/dev/null; do sleep 0.1; done
PROXY="http://127.0.0.1:$(awk '/PORT/ {print $2}' .build-bench/serve-proxy.out)"
$LIGHTBOX serve --origin "$PROXY/dicom-web" --port 0 --cache-bytes $((CACHE_MIB << 20)) --max-concurrent 2 --queue 64 \
    > .build-bench/serve.out 2> .build-bench/serve.log &
SERVER=$!
PIDS+=($SERVER)
until grep -q listening .build-bench/serve.out 2>/dev/null; do sleep 0.1; done
URL="$(awk '/listening/ {print $NF}' .build-bench/serve.out)"
echo "server $URL (pid $SERVER), cache budget $CACHE_MIB MiB, CT 512×512×300 int16 ($((512 * 512 * 300 * 2 >> 20)) MiB)"
echo "build: $CONFIG; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); renderer: llvmpipe (OSMesa)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --timeout 60s -s benchmarks/serve-load.lua "$URL"
RSS_KIB=$(awk '/VmHWM/ {print $2}' /proc/$SERVER/status)
echo "peak RSS $((RSS_KIB >> 10)) MiB; cache budget $CACHE_MIB MiB; RSS − budget = $(((RSS_KIB >> 10) - CACHE_MIB)) MiB"
curl -s "$URL/metrics" | grep -E '^lightbox_(series_opened|series_shared|origin_requests|cache_used|http_requests_total)' | sort
python3 - "$PROXY" <<'PY'
import collections, json, re, sys, urllib.request
requests = json.load(urllib.request.urlopen(sys.argv[1] + "/__proxy/requests"))
kinds = collections.Counter()
for r in requests:
    path = r["path"].split("?")[0]
    kind = ("metadata" if path.endswith("/metadata") else "frames" if "/frames/" in path
            else "series retrieve" if re.search(r"/series/[^/]+$", path) else "instance retrieve" if re.search(r"/instances/[^/]+$", path) else "other")
    kinds[kind] += 1
print("origin requests:", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none")
PY

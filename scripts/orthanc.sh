#!/usr/bin/env bash
# Start or stop the two local Orthanc servers the DICOMweb tests stream from.
#
# Usage:  scripts/orthanc.sh start     # prints `export LIGHTBOX_ORTHANC_…=…` lines
#         scripts/orthanc.sh stop
#         scripts/orthanc.sh status
#
# Two instances, both HTTP on a free loopback port, DICOM (DIMSE) server off, DICOMweb plugin on
# at /dicom-web/, remote access off, each with its own storage in a temp folder:
#   open   no authentication                 -> LIGHTBOX_ORTHANC_URL
#   auth   HTTP basic authentication on      -> LIGHTBOX_ORTHANC_AUTH_URL, _USER, _PASSWORD
# The password is random per start. The state (configs, storage, logs, pids, env) lives in
# $LIGHTBOX_ORTHANC_STATE, default <repo>/.orthanc (git-ignored); the tests read <state>/env when
# the variables are not exported. Needs: Debian packages orthanc, orthanc-dicomweb; python3.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${LIGHTBOX_ORTHANC_STATE:-$ROOT/.orthanc}"
ORTHANC="${ORTHANC_BIN:-$(command -v Orthanc || echo /usr/sbin/Orthanc)}"

find_plugin() {
    local candidate
    for candidate in $(dpkg -L orthanc-dicomweb 2>/dev/null | grep -E 'libOrthancDicomWeb\.so' || true) \
                     /usr/share/orthanc/plugins/libOrthancDicomWeb.so; do
        [ -f "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_ready() {  # url [user password]
    python3 - "$@" <<'PY'
import base64, sys, time, urllib.request
url = sys.argv[1] + "/system"
headers = {}
if len(sys.argv) > 3:
    headers["Authorization"] = "Basic " + base64.b64encode(f"{sys.argv[2]}:{sys.argv[3]}".encode()).decode()
deadline = time.time() + 60
while time.time() < deadline:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except Exception:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
}

write_config() {  # name port auth(true|false) user password plugin
    local name="$1" port="$2" auth="$3" user="$4" password="$5" plugin="$6" dir="$STATE/$1"
    mkdir -p "$dir/db"
    local users="{}"
    [ "$auth" = true ] && users="{ \"$user\" : \"$password\" }"
    cat > "$dir/orthanc.json" <<JSON
{
  "Name" : "lightbox-$name",
  "StorageDirectory" : "$dir/db",
  "IndexDirectory" : "$dir/db",
  "StorageCompression" : false,
  "Plugins" : [ "$plugin" ],
  "HttpServerEnabled" : true,
  "HttpPort" : $port,
  "HttpCompressionEnabled" : true,
  "HttpDescribeErrors" : true,
  "HttpThreadsCount" : 16,
  "KeepAlive" : true,
  "DicomServerEnabled" : false,
  "DicomPort" : 0,
  "RemoteAccessAllowed" : false,
  "AuthenticationEnabled" : $auth,
  "RegisteredUsers" : $users,
  "SslEnabled" : false,
  "ExecuteLuaEnabled" : false,
  "ConcurrentJobs" : 1,
  "DicomWeb" : { "Enable" : true, "Root" : "/dicom-web/", "EnableWado" : false, "Ssl" : false,
                 "StudiesMetadata" : "Full", "SeriesMetadata" : "Full" }
}
JSON
    chmod 600 "$dir/orthanc.json"
}

start_one() {  # name auth user password plugin
    local name="$1" dir="$STATE/$1" port
    port="$(free_port)"
    write_config "$name" "$port" "$2" "$3" "$4" "$5"
    nohup "$ORTHANC" "$dir/orthanc.json" > "$dir/orthanc.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
    echo "$port" > "$dir/port"
    local args=("http://127.0.0.1:$port")
    [ "$2" = true ] && args+=("$3" "$4")
    if ! wait_ready "${args[@]}"; then
        echo "orthanc.sh: the '$name' Orthanc did not answer /system within 60 s; its log:" >&2
        tail -n 30 "$dir/orthanc.log" >&2 || true
        return 1
    fi
}

stop() {
    local name pid
    for name in open auth; do
        [ -f "$STATE/$name/pid" ] || continue
        pid="$(cat "$STATE/$name/pid")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$STATE/$name/pid"
    done
    rm -rf "$STATE/open" "$STATE/auth" "$STATE/env"
    rmdir "$STATE" 2>/dev/null || true
}

start() {
    [ -x "$ORTHANC" ] || { echo "orthanc.sh: Orthanc not found; install the Debian packages: apt-get install orthanc orthanc-dicomweb" >&2; exit 1; }
    local plugin
    plugin="$(find_plugin)" || { echo "orthanc.sh: the DICOMweb plugin is missing; apt-get install orthanc-dicomweb" >&2; exit 1; }
    stop
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    local user=lightbox password
    password="$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
    start_one open false "" "" "$plugin" || { stop; exit 1; }
    start_one auth true "$user" "$password" "$plugin" || { stop; exit 1; }
    cat > "$STATE/env" <<ENV
export LIGHTBOX_ORTHANC_URL=http://127.0.0.1:$(cat "$STATE/open/port")
export LIGHTBOX_ORTHANC_AUTH_URL=http://127.0.0.1:$(cat "$STATE/auth/port")
export LIGHTBOX_ORTHANC_AUTH_USER=$user
export LIGHTBOX_ORTHANC_AUTH_PASSWORD=$password
ENV
    chmod 600 "$STATE/env"
    cat "$STATE/env"
    echo "orthanc.sh: two Orthanc servers up (state in $STATE); stop with scripts/orthanc.sh stop" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status)
        for name in open auth; do
            if [ -f "$STATE/$name/pid" ] && kill -0 "$(cat "$STATE/$name/pid")" 2>/dev/null; then
                echo "$name: running on port $(cat "$STATE/$name/port")"
            else
                echo "$name: stopped"
            fi
        done ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

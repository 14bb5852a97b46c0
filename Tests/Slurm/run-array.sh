#!/usr/bin/env bash
# The thumbnails job as a real Slurm array job: starts munged and a one-node Slurm (slurmctld, slurmd) in a
# temporary folder, submits examples/slurm/thumbnails-array.sh with --array=0-3 over a synthetic archive
# (`lightbox phantom --archive`), merges the four shard reports and checks the merged report against a run over
# the whole archive: the same series, each exactly once, the same thumbnail paths and bytes. Then it submits the
# array again as --array=1-7:2 (four tasks, ids 1,3,5,7: shards by position) and checks that the reruns leave
# every report and thumbnail as it was. Everything it starts is stopped by process id when it exits.
#
# Usage: Tests/Slurm/run-array.sh path/to/lightbox
# Needs root and the Debian packages munge slurmctld slurmd slurm-client (make deps); without them it skips,
# except under CI=true, where it fails.
set -euo pipefail

lightbox=$(realpath "${1:?usage: $0 path/to/lightbox}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
job_script="$repo/examples/slurm/thumbnails-array.sh"
series=24

skip() {
  if [ "${CI:-}" = true ]; then echo "Slurm array test: FAILED: $1 (CI=true: this test must run)" >&2; exit 1; fi
  echo "Slurm array test: skipped: $1" >&2
  exit 0
}
fail() { echo "Slurm array test: FAILED: $1" >&2; exit 1; }

[ "$(id -u)" = 0 ] || skip "it must run as root (it starts munged as the munge user and slurmd as root)"
for tool in munged slurmctld slurmd sbatch scontrol sinfo setpriv python3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (make deps installs munge slurmctld slurmd slurm-client)"
done
id munge >/dev/null 2>&1 || skip "there is no munge user (install the munge package)"
[ -x "$lightbox" ] || fail "$lightbox is not an executable"

work=$(mktemp -d -t lightbox-slurm.XXXXXX)
chmod 755 "$work"
pids=()
stop() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then
    for log in "$work"/munge/munged.log "$work"/logs/*; do
      [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
    done >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT

# munged, as the munge user, on its own socket, with a key created here.
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/logs"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 755 "$work/munge"
chmod 400 "$work/munge/munge.key"
chown -R munge:munge "$work/munge"
setpriv --reuid=munge --regid=munge --init-groups munged --foreground --socket="$work/munge/socket" \
  --key-file="$work/munge/munge.key" --log-file="$work/munge/munged.log" --pid-file="$work/munge/munged.pid" \
  --seed-file="$work/munge/munged.seed" >"$work/logs/munged.out" 2>&1 &
pids+=($!)

# A one-node cluster on free loopback ports; no cgroups, no accounting.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
host=$(hostname -s)
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<EOF
ClusterName=lightbox-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
for _ in $(seq 50); do [ -S "$work/munge/socket" ] && break; sleep 0.1; done
[ -S "$work/munge/socket" ] || fail "munged did not start"
slurmctld -D -f "$SLURM_CONF" >"$work/logs/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/logs/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
  state=$(sinfo --noheader --nodes="$host" --format=%t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the Slurm node did not become idle (state '$state')"

# The archive, and the oracle: one run over the whole archive.
"$lightbox" phantom --archive "$series" --out "$work/archive" --quiet
"$lightbox" thumbnails "$work/archive" -o "$work/whole" --layout hashed --jobs 1 --quiet

submit() {
  ARCHIVE="$work/archive" OUT="$work/thumbs" LIGHTBOX="$lightbox" \
    sbatch --quiet --wait --array="$1" --chdir="$work" --output="$work/logs/%A_%a.log" "$job_script" \
    || fail "sbatch --array=$1 did not succeed"
}

submit 0-3
reports=("$work"/thumbs/thumbnails-shard-{0,1,2,3}-of-4.json)
for report in "${reports[@]}"; do [ -f "$report" ] || fail "no report $(basename "$report")"; done
"$lightbox" thumbnails merge "${reports[@]}" -o "$work/thumbs/thumbnails.json" || fail "merging the four reports failed"

python3 - "$work/whole/thumbnails.json" "$work/thumbs/thumbnails.json" "$series" <<'EOF' || fail "the merged report differs from the whole-archive run"
import json, sys
whole, merged, count = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
series = lambda report: [(e["seriesInstanceUID"], e["output"], e["status"]) for e in report["entries"] if "seriesInstanceUID" in e]
uids = [s[0] for s in series(merged)]
assert len(uids) == count and len(set(uids)) == count, f"{len(uids)} entries, {len(set(uids))} series, expected {count}"
assert all(s[2] == "ok" for s in series(merged)), series(merged)
assert sorted(series(merged)) == sorted(series(whole)), (series(merged), series(whole))
assert merged["shard"] == "0/1" and merged["layout"] == "hashed", (merged["shard"], merged["layout"])
EOF
while read -r path; do
  cmp -s "$work/whole/$path" "$work/thumbs/$path" || fail "$path differs from the whole-archive run"
done < <(python3 -c 'import json, sys; [print(e["output"]) for e in json.load(open(sys.argv[1]))["entries"] if "output" in e]' "$work/thumbs/thumbnails.json")

# Again as --array=1-7:2: the same four shards (task ids 1, 3, 5, 7 by position); reruns change nothing.
mkdir "$work/first"
cp "${reports[@]}" "$work/thumbs/thumbnails.json" "$work/first/"
submit 1-7:2
for report in "${reports[@]}" "$work/thumbs/thumbnails.json"; do
  cmp -s "$report" "$work/first/$(basename "$report")" || fail "rerunning the shards changed $(basename "$report")"
done
"$lightbox" thumbnails merge "${reports[@]}" -o "$work/thumbs/thumbnails.json"
cmp -s "$work/thumbs/thumbnails.json" "$work/first/thumbnails.json" || fail "merging again gave another report"
echo "Slurm array test: passed ($series series in 4 shards, --array=0-3 and --array=1-7:2)"

#!/usr/bin/env bash
# A real S3 gateway with Object Lock for the locker tests: a throwaway single-node Ceph cluster (one monitor, one OSD
# on memstore, radosgw) on 127.0.0.1, per ../shared/CEPH-S3.md. Needs root and the Debian packages ceph-mon, ceph-osd,
# radosgw, ceph-common (scripts/setup.sh installs them).
#
#   ceph-s3.sh start DIR          boot a fresh cluster in DIR; prints one line of JSON (endpoint, keys, pids)
#   ceph-s3.sh stop DIR           stop radosgw, then the OSD, then the monitor; remove DIR
#   ceph-s3.sh stop-gateway DIR   stop radosgw only (the data lives in the OSD's memory and survives)
#   ceph-s3.sh start-gateway DIR  start radosgw again and wait until it answers a signed request
#
# Logs go to DIR/log and stderr; stdout carries only the JSON line.
set -euo pipefail

# RGW signs with the zonegroup's name as the SigV4 region; a fresh cluster's zonegroup is "default".
REGION=default

log() { echo "ceph-s3: $*" >&2; }
die() { log "$*"; [ "${cmd:-}" = start ] && stop_all; exit 1; }

# A free TCP port on 127.0.0.1, chosen by the kernel (bind to 0), then released for the daemon to take.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# A random key of N characters from [A-Za-z0-9].
random_key() {
  LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1" || true
}

# Seconds since a `date +%s%N` stamp, two decimals (no bc: it is not on every machine).
since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

alive() { [ -n "$1" ] && [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# SIGTERM one daemon by its pid file, wait up to 10 s, then SIGKILL; only ever the pid we recorded.
stop_daemon() {
  local name=$1 pidfile=$2 pid waited=0
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! alive "$pid"; then rm -f "$pidfile"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  if alive "$pid"; then
    log "$name ($pid) still running after 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
  rm -f "$pidfile"
}

# Wait until the gateway answers a SIGNED ListBuckets with 200: an anonymous GET answers even with the OSD down,
# and a signed one proves the user exists and RGW reads from RADOS. curl 7.88 needs the payload hash set by hand.
wait_signed() {
  local endpoint=$1 access=$2 secret=$3 deadline=$((SECONDS + ${4:-90})) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      --aws-sigv4 "aws:amz:$REGION:s3" --user "$access:$secret" \
      -H 'x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
      "$endpoint/" || true)
    [ "$code" = 200 ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && die "the gateway did not answer a signed request in time (last HTTP $code); see $DIR/log"
    sleep 0.2
  done
}

# One at a time, gateway first: stopping all at once made radosgw hang 12-17 s.
stop_all() {
  stop_daemon radosgw "$DIR/pid/client.rgw.a.pid"
  stop_daemon osd "$DIR/pid/osd.0.pid"
  stop_daemon mon "$DIR/pid/mon.a.pid"
}

start_gateway() {
  radosgw -c "$CONF" -n client.rgw.a 2>>"$DIR/log/radosgw.stderr"
  local waited=0
  while [ ! -s "$DIR/pid/client.rgw.a.pid" ] && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  [ -s "$DIR/pid/client.rgw.a.pid" ] || die "radosgw wrote no pid file; see $DIR/log"
}

write_conf() {
  cat >"$CONF" <<CONF
[global]
fsid = $FSID
mon host = [v2:127.0.0.1:$MON_PORT]
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind port min = $MS_PORT_MIN
ms bind port max = $MS_PORT_MAX
auth cluster required = none
auth service required = none
auth client required = none
# with auth none, msgr2 'secure' mode is impossible and radosgw loops on
# "get_initial_auth_request returned -13" until its init timeout: use crc everywhere
ms mon client mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms cluster mode = crc
ms mon service mode = crc
ms service mode = crc
keyring = $DIR/keyring
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
pid file = $DIR/pid/\$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
rgw rados pool pg num min = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
osd objectstore = memstore
memstore device bytes = 4294967296
[mon]
mon data = $DIR/mon.\$id
# Each pool radosgw creates costs a few monitor commands, and each waited for the next 1 s proposal round (12 s
# boots); a test cluster with one monitor has nothing to batch.
paxos propose interval = 0.05
[osd]
osd data = $DIR/osd.\$id
osd op num shards = 2
osd op num threads per shard = 1
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
# Path-style for both names the tests use: a Host that is neither the dns name nor an IP ("localhost" beside
# 127.0.0.1) would be read as a virtual-hosted bucket name, and every request would answer NoSuchBucket.
rgw dns name = localhost
rgw init timeout = 60
CONF
}

cmd=${1:-}
DIR=${2:-}
[ -n "$cmd" ] && [ -n "$DIR" ] || die "usage: $0 start|stop|stop-gateway|start-gateway DIR"
DIR=$(realpath -m "$DIR")
CONF=$DIR/ceph.conf
STATE=$DIR/state.env

case "$cmd" in
  start)
    started=$(date +%s%N)
    [ -e "$CONF" ] && die "$DIR already holds a cluster"
    # memstore's mkfs writes its fsid into the OSD folder: it must exist beforehand.
    mkdir -p "$DIR"/{log,run,pid,osd.0}
    # A boot that fails half-way stops whatever it had started, so no daemon outlives a failed test.
    trap 'stop_all' ERR
    FSID=$(cat /proc/sys/kernel/random/uuid)
    MON_PORT=$(free_port)
    RGW_PORT=$(free_port)
    while [ "$RGW_PORT" = "$MON_PORT" ]; do RGW_PORT=$(free_port); done
    # The OSD and radosgw bind messenger ports from a range: give each cluster its own range so that two clusters
    # (parallel test files) do not race for the same ports.
    MS_PORT_MIN=$((20000 + (RANDOM % 400) * 100))
    MS_PORT_MAX=$((MS_PORT_MIN + 99))
    ACCESS_KEY=$(random_key 20)
    SECRET_KEY=$(random_key 40)
    ENDPOINT=http://127.0.0.1:$RGW_PORT
    printf 'ENDPOINT=%s\nACCESS_KEY=%s\nSECRET_KEY=%s\n' "$ENDPOINT" "$ACCESS_KEY" "$SECRET_KEY" >"$STATE"
    write_conf
    log "booting in $DIR (monitor :$MON_PORT, gateway :$RGW_PORT)"
    {
      monmaptool --create --clobber --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" --enable-all-features "$DIR/monmap"
      ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring"
      ceph-mon -c "$CONF" -i a
      ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$(cat /proc/sys/kernel/random/uuid)"
      ceph-osd -c "$CONF" -i 0
    } >>"$DIR/log/boot.log" 2>&1 || { tail -n 20 "$DIR/log/boot.log" >&2; die "the monitor or OSD did not start"; }
    log "monitor and OSD up after $(since "$started") s"
    # The user first: radosgw-admin creates the gateway's pools as it goes, and radosgw started alongside it raced
    # it for them (12 s boots instead of 4).
    radosgw-admin -c "$CONF" user create --uid=postproof-ci --display-name="PostProof CI" \
      --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >>"$DIR/log/boot.log" 2>&1 \
      || { tail -n 20 "$DIR/log/boot.log" >&2; die "radosgw-admin could not create the user"; }
    log "user created after $(since "$started") s"
    start_gateway
    wait_signed "$ENDPOINT" "$ACCESS_KEY" "$SECRET_KEY"
    trap - ERR
    elapsed=$(since "$started")
    log "ready at $ENDPOINT in ${elapsed} s"
    printf '{"endpoint":"%s","region":"%s","accessKeyId":"%s","secretAccessKey":"%s","dir":"%s","bootSeconds":%s,"pids":{"mon":%s,"osd":%s,"rgw":%s}}\n' \
      "$ENDPOINT" "$REGION" "$ACCESS_KEY" "$SECRET_KEY" "$DIR" "$elapsed" \
      "$(cat "$DIR/pid/mon.a.pid")" "$(cat "$DIR/pid/osd.0.pid")" "$(cat "$DIR/pid/client.rgw.a.pid")"
    ;;
  stop)
    [ -f "$CONF" ] || die "no cluster in $DIR"
    stop_all
    rm -rf "$DIR"
    ;;
  stop-gateway)
    [ -f "$CONF" ] || die "no cluster in $DIR"
    stop_daemon radosgw "$DIR/pid/client.rgw.a.pid"
    ;;
  start-gateway)
    [ -f "$CONF" ] || die "no cluster in $DIR"
    # shellcheck source=/dev/null
    . "$STATE"
    if ! alive "$(cat "$DIR/pid/client.rgw.a.pid" 2>/dev/null || true)"; then start_gateway; fi
    wait_signed "$ENDPOINT" "$ACCESS_KEY" "$SECRET_KEY"
    echo "{\"rgw\":$(cat "$DIR/pid/client.rgw.a.pid")}"
    ;;
  *) die "unknown command $cmd (start, stop, stop-gateway, start-gateway)" ;;
esac

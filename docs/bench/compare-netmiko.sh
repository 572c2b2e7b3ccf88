#!/bin/bash
# Netmiko (50 threads) vs fwaudit sweep with the history store on, against
# the same fwlab fleet in its own process, doing the same CLI work: Netmiko
# runs every command fwaudit ran on the first device (taken from
# `fwaudit evidence`), fwaudit also walks SNMP. Prints wall and CPU
# (user+sys) of each client, and fwaudit with --state none for the store's
# share. Needs: apt-get install -y python3-netmiko.
# Usage (from the repository root): docs/bench/compare-netmiko.sh [DEVICES]
# NETMIKO_FAST_CLI=0 runs Netmiko with its default delays (fast_cli off).
set -euo pipefail
N=${1:-500}
make --no-print-directory build >/dev/null
out=$(mktemp -d)
cat > "$out/run.sh" <<SH
#!/bin/bash
cd "$PWD"
# Warm-up sweep (not timed): warms the page cache, gives the command list and
# leaves one snapshot per device, so the timed sweep reads and extends a
# history as a nightly run does.
bin/fwaudit sweep -i $out/lab/inventory.yaml -b baselines/ --state $out/warm.db -o json --log-level error > /dev/null || true
first=\$(awk '/^  - name:/ {print \$3; exit}' $out/lab/inventory.yaml)
bin/fwaudit evidence "\$first" --state $out/warm.db --out $out/ev >/dev/null
/usr/bin/time -f "fwaudit(--state sqlite) wall_s=%e cpu_s=%U+%S maxrss_kb=%M" bin/fwaudit sweep -i $out/lab/inventory.yaml -b baselines/ --state $out/warm.db -o json --log-level error > /dev/null || true
/usr/bin/time -f "fwaudit(--state none) wall_s=%e cpu_s=%U+%S maxrss_kb=%M" bin/fwaudit sweep -i $out/lab/inventory.yaml -b baselines/ --state none -o json --log-level error > /dev/null || true
NETMIKO_FAST_CLI=${NETMIKO_FAST_CLI:-1} /usr/bin/time -f "netmiko(fast_cli=${NETMIKO_FAST_CLI:-1}) wall_s=%e cpu_s=%U+%S maxrss_kb=%M" /usr/bin/python3 docs/bench/netmiko_sweep.py $out/lab/inventory.yaml 50 "$out/ev/outputs/\$first"
SH
chmod +x "$out/run.sh"
bin/fwlab --log-level error --devices "$N" --out "$out/lab" -- "$out/run.sh" 2>&1 | grep -E '^(netmiko|fwaudit)'
rm -rf "$out"

#!/bin/bash
# Netmiko (50 threads, 2 commands) vs fwaudit sweep with the history store
# on, against the same fwlab fleet in its own process. Prints wall and CPU
# (user+sys) of each client. Needs: apt-get install -y python3-netmiko.
# Usage (from the repository root): docs/bench/compare-netmiko.sh [DEVICES]
# NETMIKO_FAST_CLI=0 runs Netmiko with its default delays (fast_cli off).
set -euo pipefail
N=${1:-500}
make --no-print-directory build >/dev/null
out=$(mktemp -d)
cat > "$out/run.sh" <<SH
#!/bin/bash
cd "$PWD"
NETMIKO_FAST_CLI=${NETMIKO_FAST_CLI:-1} /usr/bin/time -f "netmiko(fast_cli=${NETMIKO_FAST_CLI:-1}) wall_s=%e cpu_s=%U+%S maxrss_kb=%M" /usr/bin/python3 docs/bench/netmiko_sweep.py $out/lab/inventory.yaml 50
/usr/bin/time -f "fwaudit wall_s=%e cpu_s=%U+%S maxrss_kb=%M" bin/fwaudit sweep -i $out/lab/inventory.yaml -b baselines/ --state $out/state.db -o json --log-level error > /dev/null || true
SH
chmod +x "$out/run.sh"
bin/fwlab --log-level error --devices "$N" --out "$out/lab" -- "$out/run.sh" 2>&1 | grep -E '^(netmiko|fwaudit)'
rm -rf "$out"

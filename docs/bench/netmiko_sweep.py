#!/usr/bin/python3
"""Netmiko baseline for the issue-15 comparison (benchmark only, not shipped).

Equal work: logs in to every device of an fwlab inventory with Netmiko
(50 threads), enters enable mode and runs every CLI command fwaudit ran on
the same kind of device, read from the evidence folder fwaudit exported
(outputs/NAME/<command>.txt, names percent-encoded). fwaudit's SNMP walk has
no Netmiko counterpart and is left out, so fwaudit does more work than this
script. Prints how many devices answered and how many commands ran. Run it
under fwlab (compare-netmiko.sh does): the lab's credentials come from
FWAUDIT_PASSWORD / FWAUDIT_ENABLE.

Netmiko here accepts any host key (its default); fwaudit checks them.
"""
import os
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import yaml
from netmiko import ConnectHandler


def commands_from_evidence(folder):
    """The CLI commands fwaudit ran, from an `fwaudit evidence` outputs folder."""
    cmds = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt") or name == "snmpwalk.txt":
            continue
        cmds.append(urllib.parse.unquote(name[: -len(".txt")]))
    if not cmds:
        raise SystemExit(f"netmiko_sweep: no command outputs in {folder}")
    return cmds


def audit(dev, password, secret, fast, cmds):
    conn = ConnectHandler(device_type="cisco_ios", host=dev["address"], port=dev["port"],
                          username="admin", password=password, secret=secret,
                          fast_cli=fast, timeout=60)
    try:
        conn.enable()
        got = 0
        for cmd in cmds:
            if conn.send_command(cmd):
                got += 1
        return got
    finally:
        conn.disconnect()


def main():
    if len(sys.argv) < 4:
        raise SystemExit("usage: netmiko_sweep.py INVENTORY THREADS EVIDENCE_OUTPUTS_DIR")
    inv = yaml.safe_load(open(sys.argv[1]))
    threads = int(sys.argv[2])
    cmds = commands_from_evidence(sys.argv[3])
    fast = os.environ.get("NETMIKO_FAST_CLI", "1") == "1"  # 0: Netmiko's default delays
    pw, secret = os.environ["FWAUDIT_PASSWORD"], os.environ["FWAUDIT_ENABLE"]
    devices = inv["devices"]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        answered = list(pool.map(lambda d: audit(d, pw, secret, fast, cmds), devices))
    full = sum(1 for n in answered if n == len(cmds))
    print(f"netmiko: {full}/{len(devices)} devices answered all {len(cmds)} commands "
          f"({sum(answered)} outputs)")
    return 0 if full == len(devices) else 1


if __name__ == "__main__":
    sys.exit(main())

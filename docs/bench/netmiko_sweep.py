#!/usr/bin/python3
"""Netmiko baseline for the issue-15 comparison (benchmark only, not shipped).

Logs in to every device of an fwlab inventory with Netmiko (50 threads),
enters enable mode and runs `show version` and `show rom-monitor r0` (the
ROMMON command fwaudit runs on IOS XE), then prints how many devices
answered. Run it under fwlab (compare-netmiko.sh does): the lab's
credentials come from FWAUDIT_PASSWORD / FWAUDIT_ENABLE.

Netmiko here accepts any host key (its default); fwaudit checks them.
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import yaml
from netmiko import ConnectHandler


def audit(dev, password, secret, fast):
    conn = ConnectHandler(device_type="cisco_ios", host=dev["address"], port=dev["port"],
                          username="admin", password=password, secret=secret,
                          fast_cli=fast, timeout=60)
    try:
        conn.enable()
        out = conn.send_command("show version") + conn.send_command("show rom-monitor r0")
        return len(out) > 0
    finally:
        conn.disconnect()


def main():
    inv = yaml.safe_load(open(sys.argv[1]))
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    fast = os.environ.get("NETMIKO_FAST_CLI", "1") == "1"  # 0: Netmiko's default delays
    pw, secret = os.environ["FWAUDIT_PASSWORD"], os.environ["FWAUDIT_ENABLE"]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        ok = sum(pool.map(lambda d: audit(d, pw, secret, fast), inv["devices"]))
    print(f"netmiko: {ok}/{len(inv['devices'])} devices answered")
    return 0 if ok == len(inv["devices"]) else 1


if __name__ == "__main__":
    sys.exit(main())

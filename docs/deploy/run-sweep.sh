#!/bin/sh
# run-sweep.sh: one nightly fwaudit sweep for cron or systemd.
# Install: install -m 0755 run-sweep.sh /usr/local/libexec/fwaudit/run-sweep.sh
#
#  1. Reads FWAUDIT_ENV_FILE (default /etc/fwaudit/fwaudit.env; empty = none)
#     with "set -a", so every variable it sets is exported to fwaudit. Keep it
#     root:fwaudit 0640: readable by the fwaudit group, not by the world.
#  2. Runs "fwaudit sweep -o json" with FWAUDIT_CONFIG and writes the report
#     to a temporary file beside FWAUDIT_REPORT, renamed over it only when the
#     sweep produced a report (exit 0, 1 or 2): the report file is always one
#     whole JSON document, the last good one.
#  3. Runs the alert on every non-zero exit (1 drift, 2 devices not audited,
#     3 configuration, anything else: fwaudit failed): FWAUDIT_ALERT_COMMAND
#     is called with CODE MESSAGE REPORT (default: logger -p auth.crit);
#     FWAUDIT_ALERT_COMMAND=none turns it off (systemd's OnFailure= alerts).
#  4. Exits with fwaudit's exit code.
# Arguments are passed to "fwaudit sweep" (e.g. --device 'lon-*').
# POSIX sh: tested with dash as a non-root user (docs/deploy/deploy_test.go).

umask 027

alert() { # CODE MESSAGE
	case ${FWAUDIT_ALERT_COMMAND:-logger} in
	none) ;;
	logger) logger -p auth.crit -t fwaudit "$2 (exit $1; report $report)" ;;
	*) "$FWAUDIT_ALERT_COMMAND" "$1" "$2" "$report" ;;
	esac
}

finish() { # CODE [MESSAGE]
	code=$1
	msg=${2:-}
	if [ -z "$msg" ]; then
		case $code in
		0) exit 0 ;;
		1) msg="firmware DRIFT found: escalate per the T1542.004 playbook" ;;
		2) msg="some devices could not be audited" ;;
		3) msg="fwaudit configuration error" ;;
		*) msg="fwaudit failed" ;;
		esac
	fi
	echo "run-sweep: $msg (exit $code)" >&2
	alert "$code" "$msg"
	exit "$code"
}

report=${FWAUDIT_REPORT:-/var/lib/fwaudit/last-report.json}
env_file=${FWAUDIT_ENV_FILE-/etc/fwaudit/fwaudit.env}

if [ -n "$env_file" ]; then
	# "." of an unreadable file ends a non-interactive POSIX shell at once,
	# before any alert: check first, and try it in a subshell.
	[ -r "$env_file" ] || finish 3 "cannot read $env_file (it must be readable by the fwaudit group)"
	(set -a && . "$env_file") >/dev/null 2>&1 || finish 3 "cannot source $env_file"
	set -a
	. "$env_file"
	set +a
fi

report=${FWAUDIT_REPORT:-/var/lib/fwaudit/last-report.json}
config=${FWAUDIT_CONFIG:-/etc/fwaudit/fwaudit.yaml}
tmp=$(mktemp "$report.XXXXXX") || finish 3 "cannot create a temporary file beside $report"
trap 'rm -f "$tmp"' EXIT
# A signal reaches fwaudit too: it stops, reports what finished and exits 2.
# Wait for that report instead of dying without it.
trap ':' HUP INT TERM

code=0
"${FWAUDIT_BIN:-fwaudit}" sweep --config "$config" --log-format json -o json "$@" >"$tmp" || code=$?

case $code in
0 | 1 | 2)
	if [ -s "$tmp" ]; then
		chmod 0640 "$tmp" && mv -f "$tmp" "$report" || finish 2 "cannot write $report"
	else
		echo "run-sweep: fwaudit exited $code without a report; $report is unchanged" >&2
		[ "$code" -ne 0 ] || code=2
	fi
	;;
esac
finish "$code"

package reportschema_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/reportschema"
)

const valid = `{"schema":"fwaudit.report/v2","started_at":"2026-11-27T02:15:00Z","finished_at":"2026-11-27T02:15:42Z",
"summary":{"devices":1,"clean":0,"drift":0,"error":0,"unassessed":1,"escalate":0,"new":1,"open":0,"accepted":0},
"devices":[{"name":"isr","address":"192.0.2.1","platform":"cisco_iosxe","status":"unassessed","reason":"no baseline for model ISR4451-X/K9","error":"",
"facts":{"model":"ISR4451-X/K9","serial":"","os_version":"","image":"","rommon":[],"boot":{"system":[],"config_register":"","config_register_next":""},
"uptime_seconds":0,"last_reload_reason":"","image_hashes":[],"host_key_sha256":""},
"findings":[{"rule":"BASE-001","severity":"info","title":"no baseline for model","expected":"","observed":"ISR4451-X/K9","evidence":"",
"escalate":false,"escalation_reason":"","state":"new","first_seen":"2026-11-27T02:15:00Z","last_seen":"2026-11-27T02:15:00Z","accepted":null}],
"plan":{"steps":[]}}]}`

func TestCheck(t *testing.T) {
	require.NoError(t, reportschema.Check([]byte(valid)))
	tests := []struct{ name, from, to string }{
		{"v1-schema-id", `"fwaudit.report/v2"`, `"fwaudit.report/v1"`},
		{"unknown-status", `"status":"unassessed"`, `"status":"ok"`},
		{"unassessed-without-reason", `"reason":"no baseline for model ISR4451-X/K9"`, `"reason":""`},
		{"unknown-state", `"state":"new"`, `"state":"closed"`},
		{"bad-time", `"first_seen":"2026-11-27T02:15:00Z"`, `"first_seen":"yesterday"`},
		{"extra-key", `"plan":{"steps":[]}`, `"plan":{"steps":[]},"x":1`},
		{"accepted-without-acceptance", `"state":"new"`, `"state":"accepted"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := replaceOnce(t, valid, tc.from, tc.to)
			require.Error(t, reportschema.Check([]byte(bad)))
		})
	}
}

func replaceOnce(t *testing.T, s, from, to string) string {
	t.Helper()
	require.Contains(t, s, from)
	return strings.Replace(s, from, to, 1)
}

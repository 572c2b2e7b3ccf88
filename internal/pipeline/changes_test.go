package pipeline

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLoadChangesWarnsUnmatched: a change record whose device, site or role
// selects nothing of the whole inventory is a warning naming the change and
// the selector; the devices selected for this run do not matter.
func TestLoadChangesWarnsUnmatched(t *testing.T) {
	inv := loadTestInventory(t)
	devs, _, err := Select(inv, Selection{Globs: []string{"nyc-*"}})
	require.NoError(t, err)
	c, err := LoadChanges(References{Changes: "testdata/changes-unmatched.yaml"}, "", devs)
	require.NoError(t, err)

	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	warnUnmatchedChanges(log, c, inv.Devices)
	require.Equal(t, []string{
		`level=WARN msg="change record selects no device" change=CHG-TYPO selector="device=fra-wan-1*" file=testdata/changes-unmatched.yaml:7`,
		`level=WARN msg="change record selects no device" change=CHG-TYPO selector="role=acess" file=testdata/changes-unmatched.yaml:7`,
	}, strings.Split(strings.TrimSpace(buf.String()), "\n"), "CHG-LON selects lon devices outside this run: quiet")
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

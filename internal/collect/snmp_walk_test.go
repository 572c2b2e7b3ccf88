package collect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// TestParseWalkTextRoundTrip collects the lab agents over real SNMP, saves
// the answers as a sweep does (WalkText) and reads them back: the same
// system group, entities, firmware components, model and serial.
func TestParseWalkTextRoundTrip(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, snmpLabFleet), lab.Options{})
	for _, name := range []string{"rtr-1", "sw-2"} {
		live, err := collect.CollectSNMP(context.Background(), v2cTarget(l.Device(name)), quiet())
		require.NoError(t, err)
		back, err := collect.ParseWalkText(live.WalkText())
		require.NoError(t, err, name)
		require.Equal(t, live.SNMP, back.SNMP, name)
		require.Equal(t, live.Components, back.Components, name)
		require.Equal(t, live.Model, back.Model, name)
		require.Equal(t, live.Serial, back.Serial, name)
		require.Equal(t, live.WalkText(), back.WalkText(), name)
	}
}

func TestParseWalkTextRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"no-equals":      ".1.3.6.1.2.1.1.5.0 STRING: \"x\"\n",
		"unknown-type":   ".1.3.6.1.2.1.1.5.0 = WEIRD: x\n",
		"bad-integer":    ".1.3.6.1.2.1.1.3.0 = Timeticks: abc\n",
		"unquoted":       ".1.3.6.1.2.1.1.5.0 = STRING: x\n",
		"stray-quote":    ".1.3.6.1.2.1.1.5.0 = STRING: \"a\"b\"\n",
		"too-many-lines": strings.Repeat(".1.3.6.1.2.1.1.5.0 = STRING: \"x\"\n", collect.DefaultMaxVarbinds+1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := collect.ParseWalkText(in)
			require.Error(t, err)
		})
	}
}

func FuzzParseWalkText(f *testing.F) {
	f.Add(".1.3.6.1.2.1.1.5.0 = STRING: \"lon-wan-02\"\n.1.3.6.1.2.1.47.1.1.1.1.9.1 = STRING: \"16.12(2r)\"\n.1.3.6.1.2.1.47.1.1.1.1.5.1 = INTEGER: 3\n")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := collect.ParseWalkText(in)
		if err == nil && len(res.Varbinds) > strings.Count(in, "\n")+1 {
			t.Fatalf("%d varbinds from %d lines", len(res.Varbinds), strings.Count(in, "\n")+1)
		}
	})
}

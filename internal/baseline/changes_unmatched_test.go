package baseline_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

func TestChangesUnmatched(t *testing.T) {
	c, err := baseline.LoadChanges("testdata/changes/unmatched.yaml")
	require.NoError(t, err)
	targets := []baseline.Target{{Name: "lon-wan-02", Site: "lon", Role: "wan"}, {Name: "dc1-core-rtr-01", Site: "dc1", Role: "core"}}
	file := "testdata/changes/unmatched.yaml"
	require.Equal(t, []baseline.Unmatched{
		{Change: "CHG-TYPO", Selector: "device=ln-wan-*", File: file, Line: 10},
		{Change: "CHG-TYPO", Selector: "site=london", File: file, Line: 10},
		{Change: "CHG-TYPO", Selector: "role=cor", File: file, Line: 10},
	}, c.Unmatched(targets))

	require.Len(t, c.Unmatched(nil), 7, "with no devices every selector selects nothing")
	require.Nil(t, (*baseline.Changes)(nil).Unmatched(targets))
}

package version

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCurrent(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "3f2a9c1e0b7d44aa"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		name                  string
		bi                    *debug.BuildInfo
		version, commit, date string
		want                  string
		wantCommit, wantDate  string
	}{
		{name: "go-build-in-a-checkout", bi: vcs, want: "devel+3f2a9c1e0b7d+dirty", wantCommit: "3f2a9c1e0b7d44aa", wantDate: "2026-12-01T10:00:00Z"},
		{name: "release-stamp-wins", bi: vcs, version: "v1.4.0", commit: "abc", date: "2026-11-30T00:00:00Z", want: "v1.4.0", wantCommit: "abc", wantDate: "2026-11-30T00:00:00Z"},
		{name: "go-install-at-a-tag", bi: &debug.BuildInfo{Main: debug.Module{Version: "v1.3.2"}}, want: "v1.3.2"},
		{name: "nothing-known", bi: nil, want: "devel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := current(tc.bi, tc.version, tc.commit, tc.date)
			require.Equal(t, tc.want, b.String())
			require.Equal(t, tc.wantCommit, b.Commit)
			require.Equal(t, tc.wantDate, b.Date)
			require.NotEmpty(t, b.Go)
		})
	}
}

// TestCurrentOfThisTestBinary: a test binary built inside the repository
// is identified by more than "devel" when the toolchain stamped VCS data.
func TestCurrentOfThisTestBinary(t *testing.T) {
	b := Current()
	require.NotEmpty(t, b.Version)
	require.NotEmpty(t, b.Platform)
}

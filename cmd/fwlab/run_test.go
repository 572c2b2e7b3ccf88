package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
)

const fleet = "../../testdata/lab/fleet.yaml"

func TestRun_PrintHashes(t *testing.T) {
	var out, errb bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--print-hashes", "--fleet", fleet}, &out, &errb))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 14, out.String()) // 6 IOS XE images + NX-OS, EOS, Junos, IOS XR, IOS + two ASA images and firmware_update.log
	want := "cat9k_iosxe.17.09.04a.SPA.bin cat9k_iosxe.17.09.04a.SPA.bin 8388608 " + lab.ImageSHA512("cat9k_iosxe.17.09.04a.SPA.bin", 8388608)
	require.Contains(t, lines, want)
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRun_StartsWritesInventoryAndStops(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--fleet", fleet, "--out", dir, "--devices", "5"}, &out, &errb) }()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "fwlab: ready\n") }, 10*time.Second, 10*time.Millisecond)
	require.Equal(t, 5, strings.Count(errb.String(), "127.0.0.1:"), errb.String())
	inv, err := os.ReadFile(filepath.Join(dir, "inventory.yaml"))
	require.NoError(t, err)
	require.Contains(t, string(inv), "name: lab-0005")
	cancel()
	require.NoError(t, <-done)
}

func TestRun_UsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no-out", []string{"--fleet", fleet}, 3},
		{"unknown-flag", []string{"--bogus"}, 3},
		{"missing-fleet", []string{"--fleet", "nope.yaml", "--print-hashes"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(context.Background(), tc.args, &out, &errb)
			require.Error(t, err)
			require.Equal(t, tc.code, exitCode(err))
			require.Empty(t, out.String())
		})
	}
	var out, errb bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, &out, &errb))
	require.Contains(t, errb.String(), "fwlab: ready")
}

func TestRunCommandExpectExit(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr string
	}{
		{"expected", []string{"--expect-exit", "1", "--", "sh", "-c", "test \"$FWAUDIT_PASSWORD\" = fwlab-admin && exit 1"}, 0, "exited 1 as expected"},
		{"unexpected", []string{"--expect-exit", "1", "--", "sh", "-c", "exit 0"}, 1, "exited 0, expected 1"},
		{"pass-through", []string{"--", "sh", "-c", "exit 2"}, 2, ""},
		{"sees-inventory", []string{"--", "sh", "-c", "grep -q dc1-core-rtr-01 \"$0\"/inventory.yaml", "OUT"}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"--fleet", "../../testdata/lab/fleet.yaml", "--out", out, "--log-level", "error"}, tc.args...)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, &stdout, &stderr)
			if tc.want == 0 {
				require.NoError(t, err, stderr.String())
			} else {
				require.Equal(t, tc.want, exitCode(err), "err=%v", err)
			}
			msg := stderr.String()
			if err != nil {
				msg += err.Error()
			}
			require.Contains(t, msg, tc.stderr)
		})
	}
}

// TestCheckFileLimit: a fleet the open-file limit cannot hold is refused
// up front with the numbers and what to do; one it can hold starts.
func TestCheckFileLimit(t *testing.T) {
	var rl syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl))
	fits := (int(rl.Cur) - fileHeadroom) / filesPerDevice
	require.Positive(t, fits)
	require.NoError(t, checkFileLimit(fits))
	err := checkFileLimit(fits + 1)
	require.Error(t, err)
	require.ErrorContains(t, err, fmt.Sprintf("%d devices need about %d open files and the limit is %d", fits+1, (fits+1)*filesPerDevice+fileHeadroom, rl.Cur))
	require.ErrorContains(t, err, "ulimit -n")
}

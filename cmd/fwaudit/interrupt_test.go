package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
)

// syncBuffer is a bytes.Buffer safe for the sweep's concurrent log writes.
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

// startQuirkyLab starts n clean clones of the shipped fleet's first device
// with quirks set on the first len(quirks), edits each spec with edit (when
// not nil), writes the inventory and sets the lab credentials in the env.
func startQuirkyLab(t *testing.T, n int, quirks []lab.Quirks, edit func(i int, d *lab.DeviceSpec)) (*lab.Lab, string) {
	t.Helper()
	f, err := lab.LoadFleet(fleetFile)
	require.NoError(t, err)
	f = f.Synthetic(n)
	for i := range f.Devices {
		if i < len(quirks) {
			f.Devices[i].Quirks = quirks[i]
		}
		if edit != nil {
			edit(i, &f.Devices[i])
		}
	}
	l := labtest.StartFleet(t, f, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	return l, filepath.Join(dir, "inventory.yaml")
}

// TestSweepInterrupted: a sweep stopped (SIGINT/SIGTERM cancel the ctx in
// main) reports every device that finished, marks the rest interrupted and
// exits 2.
func TestSweepInterrupted(t *testing.T) {
	_, inv := startQuirkyLab(t, 4, []lab.Quirks{{Hostile: lab.HostileHangAfterAuth}}, nil)
	g := testGlobals(inv)
	g.Output, g.LogLevel = "json", "info"
	logs := &syncBuffer{}
	g.stderr = logs
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // stop once the three well-behaved devices are done
		for strings.Count(logs.String(), "device audited") < 3 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	var out bytes.Buffer
	err := runSweepT(ctx, g, &out)
	require.Equal(t, exitFailed, exitCode(err), "err: %v", err)
	require.ErrorIs(t, err, context.Canceled)

	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Devices, 4)
	require.Equal(t, "error", string(rep.Devices[0].Status))
	require.Contains(t, rep.Devices[0].Error, "interrupted")
	for _, d := range rep.Devices[1:] {
		require.Empty(t, d.Error, d.Name)
		require.Equal(t, "clean", string(d.Status), d.Name)
	}
}

// TestBinarySIGINT builds fwaudit, sweeps a lab with a hanging device and
// sends SIGINT: the finished devices are on stdout and the exit code is 2.
func TestBinarySIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	_, inv := startQuirkyLab(t, 3, []lab.Quirks{{Hostile: lab.HostileHangAfterAuth}}, nil)
	bin := filepath.Join(t.TempDir(), "fwaudit")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	cmd := exec.Command(bin, "sweep", "-i", inv, "-b", "../../baselines", "-o", "json", "--log-level", "info")
	var stdout bytes.Buffer
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = &stdout, logs
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(60 * time.Second)
	for strings.Count(logs.String(), "device audited") < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "stderr: %s", logs.String())
	require.Equal(t, exitFailed, ee.ExitCode())
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	require.Len(t, rep.Devices, 3)
	require.Contains(t, rep.Devices[0].Error, "interrupted")
	require.Empty(t, rep.Devices[1].Error)
	require.Empty(t, rep.Devices[2].Error)
	require.Contains(t, logs.String(), "interrupted")
}

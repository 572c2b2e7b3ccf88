package pipeline_test

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fwaudit/internal/lab"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/store/pgtest"
	"fwaudit/internal/sweep"
)

// BenchmarkFleetLab sweeps N lab devices with the history store off
// (state=none), on SQLite and on PostgreSQL, the way `fwaudit sweep`
// does (pipeline.Run). The lab runs in its own process (cmd/fwlab), so the
// CPU time and peak RSS reported are fwaudit's alone; a -cpuprofile of
// this benchmark profiles the auditor only. Metrics: devices/s,
// cpu-ms/device, store-ms/snapshot (time the saver spent in the store,
// from the recorder's "history saved" log line) and peak-rss-MB (the
// process's high-water mark: run one case alone for its own figure,
// -bench 'FleetLab/devices=10000/state=sqlite').
func BenchmarkFleetLab(b *testing.B) {
	for _, n := range []int{500, 10000} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			for _, state := range []string{"none", "sqlite", "postgres"} {
				b.Run("state="+state, func(b *testing.B) { benchmarkFleet(b, n, state) })
			}
		})
	}
}

func benchmarkFleet(b *testing.B, n int, state string) {
	dir := startFwlab(b, n)
	loc := "none"
	switch state {
	case "sqlite":
		loc = filepath.Join(b.TempDir(), "state.db")
	case "postgres":
		loc = benchPostgres(b)
	}
	logs := &savedLog{}
	opts := pipeline.Options{
		References: pipeline.References{Inventory: filepath.Join(dir, "inventory.yaml"), Baselines: "../../baselines"},
		History:    pipeline.History{State: loc},
		Sweep:      sweep.Options{Workers: 64},
		Logger:     slog.New(logs),
	}
	cpu0, start := cpuTime(b), time.Now()
	for b.Loop() {
		run, err := pipeline.Run(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range run.Devices {
			if d.Error != "" {
				b.Fatalf("%s: %s", d.Name, d.Error)
			}
		}
	}
	audited := float64(n * b.N)
	b.ReportMetric(audited/time.Since(start).Seconds(), "devices/s")
	b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/audited, "cpu-ms/device")
	if state != "none" {
		snaps, batches, ms := logs.totals()
		if snaps == 0 || batches == 0 {
			b.Fatal("no \"history saved\" log line")
		}
		b.ReportMetric(ms/float64(snaps), "store-ms/snapshot")
		b.ReportMetric(float64(snaps)/float64(batches), "snapshots/batch")
	}
	b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-rss-MB")
}

var (
	fwlabOnce sync.Once
	fwlabBin  string
	fwlabErr  error
)

// labPart is how many devices one fwlab process serves: two descriptors
// per device (SSH listener, SNMP socket) must fit the open-file limit a
// process may raise itself to (20,000 here), so a 10,000-device fleet
// runs in three lab processes.
const labPart = 4000

// startFwlab builds cmd/fwlab once, starts a fleet of n clean devices in
// lab processes of their own and returns the directory holding one
// inventory of all of them.
func startFwlab(b *testing.B, n int) string {
	b.Helper()
	fwlabOnce.Do(func() {
		d, err := os.MkdirTemp("", "fwlab-bin-")
		if err != nil {
			fwlabErr = err
			return
		}
		fwlabBin = filepath.Join(d, "fwlab")
		out, err := exec.Command("go", "build", "-o", fwlabBin, "fwaudit/cmd/fwlab").CombinedOutput()
		if err != nil {
			fwlabErr = fmt.Errorf("build fwlab: %w: %s", err, out)
		}
	})
	if fwlabErr != nil {
		b.Fatal(fwlabErr)
	}
	if err := raiseFileLimit(uint64(2*min(n, labPart) + 1024)); err != nil {
		b.Skipf("the lab needs %d open files: %v", 2*min(n, labPart)+1024, err)
	}
	dir := b.TempDir()
	var inv, hosts strings.Builder
	for part := 0; part*labPart < n; part++ {
		pdir := filepath.Join(dir, fmt.Sprint(part))
		startLabPart(b, min(labPart, n-part*labPart), pdir)
		y, err := os.ReadFile(filepath.Join(pdir, "inventory.yaml"))
		if err != nil {
			b.Fatal(err)
		}
		head, devs, ok := strings.Cut(string(y), "devices:\n")
		if !ok {
			b.Fatal("fwlab inventory without devices:")
		}
		if part == 0 {
			inv.WriteString(head + "devices:\n")
			for _, f := range []string{"snmp-auth.secret", "snmp-priv.secret"} {
				if err := os.Rename(filepath.Join(pdir, f), filepath.Join(dir, f)); err != nil {
					b.Fatal(err)
				}
			}
		}
		// Names are lab-NNNN in every part: make them unique.
		inv.WriteString(strings.ReplaceAll(devs, "name: lab-", fmt.Sprintf("name: lab%d-", part)))
		kh, err := os.ReadFile(filepath.Join(pdir, "known_hosts"))
		if err != nil {
			b.Fatal(err)
		}
		hosts.Write(kh)
	}
	for name, text := range map[string]string{"inventory.yaml": inv.String(), "known_hosts": hosts.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	b.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	return dir
}

// startLabPart starts one fwlab process of n devices writing into dir
// and waits until it is ready; it is stopped at cleanup.
func startLabPart(b *testing.B, n int, dir string) {
	cmd := exec.Command(fwlabBin, "--log-level", "warn", "--fleet", "../../testdata/lab/fleet.yaml",
		"--devices", fmt.Sprint(n), "--out", dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if sc.Text() == "fwlab: ready" {
			go func() { _, _ = bufio.NewReader(stdout).WriteTo(discard{}) }()
			return
		}
	}
	_ = cmd.Wait()
	b.Fatalf("fwlab ended before it was ready: %v: %s", sc.Err(), stderr.String())
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func raiseFileLimit(n uint64) error {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return err
	}
	if rl.Cur >= n {
		return nil
	}
	rl.Cur = n
	if rl.Max < n {
		rl.Max = n
	}
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
}

var (
	pgOnce sync.Once
	pgSrv  *pgtest.Server
	pgErr  error
	pgDBs  int
)

// benchPostgres is a fresh database in one cluster started for the
// benchmarks (stopped when the process ends).
func benchPostgres(b *testing.B) string {
	b.Helper()
	pgOnce.Do(func() { pgSrv, pgErr = pgtest.Launch(context.Background()) })
	if pgErr != nil {
		pgtest.SkipOrFail(b, pgErr)
	}
	b.Setenv(store.PasswordEnv, pgSrv.Password)
	pgDBs++
	url, err := pgSrv.CreateDB(context.Background(), fmt.Sprintf("bench%d", pgDBs))
	if err != nil {
		b.Fatal(err)
	}
	return url
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pgSrv != nil {
		pgSrv.Stop()
	}
	os.Exit(code)
}

// savedLog keeps the recorder's "history saved" records.
type savedLog struct {
	mu      sync.Mutex
	snaps   int64
	batches int64
	ms      float64
}

func (l *savedLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *savedLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *savedLog) WithGroup(string) slog.Handler            { return l }
func (l *savedLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "history saved" {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "snapshots":
			l.snaps += a.Value.Int64()
		case "batches":
			l.batches += a.Value.Int64()
		case "store_ms":
			l.ms += a.Value.Float64()
		}
		return true
	})
	return nil
}

func (l *savedLog) totals() (snaps, batches int64, ms float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.snaps, l.batches, l.ms
}

func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func peakRSS(tb testing.TB) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return ru.Maxrss << 10
}

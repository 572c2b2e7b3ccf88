package sweep_test

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

const fleetFile = "../../testdata/lab/fleet.yaml"

// labDevices starts n clean lab devices and loads the inventory fwlab writes for them.
func labDevices(tb testing.TB, n int) []inventory.Device {
	tb.Helper()
	f, err := lab.LoadFleet(fleetFile)
	if err != nil {
		tb.Fatal(err)
	}
	if n > 0 {
		f = f.Synthetic(n)
	}
	l := labtest.StartFleet(tb, f, lab.Options{})
	dir := tb.TempDir()
	if err := l.WriteInventory(dir); err != nil {
		tb.Fatal(err)
	}
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	if err != nil {
		tb.Fatal(err)
	}
	return inv.Devices
}

func loadBaselines(tb testing.TB) *baseline.Set {
	tb.Helper()
	set, err := baseline.Load("../../baselines", baseline.LoadOptions{KnownPlatforms: platform.Names()})
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// BenchmarkSweepLab sweeps N lab devices over real SSH on loopback and
// reports devices/s, CPU milliseconds per device and the process's peak
// RSS. The lab runs in the same process: CPU and RSS include the simulated
// devices' side (their SSH servers and CLIs) as well as the auditor's.
// Peak RSS is the process high-water mark (ru_maxrss), so a later, larger
// case also carries the earlier ones; run one case alone
// (-bench 'SweepLab/devices=1000') for its own figure.
func BenchmarkSweepLab(b *testing.B) {
	for _, c := range []struct{ devices, workers int }{{200, 32}, {1000, 64}} {
		b.Run(fmt.Sprintf("devices=%d", c.devices), func(b *testing.B) {
			devs := labDevices(b, c.devices)
			set := loadBaselines(b)
			cpu0 := cpuTime(b)
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				res := sweep.Run(context.Background(), devs, sweep.Options{Workers: c.workers, Baselines: set, DropOutputs: true})
				for _, r := range res {
					if r.Err != nil {
						b.Fatalf("%s: %v", r.Device.Name, r.Err)
					}
				}
			}
			audited := float64(c.devices * b.N)
			b.ReportMetric(audited/time.Since(start).Seconds(), "devices/s")
			b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/audited, "cpu-ms/device")
			b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-rss-MB")
		})
	}
}

// cpuTime is the process's user + system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set size in bytes (Linux reports
// ru_maxrss in KiB).
func peakRSS(tb testing.TB) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return ru.Maxrss << 10
}

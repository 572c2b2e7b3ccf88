package sweep_test

import (
	"context"
	"fmt"
	"path/filepath"
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
	set, err := baseline.Load("../../baselines")
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// BenchmarkSweepLab sweeps N lab devices over real SSH on loopback (lab and
// sweep share the machine) and reports devices per second.
func BenchmarkSweepLab(b *testing.B) {
	for _, n := range []int{200} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			devs := labDevices(b, n)
			set := loadBaselines(b)
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 32, Baselines: set})
				for _, r := range res {
					if r.Err != nil {
						b.Fatalf("%s: %v", r.Device.Name, r.Err)
					}
				}
			}
			b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "devices/s")
		})
	}
}

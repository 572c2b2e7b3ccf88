package collect_test

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fwaudit/internal/collect"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

const benchDevices, benchWorkers = 200, 32

func benchLab(b *testing.B) *lab.Lab {
	b.Helper()
	f := labtest.Fleet(b, snmpLabFleet).Synthetic(benchDevices)
	return labtest.StartFleet(b, f, lab.Options{})
}

func v3Target(d *lab.Device) collect.SNMPTarget {
	return collect.SNMPTarget{Address: "127.0.0.1", Port: d.SNMPPort(), Version: "3",
		User: lab.DefaultSNMPUser, SecurityLevel: "authPriv", AuthProtocol: "SHA", AuthPassword: lab.DefaultSNMPAuthPassword,
		PrivProtocol: "AES", PrivPassword: lab.DefaultSNMPPrivPassword}
}

// BenchmarkSNMPWalkLab: one op is a full SNMP collection (system group,
// engine, Cisco objects, entPhysicalTable walk) of 200 lab devices, 32 at
// a time, over SNMPv3 authPriv SHA/AES. One warm-up sweep first: USM key
// localization (a 1 MiB hash per engine ID and password, on both the lab
// agents and the collector, all in this process) is a one-time cost per
// device that would otherwise dominate; see docs/snmp.md for cold figures.
func BenchmarkSNMPWalkLab(b *testing.B) {
	l := benchLab(b)
	devs := l.Devices()
	walkAll(b, devs)
	b.ResetTimer()
	for b.Loop() {
		walkAll(b, devs)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/benchDevices/1000, "ms/device")
}

func walkAll(b *testing.B, devs []*lab.Device) {
	{
		var wg sync.WaitGroup
		sem := make(chan struct{}, benchWorkers)
		errs := make(chan error, len(devs))
		for _, d := range devs {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				res, err := collect.CollectSNMP(context.Background(), v3Target(d), quiet())
				if err == nil && len(res.Components) != 4 {
					err = fmt.Errorf("%s: %d components", d.Name(), len(res.Components))
				}
				if err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
}

// BenchmarkSNMPBulkwalkLab is the same 200 devices walked by net-snmp's
// snmpbulkwalk (entPhysicalTable only) through xargs -P 32, for comparison.
func BenchmarkSNMPBulkwalkLab(b *testing.B) {
	if _, err := exec.LookPath("snmpbulkwalk"); err != nil {
		b.Skip("snmpbulkwalk not installed: apt-get install snmp")
	}
	l := benchLab(b)
	var ports strings.Builder
	for _, d := range l.Devices() {
		ports.WriteString(strconv.Itoa(d.SNMPPort()) + "\n")
	}
	script := fmt.Sprintf("xargs -P %d -I{} snmpbulkwalk -v3 -l authPriv -u %s -a SHA -A %s -x AES -X %s -On -Oq -r 1 -t 2 127.0.0.1:{} 1.3.6.1.2.1.47.1.1.1.1 >/dev/null",
		benchWorkers, lab.DefaultSNMPUser, lab.DefaultSNMPAuthPassword, lab.DefaultSNMPPrivPassword)
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command("sh", "-c", script)
		cmd.Stdin = strings.NewReader(ports.String())
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/benchDevices/1000, "ms/device")
}

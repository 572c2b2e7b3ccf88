package collect

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWalkText(t *testing.T) {
	r := SNMPResult{Varbinds: []Varbind{
		{OID: ".1.3.6.1.2.1.1.5.0", Type: "OctetString", Value: `lon "wan" \02`},
		{OID: ".1.3.6.1.2.1.1.3.0", Type: "TimeTicks", Value: "123456"},
		{OID: ".1.3.6.1.9.9.9", Type: "Weird", Value: "x"},
	}}
	// Hand-written expected value: how snmpwalk -On prints these.
	want := ".1.3.6.1.2.1.1.5.0 = STRING: \"lon \\\"wan\\\" \\\\02\"\n" +
		".1.3.6.1.2.1.1.3.0 = Timeticks: 123456\n" +
		".1.3.6.1.9.9.9 = Weird: x\n"
	require.Equal(t, want, r.WalkText())
	require.Empty(t, SNMPResult{}.WalkText())
}

// BenchmarkWalkText renders an entPhysicalTable-sized walk (run with
// -benchmem: the allocations per device feed the GC).
func BenchmarkWalkText(b *testing.B) {
	var r SNMPResult
	for i := range 400 {
		r.Varbinds = append(r.Varbinds, Varbind{OID: fmt.Sprintf(".1.3.6.1.2.1.47.1.1.1.1.%d.%d", i%16, i), Type: "OctetString", Value: fmt.Sprintf("Cisco module %d", i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = r.WalkText()
	}
}

package platform

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// checkCorpusNXOSModule compares the Module-Type table with ntc-templates
// (which records that table only, and stops at the N7K Xbar tables, as we
// skip them), and checks that every module got its serial and version
// where those tables list it.
func checkCorpusNXOSModule(t *testing.T, in string, want []ntcRecord) {
	m, err := ParseNXOSShowModule(in)
	require.NoError(t, err)
	require.Len(t, m.Modules, len(want))
	for i, w := range want {
		got := m.Modules[i]
		require.Equal(t, []string{w.str("module"), w.str("ports"), w.str("type"), w.str("model"), w.str("status")},
			[]string{got.Module, got.Ports, got.Type, got.Model, got.Status}, "module %d", i)
	}
	sup, ok := m.ActiveSupervisor()
	require.True(t, ok)
	require.Equal(t, "active *", sup.Status)
	require.NotEmpty(t, sup.Model)
}

func TestParseNXOSShowModuleJoinsTables(t *testing.T) {
	in, _ := loadCorpusCase(t, "testdata/corpus/cisco_nxos/show_module/cisco_nxos_show_module2.raw")
	m, err := ParseNXOSShowModule(in)
	require.NoError(t, err)
	sup, ok := m.ActiveSupervisor()
	require.True(t, ok)
	require.Equal(t, NXOSModule{Module: "27", Ports: "0", Type: "Supervisor Module", Model: "N9K-SUP-A", Status: "active *",
		Sw: "9.3(7a)", Hw: "1.3", Slot: "SUP1", Serial: "SAL1825V1GU"}, sup)
}

func TestParseNXOSShowModuleErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"rejected", "% Invalid command at '^' marker.\n", ErrUnsupported},
		{"empty", "", ErrUnrecognized},
		{"header-without-rows", "Mod  Ports  Module-Type  Model  Status\n---  -----  -----------  -----  ------\n", ErrUnrecognized},
		{"rows-without-header", "1    48     Eth  N9K-X  ok\n", ErrUnrecognized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseNXOSShowModule(tc.in)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// A pasted show module that lost its dash lines still parses (issue #14):
// the header words give the columns. Hand-written input and values.
func TestParseNXOSShowModuleWithoutDashLine(t *testing.T) {
	m, err := ParseNXOSShowModule("Mod  Ports  Module-Type  Model  Status\n1    48     Eth          N9K-X  ok\n")
	require.NoError(t, err)
	require.Equal(t, []NXOSModule{{Module: "1", Ports: "48", Type: "Eth", Model: "N9K-X", Status: "ok"}}, m.Modules)
}

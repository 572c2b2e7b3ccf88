package yamlerr_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// fleet is 63 valid lines (a device list, one multi-line flow mapping among
// them); each case's text starts at line 64.
func fleet() string {
	var b strings.Builder
	b.WriteString("defaults:\n  credentials: netops\ndevices:\n")
	for i := range 29 {
		fmt.Fprintf(&b, "  - name: r%d\n    address: 10.0.0.%d\n", i, i)
	}
	b.WriteString("  - {name: r29,\n     address: 10.0.0.29}\n")
	return b.String()
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name, text string
		yamlLine   int // what yaml.v3 says
		want       int
		msg        string
	}{
		{"mis-indented-key", "  - name: bad\n    address: 10.1.1.1\n   platform: cisco_ios\n", 3, 66,
			"did not find expected '-' indicator"},
		{"key-at-list-indent", "  - name: bad\n    address: 10.1.1.1\n  platform: cisco_ios\n", 3, 66,
			"did not find expected '-' indicator"},
		{"over-indented-key", "  - name: bad\n    address: 10.1.1.1\n      platform: cisco_ios\n", 66, 66,
			"mapping values are not allowed in this context"},
		{"tab-indent", "  - name: bad\n\taddress: 10.1.1.1\n", 64, 65, "found a tab character that violates indentation"},
		{"unclosed-flow-map", "  - {name: bad, address: 10.1.1.1\n  - name: x\n", 63, 64, "did not find expected ',' or '}'"},
		{"unclosed-quote", "  - name: \"bad\n    address: 10.1.1.1\n", 64, 64, "found unexpected end of stream"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(fleet() + tc.text + "  - name: after\n    address: 10.9.9.9\n")
			var n yaml.Node
			err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&n)
			require.EqualError(t, err, fmt.Sprintf("yaml: line %d: %s", tc.yamlLine, tc.msg), "yaml.v3's own report")

			got := yamlerr.Locate(data, err)
			var se *yamlerr.SyntaxError
			require.ErrorAs(t, got, &se)
			require.Equal(t, tc.want, se.Line)
			require.Equal(t, tc.msg, se.Msg)
			require.Equal(t, fmt.Sprintf("line %d: %s", tc.want, tc.msg), got.Error())
			require.ErrorIs(t, got, err, "yaml.v3's error stays in the chain")
		})
	}
}

func TestLocateLeavesOtherErrors(t *testing.T) {
	require.NoError(t, yamlerr.Locate(nil, nil))
	var v struct{ Port int }
	err := yaml.Unmarshal([]byte("port: many\n"), &v)
	require.Error(t, err)
	require.Same(t, err, yamlerr.Locate([]byte("port: many\n"), err), "type errors already name their line")
	other := errors.New("read: permission denied")
	require.Same(t, other, yamlerr.Locate(nil, other))
}

// BenchmarkLocate: a mis-indent at the end of a 10,000-line inventory.
func BenchmarkLocate(b *testing.B) {
	var s strings.Builder
	s.WriteString("devices:\n")
	for i := range 5000 {
		fmt.Fprintf(&s, "  - name: r%d\n    address: 10.0.%d.%d\n", i, i/250, i%250)
	}
	s.WriteString("   platform: x\n")
	data := []byte(s.String())
	var n yaml.Node
	err := yaml.Unmarshal(data, &n)
	require.Error(b, err)
	for b.Loop() {
		_ = yamlerr.Locate(data, err)
	}
}

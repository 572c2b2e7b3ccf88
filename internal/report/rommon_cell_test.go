package report

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestRommonCell_ShowsWhichChannelSaidWhat(t *testing.T) {
	c := func(src facts.Source, v string) facts.Component {
		return facts.Component{Name: "R0", Version: v, Source: src}
	}
	tests := []struct {
		name string
		cs   []facts.Component
		want string
	}{
		{"none", nil, ""},
		{"cli-only", []facts.Component{c(facts.SourceCLI, "17.3(1r)"), c(facts.SourceCLI, "17.3(1r)")}, "17.3(1r)"},
		{"agree", []facts.Component{c(facts.SourceCLI, "17.3(1r)"), c(facts.SourceSNMP, "17.3(1r)")}, "17.3(1r) cli+snmp"},
		{"disagree", []facts.Component{c(facts.SourceCLI, "17.3(1r)"), c(facts.SourceSNMP, "17.2(1r)"), c(facts.SourceSNMP, "17.3(1r)")},
			"cli 17.3(1r) / snmp 17.2(1r), 17.3(1r)"},
		{"snmp-only", []facts.Component{c(facts.SourceSNMP, "16.7(5r)")}, "16.7(5r)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { require.Equal(t, tc.want, rommonCell(tc.cs)) })
	}
}

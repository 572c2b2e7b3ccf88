package notify_test

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// A strict reader of the Prometheus text exposition format (0.0.4), for
// tests: prometheus/common/expfmt would bring client_model and protobuf
// into go.mod for one test. It is stricter than Prometheus where our writer
// has a rule of its own (every family typed, no comments, no blank lines).

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelName  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	metricType = map[string]bool{"counter": true, "gauge": true, "histogram": true, "summary": true, "untyped": true}
)

// sample is one parsed series with its label values unescaped.
type sample struct {
	Name   string
	Labels map[string]string
	Value  float64
}

// family tracks what has been seen of one metric name.
type family struct{ help, typ, samples bool }

// parseExposition checks text line by line and returns its samples, or the
// first violation with its line number.
func parseExposition(text string) ([]sample, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("not valid UTF-8")
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		return nil, fmt.Errorf("last line has no line feed")
	}
	var (
		out     []sample
		fams    = map[string]*family{}
		current string // the family whose lines we are in
		series  = map[string]bool{}
	)
	enter := func(name string) (*family, error) {
		f := fams[name]
		if f == nil {
			f = &family{}
			fams[name] = f
		} else if name != current {
			return nil, fmt.Errorf("family %s is not contiguous", name)
		}
		current = name
		return f, nil
	}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fail := func(format string, a ...any) error {
			return fmt.Errorf("line %d %q: %s", i+1, line, fmt.Sprintf(format, a...))
		}
		switch {
		case line == "":
			return nil, fail("blank line")
		case strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE "):
			kind, rest := line[2:6], line[7:]
			name, arg, ok := strings.Cut(rest, " ")
			if !ok || !metricName.MatchString(name) {
				return nil, fail("bad metric name")
			}
			f, err := enter(name)
			if err != nil {
				return nil, fail("%v", err)
			}
			if kind == "HELP" {
				if f.help {
					return nil, fail("second HELP")
				}
				if err := checkHelp(arg); err != nil {
					return nil, fail("%v", err)
				}
				f.help = true
				continue
			}
			if f.typ || f.samples {
				return nil, fail("TYPE repeated or after samples")
			}
			if !metricType[arg] {
				return nil, fail("unknown type %q", arg)
			}
			f.typ = true
		case strings.HasPrefix(line, "#"):
			return nil, fail("comment line")
		default:
			s, key, err := parseSample(line)
			if err != nil {
				return nil, fail("%v", err)
			}
			f, err := enter(s.Name)
			if err != nil {
				return nil, fail("%v", err)
			}
			if !f.typ {
				return nil, fail("sample before its TYPE")
			}
			if series[key] {
				return nil, fail("duplicate series")
			}
			series[key] = true
			f.samples = true
			out = append(out, s)
		}
	}
	return out, nil
}

// checkHelp allows only the escapes \\ and \n in a docstring.
func checkHelp(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			if i+1 == len(s) || (s[i+1] != '\\' && s[i+1] != 'n') {
				return fmt.Errorf("bad escape in HELP")
			}
			i++
		}
	}
	return nil
}

// parseSample reads name{label="value",…} value [timestamp]. key is the
// series identity (name and sorted labels).
func parseSample(line string) (sample, string, error) {
	end := strings.IndexAny(line, "{ ")
	if end < 0 {
		return sample{}, "", fmt.Errorf("no value")
	}
	s := sample{Name: line[:end], Labels: map[string]string{}}
	if !metricName.MatchString(s.Name) {
		return s, "", fmt.Errorf("bad metric name")
	}
	rest := line[end:]
	if strings.HasPrefix(rest, "{") {
		var err error
		if rest, err = parseLabels(rest[1:], s.Labels); err != nil {
			return s, "", err
		}
	}
	fields := strings.Split(strings.TrimPrefix(rest, " "), " ")
	if !strings.HasPrefix(rest, " ") || len(fields) > 2 || fields[0] == "" {
		return s, "", fmt.Errorf("want one space, a value and an optional timestamp")
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return s, "", fmt.Errorf("bad value: %w", err)
	}
	s.Value = v
	if len(fields) == 2 {
		if _, err := strconv.ParseInt(fields[1], 10, 64); err != nil {
			return s, "", fmt.Errorf("bad timestamp: %w", err)
		}
	}
	key := s.Name
	for _, k := range slices.Sorted(maps.Keys(s.Labels)) {
		key += "\x00" + k + "\x00" + s.Labels[k]
	}
	return s, key, nil
}

// parseLabels reads label="value" pairs up to the closing brace into m
// and returns what follows the brace.
func parseLabels(s string, m map[string]string) (string, error) {
	for {
		eq := strings.Index(s, `="`)
		if eq < 0 {
			return "", fmt.Errorf("label without =\"")
		}
		name := s[:eq]
		if !labelName.MatchString(name) || strings.HasPrefix(name, "__") {
			return "", fmt.Errorf("bad label name %q", name)
		}
		if _, dup := m[name]; dup {
			return "", fmt.Errorf("label %s twice", name)
		}
		var val strings.Builder
		i := eq + 2
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] != '\\' {
				val.WriteByte(s[i])
				continue
			}
			i++
			switch {
			case i == len(s):
				return "", fmt.Errorf("escape at end of line")
			case s[i] == '\\' || s[i] == '"':
				val.WriteByte(s[i])
			case s[i] == 'n':
				val.WriteByte('\n')
			default:
				return "", fmt.Errorf("bad escape \\%c in label %s", s[i], name)
			}
		}
		if i == len(s) {
			return "", fmt.Errorf("unterminated value of label %s", name)
		}
		m[name] = val.String()
		s = s[i+1:]
		switch {
		case strings.HasPrefix(s, "}"):
			return s[1:], nil
		case strings.HasPrefix(s, ","):
			s = s[1:]
		default:
			return "", fmt.Errorf("want , or } after label %s", name)
		}
	}
}

// TestParseExposition proves the checker rejects what Prometheus or
// node_exporter would reject (or what we never write), so a pass means
// something.
func TestParseExposition(t *testing.T) {
	const head = "# HELP m Help.\n# TYPE m gauge\n"
	good := head + "m{a=\"x\\\"y\\\\z\\nw\",b=\"\"} 1\nm 2.5 1700000000000\n# HELP n N.\n# TYPE n gauge\nn -Inf\n"
	got, err := parseExposition(good)
	require.NoError(t, err)
	require.Equal(t, []sample{
		{Name: "m", Labels: map[string]string{"a": "x\"y\\z\nw", "b": ""}, Value: 1},
		{Name: "m", Labels: map[string]string{}, Value: 2.5},
	}, got[:2])

	bad := []struct{ name, text, want string }{
		{"duplicate-series", head + "m{a=\"1\"} 1\nm{a=\"1\"} 2\n", "duplicate series"},
		{"duplicate-series-label-order", head + "m{a=\"1\",b=\"2\"} 1\nm{b=\"2\",a=\"1\"} 2\n", "duplicate series"},
		{"unescaped-quote", head + "m{a=\"x\"y\"} 1\n", "want , or }"},
		{"bad-escape", head + "m{a=\"\\t\"} 1\n", "bad escape"},
		{"raw-newline-in-value", head + "m{a=\"x\n\"} 1\n", "unterminated"},
		{"type-after-sample", "# HELP m H.\nm 1\n# TYPE m gauge\n", "sample before its TYPE"},
		{"untyped-sample", "m 1\n", "sample before its TYPE"},
		{"not-contiguous", head + "m 1\n# HELP n N.\n# TYPE n gauge\nn 1\nm{a=\"b\"} 2\n", "not contiguous"},
		{"second-help", head + "# HELP m again\nm 1\n", "second HELP"},
		{"bad-type", "# TYPE m gauges\n", "unknown type"},
		{"bad-metric-name", "# TYPE 1m gauge\n", "bad metric name"},
		{"bad-label-name", head + "m{a-b=\"1\"} 1\n", "bad label name"},
		{"reserved-label-name", head + "m{__name__=\"1\"} 1\n", "bad label name"},
		{"label-twice", head + "m{a=\"1\",a=\"2\"} 1\n", "label a twice"},
		{"bad-value", head + "m one\n", "bad value"},
		{"two-spaces", head + "m  1\n", "want one space"},
		{"trailing-space", head + "m 1 \n", "bad timestamp"},
		{"no-final-newline", head + "m 1", "no line feed"},
		{"blank-line", head + "\nm 1\n", "blank line"},
		{"invalid-utf8", head + "m{a=\"\xff\"} 1\n", "UTF-8"},
		{"help-bad-escape", "# HELP m a\\tb\n", "bad escape in HELP"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseExposition(tc.text)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

package yamlerr

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// SyntaxError is a YAML syntax error at the line its problem is on.
type SyntaxError struct {
	Line int    // 1-based; 0 when unknown
	Msg  string // yaml.v3's problem, e.g. "did not find expected key"
	Err  error  // what yaml.v3 returned
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Locate returns err, which yaml.v3 returned for data, as a *SyntaxError
// at the line of the problem. yaml.v3 prints the line of the construct it
// was inside (0-based for parser errors), so Locate finds the shortest
// prefix of data, in whole lines, that fails with the same problem: the
// line yaml.v3 stopped at. Errors that are not syntax errors (nil, type
// errors) are returned unchanged. It parses data O(log lines) times.
func Locate(data []byte, err error) error {
	if err == nil {
		return nil
	}
	m := lineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	reported, _ := strconv.Atoi(m[1])
	return &SyntaxError{Line: problemLine(data, m[2], reported), Msg: m[2], Err: err}
}

// problemLine is the first line n such that lines 1..n fail with problem,
// found by bisection; it falls back to reported when the prefixes do not
// behave (a failing prefix followed by a passing one, another problem).
func problemLine(data []byte, problem string, reported int) int {
	starts := lineStarts(data)
	fails := func(n int) bool { return failsWith(prefix(data, starts, n), problem) }
	total := len(starts)
	if !fails(total) {
		return reported
	}
	// The problem cannot come before the construct yaml.v3 names (whose
	// 0-based line is reported-1 at worst).
	lo, hi := max(1, min(reported-1, total)), total
	for lo < hi {
		if mid := (lo + hi) / 2; fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	// The line before must pass, else the prefixes did not behave.
	if lo > 1 && fails(lo-1) {
		return reported
	}
	return lo
}

// lineStarts is the offset where each line of data starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// prefix is lines 1..n of data.
func prefix(data []byte, starts []int, n int) []byte {
	if n >= len(starts) {
		return data
	}
	return data[:starts[n]]
}

// failsWith reports whether decoding every document of data fails with
// problem.
func failsWith(data []byte, problem string) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil {
			m := lineRE.FindStringSubmatch(err.Error())
			return m != nil && m[2] == problem
		}
	}
}

package inventory

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/textsafe"
)

// ErrInvalid is wrapped by every error Load returns: the inventory cannot be
// used as it is (exit code 3).
var ErrInvalid = errors.New("invalid inventory")

// ErrSourceUnavailable is wrapped instead when an inventory source could not
// be read although it is configured right: NetBox overloaded (429), down
// behind its proxy (502/503/504, another 5xx), refusing connections or
// timing out, after retries. The inventory may be fine: an infrastructure
// error (exit 2), not a configuration error (exit 3).
var ErrSourceUnavailable = errors.New("inventory source unavailable")

// FieldError is one problem in an inventory file.
type FieldError struct {
	File string
	Line int
	// Device is the device the error is about, if any.
	Device string
	// Section names what the error is about when it is not a device:
	// `defaults`, `group "core"`, `credentials "lab"`, `devices[3]`.
	Section string
	// Field is the dotted key, e.g. "snmp.auth_protocol".
	Field string
	Msg   string
}

// Error formats the error as
// `file:line: device "name": field: message`.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(textsafe.Clean(e.File, 0))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	switch {
	case e.Device != "":
		fmt.Fprintf(&b, ": device %s", quote(e.Device))
	case e.Section != "":
		b.WriteString(": " + textsafe.Clean(e.Section, 0))
	}
	if e.Field != "" {
		b.WriteString(": " + textsafe.Clean(e.Field, 0))
	}
	b.WriteString(": " + textsafe.Clean(e.Msg, 0))
	return b.String()
}

// quote makes untrusted text safe and short for an error message: at most
// 64 runes, Go-quoted so control characters show as escapes.
func quote(s string) string {
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return textsafe.Clean(fmt.Sprintf("%q", s), 0)
}

// subject is who an error is about: a device or a section.
type subject struct{ device, section string }

// errList collects FieldErrors; identical problems at the same place (a bad
// default inherited by many devices) are reported once.
type errList struct {
	errs []*FieldError
	seen map[string]bool
}

func (l *errList) add(p pos, s subject, field, format string, args ...any) {
	e := &FieldError{File: p.file, Line: p.line, Device: s.device, Section: s.section,
		Field: field, Msg: fmt.Sprintf(format, args...)}
	key := fmt.Sprintf("%s:%d:%s:%s", e.File, e.Line, e.Field, e.Msg)
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if l.seen[key] {
		return
	}
	l.seen[key] = true
	l.errs = append(l.errs, e)
}

// err returns nil or every error sorted by file and line, joined and
// wrapped in ErrInvalid.
func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *FieldError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	errs := make([]error, len(l.errs))
	for i, e := range l.errs {
		errs[i] = e
	}
	return fmt.Errorf("%w:\n%w", ErrInvalid, errors.Join(errs...))
}

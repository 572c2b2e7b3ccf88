package baseline

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrInvalid is wrapped by every error Load and LoadChanges return when a
// file cannot be used as it is (exit code 3).
var ErrInvalid = errors.New("invalid baseline")

// FieldError is one problem in a baseline or change-window file.
type FieldError struct {
	File  string
	Line  int    // 0 when the problem is about the whole file
	Field string // dotted path, e.g. models[2].images[0].sha512; "" for the file
	Msg   string

	col int // orders problems on one line
}

// Error formats the error as `file:line: field: message`.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// errList collects FieldErrors.
type errList struct{ errs []*FieldError }

func (l *errList) add(file string, line, col int, field, format string, args ...any) {
	l.errs = append(l.errs, &FieldError{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...), col: col})
}

// err returns nil or every error sorted by file, line and column, joined and wrapped
// in ErrInvalid.
func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *FieldError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.col, b.col))
	})
	errs := make([]error, len(l.errs))
	for i, e := range l.errs {
		errs[i] = e
	}
	return fmt.Errorf("%w:\n%w", ErrInvalid, errors.Join(errs...))
}

// quote quotes a value from a file for a message: escaped and short.
func quote(s string) string {
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return strconv.Quote(s)
}

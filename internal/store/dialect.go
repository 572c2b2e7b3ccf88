package store

import (
	"strconv"
	"strings"
)

// dialect is what differs between the two SQL backends. Queries are
// written once with ? placeholders; postgres rebinds them to $1, $2, ….
type dialect struct {
	name string // "sqlite" | "postgres": also the migrations folder
}

var (
	dialectSQLite   = dialect{name: "sqlite"}
	dialectPostgres = dialect{name: "postgres"}
)

func (d dialect) postgres() bool { return d.name == dialectPostgres.name }

// byteOrder sorts col by its bytes, as SQLite does, whatever the
// database's collation.
func (d dialect) byteOrder(col string) string {
	if d.postgres() {
		return col + ` COLLATE "C"`
	}
	return col
}

// q returns query with its placeholders in the dialect's form.
func (d dialect) q(query string) string {
	if !d.postgres() {
		return query
	}
	return rebind(query)
}

// rebind turns each ? outside a quoted string or identifier into $N.
func rebind(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	var quote byte // ' or " while inside one
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// deviceIn returns a membership test for devices, " IN (?, ?, …)" with
// one argument each, or on PostgreSQL " = ANY(?)" with one text array:
// a statement whose text does not change with the number of devices is
// parsed and planned once per connection.
func (d dialect) deviceIn(devices []string) (string, []any) {
	if d.postgres() {
		return "= ANY(?::text[])", []any{devices}
	}
	args := make([]any, len(devices))
	for i, dev := range devices {
		args[i] = dev
	}
	return "IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(devices)), ", ") + ")", args
}

package collect

import (
	"strings"
)

// SNMPOutputName is the raw-output name under which a sweep keeps the SNMP
// answers beside the CLI outputs (history store, `fwaudit evidence`), so
// the snapshot's hash chain covers them; `fwaudit ingest` of an evidence
// bundle reads it back (ParseWalkText) for the channel cross-checks.
const SNMPOutputName = "snmpwalk"

// snmpTypeNames are net-snmp's labels for gosnmp's type names.
var snmpTypeNames = map[string]string{
	"OctetString": "STRING", "Integer": "INTEGER", "Counter32": "Counter32", "Gauge32": "Gauge32",
	"TimeTicks": "Timeticks", "ObjectIdentifier": "OID", "IPAddress": "IpAddress", "Counter64": "Counter64",
	"Opaque": "Opaque", "Uinteger32": "UInteger32", "Boolean": "BOOLEAN", "BitString": "BITS",
}

// WalkText renders the varbinds as `snmpwalk -On` prints them, one per
// line in the order they were received: `.1.3.6.1.2.1.1.5.0 = STRING:
// "lon-wan-02"`. Strings are quoted with `"` and `\` escaped; every value
// was made safe text when it was received.
func (r SNMPResult) WalkText() string {
	n := 0
	for _, vb := range r.Varbinds {
		n += len(vb.OID) + len(vb.Type) + len(vb.Value) + 8
	}
	var b strings.Builder
	b.Grow(n)
	for _, vb := range r.Varbinds {
		typ, ok := snmpTypeNames[vb.Type]
		if !ok {
			typ = vb.Type
		}
		b.WriteString(vb.OID)
		b.WriteString(" = ")
		b.WriteString(typ)
		b.WriteString(": ")
		if typ == "STRING" || typ == "Opaque" {
			b.WriteByte('"')
			_, _ = walkQuote.WriteString(&b, vb.Value)
			b.WriteByte('"')
		} else {
			b.WriteString(vb.Value)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// walkQuote escapes a string value as snmpwalk quotes it (built once: a
// Replacer is costly to build and safe to share).
var walkQuote = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

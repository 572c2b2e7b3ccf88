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
	var b strings.Builder
	for _, vb := range r.Varbinds {
		typ, ok := snmpTypeNames[vb.Type]
		if !ok {
			typ = vb.Type
		}
		v := vb.Value
		if typ == "STRING" || typ == "Opaque" {
			v = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
		}
		b.WriteString(vb.OID + " = " + typ + ": " + v + "\n")
	}
	return b.String()
}

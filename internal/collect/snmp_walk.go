package collect

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gosnmp/gosnmp"
)

// ErrWalkText means saved SNMP answers (WalkText) could not be read back.
var ErrWalkText = errors.New("saved snmpwalk text not understood")

// walkTypes maps WalkText's labels back to gosnmp's types.
var walkTypes = map[string]gosnmp.Asn1BER{
	"STRING": gosnmp.OctetString, "Opaque": gosnmp.Opaque, "INTEGER": gosnmp.Integer,
	"Counter32": gosnmp.Counter32, "Gauge32": gosnmp.Gauge32, "Timeticks": gosnmp.TimeTicks,
	"OID": gosnmp.ObjectIdentifier, "IpAddress": gosnmp.IPAddress, "Counter64": gosnmp.Counter64,
	"UInteger32": gosnmp.Uinteger32,
}

// ParseWalkText reads back the SNMP answers a sweep saved (WalkText, the
// snmpwalk output of a snapshot) into what CollectSNMP returned for them:
// the system group, the Cisco scalars, entPhysicalTable and the firmware
// components. So `fwaudit ingest` of an evidence bundle cross-checks the
// channels (ROM-003, REL-002) as the live sweep did. Lines it does not
// understand are an error; at most DefaultMaxVarbinds lines are read.
func ParseWalkText(text string) (SNMPResult, error) {
	var res SNMPResult
	rows := newEntityRows()
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if n++; n > DefaultMaxVarbinds {
			return res, fmt.Errorf("%w: more than %d lines", ErrTooManyVarbinds, DefaultMaxVarbinds)
		}
		pdu, vb, err := walkLine(line)
		if err != nil {
			return res, fmt.Errorf("%w: line %d: %w", ErrWalkText, n, err)
		}
		res.Varbinds = append(res.Varbinds, vb)
		if strings.HasPrefix(pdu.Name, oidEntPhysicalEntry+".") {
			rows.add(pdu, vb)
		} else {
			setScalar(&res.SNMP, pdu, vb)
		}
	}
	res.SNMP.Entities = rows.entities()
	res.Components = firmwareComponents(res.SNMP.Entities)
	res.Model, res.Serial = chassisIdentity(res.SNMP.Entities)
	return res, nil
}

// walkLine parses `.1.3.6.1.2.1.1.5.0 = STRING: "lon-wan-02"`.
func walkLine(line string) (gosnmp.SnmpPDU, Varbind, error) {
	oid, rest, ok := strings.Cut(line, " = ")
	if !ok || !strings.HasPrefix(oid, ".") {
		return gosnmp.SnmpPDU{}, Varbind{}, errors.New("not `OID = TYPE: value`")
	}
	label, val, ok := strings.Cut(rest, ": ")
	if !ok {
		label, val = strings.TrimSuffix(rest, ":"), ""
	}
	typ, known := walkTypes[label]
	if !known {
		return gosnmp.SnmpPDU{}, Varbind{}, fmt.Errorf("unknown type %q", truncate(label, 20))
	}
	pdu := gosnmp.SnmpPDU{Name: oid, Type: typ}
	switch typ {
	case gosnmp.OctetString, gosnmp.Opaque:
		s, err := unquote(val)
		if err != nil {
			return pdu, Varbind{}, err
		}
		pdu.Value = []byte(s)
		val = s
	case gosnmp.Integer:
		i, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return pdu, Varbind{}, fmt.Errorf("INTEGER %q", truncate(val, 24))
		}
		pdu.Value = int(i)
	case gosnmp.Counter32, gosnmp.Gauge32, gosnmp.TimeTicks, gosnmp.Uinteger32, gosnmp.Counter64:
		u, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return pdu, Varbind{}, fmt.Errorf("%s %q", label, truncate(val, 24))
		}
		pdu.Value = uint64(u)
	default:
		pdu.Value = val
	}
	return pdu, Varbind{OID: oid, Type: typ.String(), Value: val}, nil
}

// unquote inverts WalkText's quoting: `"` … `"` with `\"` and `\\`.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", errors.New("STRING value not quoted")
	}
	var b strings.Builder
	in := s[1 : len(s)-1]
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c == '\\' && i+1 < len(in) {
			i++
			c = in[i]
		} else if c == '"' {
			return "", errors.New("unescaped quote in STRING")
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

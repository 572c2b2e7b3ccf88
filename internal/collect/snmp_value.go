package collect

import (
	"strconv"
	"strings"

	"github.com/gosnmp/gosnmp"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// present reports whether a GET answer carries a value.
func present(pdu gosnmp.SnmpPDU) bool {
	switch pdu.Type {
	case gosnmp.NoSuchObject, gosnmp.NoSuchInstance, gosnmp.EndOfMibView, gosnmp.Null:
		return false
	}
	return true
}

// varbind renders one answer as safe text, capped at maxBytes.
func varbind(pdu gosnmp.SnmpPDU, maxBytes int) Varbind {
	return Varbind{OID: textsafe.Clean(pdu.Name, 256), Type: pdu.Type.String(), Value: value(pdu, maxBytes)}
}

func value(pdu gosnmp.SnmpPDU, maxBytes int) string {
	switch v := pdu.Value.(type) {
	case []byte:
		if len(v) > maxBytes {
			v = v[:maxBytes]
		}
		return textsafe.Field(textsafe.Clean(string(v), maxBytes))
	case string:
		if len(v) > maxBytes {
			v = v[:maxBytes]
		}
		return textsafe.Field(textsafe.Clean(v, maxBytes))
	case nil:
		return ""
	}
	return textsafe.Clean(gosnmp.ToBigInt(pdu.Value).String(), 64)
}

// integer returns a numeric answer as int64; ok is false for non-numbers.
func integer(pdu gosnmp.SnmpPDU) (int64, bool) {
	switch pdu.Value.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		b := gosnmp.ToBigInt(pdu.Value)
		if !b.IsInt64() {
			return 0, false
		}
		return b.Int64(), true
	}
	return 0, false
}

// setScalar files one system-group / engine / Cisco answer into s.
func setScalar(s *facts.SNMP, pdu gosnmp.SnmpPDU, vb Varbind) {
	n, isNum := integer(pdu)
	switch pdu.Name {
	case oidSysDescr:
		s.SysDescr = vb.Value
	case oidSysObjectID:
		s.SysObjectID = strings.TrimPrefix(vb.Value, ".")
	case oidSysName:
		s.SysName = vb.Value
	case oidSysUpTime:
		if isNum {
			s.SysUpTimeSeconds = n / 100
		}
	case oidEngineBoots:
		if isNum {
			s.EngineBoots = n
		}
	case oidEngineTime:
		if isNum {
			s.EngineTimeSeconds = n
		}
	case oidCiscoROMID:
		s.ROMID = vb.Value
	case oidCiscoROMSysVersion:
		s.ROMSysVersion = vb.Value
	case oidCiscoConfigReg:
		s.ConfigRegister = confReg(n, isNum, vb.Value)
	case oidCiscoConfigRegNext:
		s.ConfigRegNext = confReg(n, isNum, vb.Value)
	}
}

// confReg shows an INTEGER configuration register as IOS does (0x2102).
func confReg(n int64, isNum bool, raw string) string {
	if !isNum {
		return raw
	}
	if n < 0 || n > 0xffff {
		return ""
	}
	return "0x" + strconv.FormatInt(n, 16)
}

package lab

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gosnmp/gosnmp"
)

// mibEntry is one object instance the lab agent serves.
type mibEntry struct {
	oid []uint32
	pdu gosnmp.SnmpPDU
}

// mib is an object table sorted by OID.
type mib []mibEntry

// parseOID turns ".1.3.6.1" or "1.3.6.1" into arcs; nil when malformed.
func parseOID(s string) []uint32 {
	s = strings.TrimPrefix(s, ".")
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ".")
	out := make([]uint32, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil
		}
		out[i] = uint32(n)
	}
	return out
}

func (m *mib) add(oid string, t gosnmp.Asn1BER, v any) {
	*m = append(*m, mibEntry{oid: parseOID(oid), pdu: gosnmp.SnmpPDU{Name: "." + strings.TrimPrefix(oid, "."), Type: t, Value: v}})
}

func (m mib) sort() {
	slices.SortFunc(m, func(a, b mibEntry) int { return slices.Compare(a.oid, b.oid) })
}

// get answers a GET for one OID.
func (m mib) get(name string) gosnmp.SnmpPDU {
	oid := parseOID(name)
	i, found := slices.BinarySearchFunc(m, oid, func(e mibEntry, t []uint32) int { return slices.Compare(e.oid, t) })
	if !found {
		return gosnmp.SnmpPDU{Name: name, Type: gosnmp.NoSuchObject}
	}
	return m[i].pdu
}

// next answers a GETNEXT for one OID: the first instance after it.
func (m mib) next(name string) gosnmp.SnmpPDU {
	oid := parseOID(name)
	i, found := slices.BinarySearchFunc(m, oid, func(e mibEntry, t []uint32) int { return slices.Compare(e.oid, t) })
	if found {
		i++
	}
	if i >= len(m) {
		return gosnmp.SnmpPDU{Name: name, Type: gosnmp.EndOfMibView}
	}
	return m[i].pdu
}

// Lab OIDs (the same objects fwaudit's collector reads).
const (
	labEntEntry = "1.3.6.1.2.1.47.1.1.1.1"
	// labSysObjectID is Cisco's enterprise arc with an illustrative product
	// number: fwaudit only relies on the enterprise prefix.
	labSysObjectID = ".1.3.6.1.4.1.9.1.%d"
)

// labEntity is one entPhysicalTable row of a simulated device.
type labEntity struct {
	index, containedIn, class int
	descr, name, hw, fw, sw   string
	serial, model             string
}

// entities lays out the entPhysicalTable as IOS XE routers and switches do:
// the chassis, the carrier card (module 0), the route processor (module R0)
// and the forwarding processor (module F0) carry the ROMMON version in
// entPhysicalFirmwareRev; a power supply and ports carry none.
func (p *profile) entities() []labEntity {
	s := p.spec
	fam := familyOf(s.Model)
	fw := s.ROMMON
	if s.SNMPFirmware != "" {
		fw = s.SNMPFirmware
	}
	sw := s.OSVersion
	pid := strings.SplitN(s.Model, "/", 2)[0]
	chassisName, chassisDescr := "Chassis", "Cisco "+pid+" Chassis"
	if fam.cat9k {
		chassisName, chassisDescr = "Switch 1", "Cisco Catalyst 9000 Series Switch"
	}
	ents := []labEntity{
		{index: 1, class: 3, descr: chassisDescr, name: chassisName, hw: "V02", fw: fw, sw: sw, serial: s.Serial, model: s.Model},
		{index: 2, containedIn: 1, class: 6, descr: "Cisco Power Supply", name: "Power Supply Module 0", hw: "V01", model: "PWR-AC"},
		{index: 3, containedIn: 1, class: 9, descr: pid + " Built-In NIM controller", name: "module 0", hw: "V02", fw: fw, sw: sw, model: s.Model},
		{index: 4, containedIn: 3, class: 10, descr: "Front Panel 4 ports Gigabitethernet Module", name: "GigabitEthernet0/0/0"},
		{index: 5, containedIn: 1, class: 9, descr: pid + " Route Processor", name: "module R0", hw: "V02", fw: fw, sw: sw, serial: s.Serial, model: s.Model},
		{index: 6, containedIn: 5, class: 12, descr: "CPU 0 of module R0", name: "cpu R0/0"},
		{index: 7, containedIn: 1, class: 9, descr: pid + " Forwarding Processor", name: "module F0", hw: "V02", fw: fw, sw: sw, model: fam.fp},
	}
	if s.Hostile == HostileEntityFlood { // hostile.go: past the auditor's varbind cap
		for i := range s.rows() {
			ents = append(ents, labEntity{index: 100 + i, containedIn: 3, class: 10,
				descr: "Padding port", name: fmt.Sprintf("GigabitEthernet0/9/%d", i)})
		}
	}
	return ents
}

// table is the agent's object table at now: built once per profile, with
// the clock-driven objects (sysUpTime, snmpEngineBoots, snmpEngineTime)
// refreshed per request. Only the agent's serve goroutine calls it.
func (a *snmpAgent) table(p *profile, now time.Time) mib {
	if a.cached == nil || a.cachedFor != p {
		a.cached, a.cachedFor = p.buildMIB(now, a), p
	}
	up := p.engineUptime(now)
	for i := range a.cached {
		switch a.cached[i].pdu.Name {
		case ".1.3.6.1.2.1.1.3.0":
			a.cached[i].pdu.Value = uint32(up / (10 * time.Millisecond))
		case ".1.3.6.1.6.3.10.2.1.2.0":
			a.cached[i].pdu.Value = int(a.boots(p))
		case ".1.3.6.1.6.3.10.2.1.3.0":
			a.cached[i].pdu.Value = int(up / time.Second)
		}
	}
	return a.cached
}

// buildMIB is the agent's object table at now.
func (p *profile) buildMIB(now time.Time, a *snmpAgent) mib {
	s := p.spec
	var m mib
	engineUp := p.engineUptime(now)
	m.add("1.3.6.1.2.1.1.1.0", gosnmp.OctetString, p.sysDescr())
	m.add("1.3.6.1.2.1.1.2.0", gosnmp.ObjectIdentifier, sysObjectID(s))
	m.add("1.3.6.1.2.1.1.3.0", gosnmp.TimeTicks, uint32(engineUp/(10*time.Millisecond)))
	m.add("1.3.6.1.2.1.1.5.0", gosnmp.OctetString, s.Hostname)
	m.add("1.3.6.1.6.3.10.2.1.1.0", gosnmp.OctetString, a.engineID)
	m.add("1.3.6.1.6.3.10.2.1.2.0", gosnmp.Integer, int(a.boots(p)))
	m.add("1.3.6.1.6.3.10.2.1.3.0", gosnmp.Integer, int(engineUp/time.Second))
	m.add("1.3.6.1.4.1.9.2.1.1.0", gosnmp.OctetString, "System Bootstrap, Version "+fwOf(s)+", RELEASE SOFTWARE")
	m.add("1.3.6.1.4.1.9.3.6.5.0", gosnmp.OctetString, "")
	m.add("1.3.6.1.4.1.9.3.6.9.0", gosnmp.Integer, confRegInt(s.ConfigRegister))
	next := s.ConfigRegister
	if s.ConfigRegisterNext != "" {
		next = s.ConfigRegisterNext
	}
	m.add("1.3.6.1.4.1.9.3.6.10.0", gosnmp.Integer, confRegInt(next))
	for _, e := range p.entities() {
		col := func(c int, t gosnmp.Asn1BER, v any) {
			m.add(fmt.Sprintf("%s.%d.%d", labEntEntry, c, e.index), t, v)
		}
		col(2, gosnmp.OctetString, e.descr)
		col(3, gosnmp.ObjectIdentifier, ".0.0")
		col(4, gosnmp.Integer, e.containedIn)
		col(5, gosnmp.Integer, e.class)
		col(6, gosnmp.Integer, -1)
		col(7, gosnmp.OctetString, e.name)
		col(8, gosnmp.OctetString, e.hw)
		col(9, gosnmp.OctetString, e.fw)
		col(10, gosnmp.OctetString, e.sw)
		col(11, gosnmp.OctetString, e.serial)
		col(12, gosnmp.OctetString, "Cisco Systems Inc")
		col(13, gosnmp.OctetString, e.model)
	}
	m.sort()
	return m
}

// engineUptime is what the agent says about the last reload: the device's
// uptime unless the fleet makes SNMP disagree (snmp_uptime).
func (p *profile) engineUptime(now time.Time) time.Duration {
	if p.spec.SNMPUptime != 0 {
		return time.Duration(p.spec.SNMPUptime) + now.Sub(p.since)
	}
	return p.uptime(now)
}

func fwOf(s DeviceSpec) string { return cmp.Or(s.SNMPFirmware, s.ROMMON) }

func (p *profile) sysDescr() string {
	s := p.spec
	if d := labPlatformOf(s).sysDescr; d != nil {
		return d(s)
	}
	fam := familyOf(s.Model)
	tr := ""
	if t := train(s.OSVersion); t != "" {
		tr = " [" + t + "]"
	}
	return fmt.Sprintf("Cisco IOS Software%s, %s, Version %s, RELEASE SOFTWARE (fc3)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2023 by Cisco Systems, Inc.\r\nCompiled Thu 19-Oct-23 09:39 by mcpre",
		tr, fam.software, shortVersion(s.OSVersion))
}

func confRegInt(s string) int {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 16)
	if err != nil {
		return 0
	}
	return int(n)
}

// sysObjectID is the vendor's enterprise arc with an illustrative product.
func sysObjectID(s DeviceSpec) string {
	if oid := labPlatformOf(s).sysObjectID; oid != "" {
		return oid
	}
	return fmt.Sprintf(labSysObjectID, productNumber(s.Model))
}

// productNumber is an illustrative CISCO-PRODUCTS-MIB arc per family.
func productNumber(model string) int {
	switch {
	case strings.HasPrefix(model, "C93"):
		return 2494
	case strings.HasPrefix(model, "C95"):
		return 2530
	case strings.HasPrefix(model, "ISR4"):
		return 2068
	case strings.HasPrefix(model, "ASR1"):
		return 1861
	case strings.HasPrefix(model, "C8"):
		return 3009
	}
	return 1
}

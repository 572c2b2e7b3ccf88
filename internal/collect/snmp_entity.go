package collect

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gosnmp/gosnmp"

	"fwaudit/internal/facts"
)

// maxEntities caps the rows kept from entPhysicalTable (a chassis with
// every port and sensor has a few thousand at most).
const maxEntities = 4096

// entityRows assembles entPhysicalTable columns into rows by index.
type entityRows struct {
	byIndex map[int]*facts.Entity
}

func newEntityRows() *entityRows { return &entityRows{byIndex: map[int]*facts.Entity{}} }

// add files one varbind .1.3.6.1.2.1.47.1.1.1.1.<col>.<index>; anything
// else (a hostile agent's stray OIDs, a bad index) is ignored.
func (r *entityRows) add(pdu gosnmp.SnmpPDU, vb Varbind) {
	rest, ok := strings.CutPrefix(pdu.Name, oidEntPhysicalEntry+".")
	if !ok {
		return
	}
	colStr, idxStr, ok := strings.Cut(rest, ".")
	if !ok {
		return
	}
	col, err1 := strconv.Atoi(colStr)
	idx, err2 := strconv.Atoi(idxStr)
	if err1 != nil || err2 != nil || idx <= 0 {
		return
	}
	e := r.byIndex[idx]
	if e == nil {
		if len(r.byIndex) >= maxEntities {
			return
		}
		e = &facts.Entity{Index: idx}
		r.byIndex[idx] = e
	}
	n, isNum := integer(pdu)
	switch col {
	case entDescr:
		e.Descr = vb.Value
	case entContainedIn:
		if isNum {
			e.ContainedIn = int(n)
		}
	case entClass:
		if isNum {
			e.Class = int(n)
		}
	case entName:
		e.Name = vb.Value
	case entHardwareRev:
		e.HardwareRev = vb.Value
	case entFirmwareRev:
		e.FirmwareRev = vb.Value
	case entSoftwareRev:
		e.SoftwareRev = vb.Value
	case entSerialNum:
		e.SerialNum = vb.Value
	case entModelName:
		e.ModelName = vb.Value
	}
}

// entities returns the rows sorted by index.
func (r *entityRows) entities() []facts.Entity {
	out := make([]facts.Entity, 0, len(r.byIndex))
	for _, e := range r.byIndex {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b facts.Entity) int { return a.Index - b.Index })
	return out
}

// slotRE matches the IOS XE slot names of route processors, forwarding
// processors and carrier cards: "module R0", "module F0", "module 0".
var slotRE = regexp.MustCompile(`^(?i:module\s+)?([RF]?\d{1,2})$`)

// ComponentName maps an entity row to the component name the CLI uses for
// the same part: "module R0" → "R0", "Switch 1" → "Switch 1", a chassis
// row → "chassis".
func ComponentName(e facts.Entity) string {
	if m := slotRE.FindStringSubmatch(strings.TrimSpace(e.Name)); m != nil {
		return strings.ToUpper(m[1])
	}
	if e.Class == entClassChassis {
		return "chassis"
	}
	if e.Name != "" {
		return e.Name
	}
	return "entity " + strconv.Itoa(e.Index)
}

// bootRow reports whether a row is the chassis, a route processor, a
// supervisor or a stack member: the rows whose entPhysicalFirmwareRev is
// the boot firmware (ROMMON) on Cisco gear.
func bootRow(e facts.Entity) bool {
	switch e.Class {
	case entClassChassis:
		return true
	case entClassModule, entClassCPU:
		if slotRE.MatchString(strings.TrimSpace(e.Name)) {
			return true
		}
		d := strings.ToLower(e.Descr + " " + e.Name)
		for _, w := range []string{"route processor", "supervisor", "routing engine", "switch "} {
			if strings.Contains(d, w) {
				return true
			}
		}
	}
	return false
}

// firmwareComponents returns the boot-firmware components the agent
// reported: one per boot row with a non-empty entPhysicalFirmwareRev.
func firmwareComponents(es []facts.Entity) []facts.Component {
	var out []facts.Component
	seen := map[string]bool{}
	for _, e := range es {
		if !bootRow(e) || e.FirmwareRev == "" {
			continue
		}
		name := ComponentName(e)
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, facts.Component{Name: name, Version: e.FirmwareRev, Source: facts.SourceSNMP,
			Origin: "entPhysicalFirmwareRev." + strconv.Itoa(e.Index)})
	}
	return out
}

// chassisIdentity is the model and serial of the first chassis row.
func chassisIdentity(es []facts.Entity) (model, serial string) {
	for _, e := range es {
		if e.Class == entClassChassis && e.ContainedIn == 0 {
			return e.ModelName, e.SerialNum
		}
	}
	for _, e := range es {
		if e.Class == entClassChassis {
			return e.ModelName, e.SerialNum
		}
	}
	return "", ""
}

package platform

import (
	"fmt"
	"strings"
)

// xrInstallNode is one node of IOS XR `show install active`.
type xrInstallNode struct {
	Node          string   `json:"node"`           // 0/RP0/CPU0
	Type          string   `json:"type"`           // RP, LC
	BootPartition string   `json:"boot_partition"` // eXR: xr_lv38
	BootDevice    string   `json:"boot_device"`    // 32-bit XR: disk0:
	BootImage     string   `json:"boot_image"`     // 32-bit XR: Boot Image:
	BootPackage   string   `json:"boot_package"`   // eXR: the package marked [Boot image]
	Packages      []string `json:"packages"`       // first word of each package line
}

// xrInstallActive is the parsed `show install active`.
type xrInstallActive struct {
	Nodes []xrInstallNode `json:"nodes"`
}

// parseIOSXRInstallActive parses `show install active` of 32-bit XR
// ("Node 0/RSP0/CPU0 [RP] [SDR: Owner]", "Boot Device:", "Boot Image:",
// "Active Packages:") and eXR ("Boot Partition:", "pkg version=X [Boot
// image]"). At most maxComponents nodes and maxFiles packages per node.
func parseIOSXRInstallActive(s string) (xrInstallActive, error) {
	var ia xrInstallActive
	var cur *xrInstallNode
	inPkgs := false
	s = dedent(s) // a pasted, indented output: packages stay indented under their node
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		f := strings.Fields(t)
		switch {
		case len(f) >= 2 && f[0] == "Node" && strings.Contains(f[1], "/"):
			if len(ia.Nodes) == maxComponents {
				return false
			}
			n := xrInstallNode{Node: field(f[1])}
			if len(f) >= 3 {
				n.Type = field(strings.Trim(f[2], "[]"))
			}
			ia.Nodes = append(ia.Nodes, n)
			cur, inPkgs = &ia.Nodes[len(ia.Nodes)-1], false
		case cur == nil || len(f) == 0:
			// a blank line (a double-spaced paste) ends nothing
		case inPkgs && line[0] != ' ' && line[0] != '\t':
			inPkgs = false // the package list is indented; an unindented line ends it
		case strings.HasPrefix(t, "Boot Partition:"):
			cur.BootPartition = field(firstToken(t[len("Boot Partition:"):]))
		case strings.HasPrefix(t, "Boot Device:"):
			cur.BootDevice = field(firstToken(t[len("Boot Device:"):]))
		case strings.HasPrefix(t, "Boot Image:"):
			cur.BootImage = field(firstToken(t[len("Boot Image:"):]))
		case strings.HasPrefix(t, "Active Packages:"):
			inPkgs = true
		case inPkgs && len(cur.Packages) < maxFiles:
			cur.Packages = append(cur.Packages, field(f[0]))
			if strings.HasSuffix(t, "[Boot image]") && cur.BootPackage == "" {
				cur.BootPackage = field(f[0])
			}
		}
		return true
	})
	if len(ia.Nodes) == 0 {
		if unsupported(s) {
			return ia, fmt.Errorf("parse ios xr show install active: %w", ErrUnsupported)
		}
		return ia, fmt.Errorf("parse ios xr show install active: %w: no Node line", ErrUnrecognized)
	}
	return ia, nil
}

package platform

import (
	"fmt"
	"strings"
)

// junosHardware is the chassis row of `show chassis hardware`.
type junosHardware struct {
	ChassisSerial      string `json:"chassis_serial"`
	ChassisDescription string `json:"chassis_description"`
}

// parseJunosHardware reads the Chassis row of `show chassis hardware`,
// placing serial and description by the columns of the header
// ("Item  Version  Part number  Serial number  Description").
func parseJunosHardware(s string) (junosHardware, error) {
	s = dedent(s) // a pasted, indented output
	var hw junosHardware
	serialCol, descrCol, found := -1, -1, false
	eachLine(s, func(line string) bool {
		line = limit(line)
		switch {
		case strings.HasPrefix(line, "Item") && strings.Contains(line, "Serial number"):
			serialCol, descrCol = strings.Index(line, "Serial number"), strings.Index(line, "Description")
		case strings.HasPrefix(line, "Chassis") && serialCol > 0 && descrCol > serialCol:
			found = true
			hw.ChassisSerial = field(firstToken(column(line, serialCol, descrCol)))
			hw.ChassisDescription = field(strings.TrimSpace(column(line, descrCol, len(line))))
			return false
		}
		return true
	})
	if !found {
		if junosUnsupported(s) {
			return hw, fmt.Errorf("parse junos show chassis hardware: %w", ErrUnsupported)
		}
		return hw, fmt.Errorf("parse junos show chassis hardware: %w: no header and Chassis row", ErrUnrecognized)
	}
	return hw, nil
}

// column returns line[from:to] clipped to the line.
func column(line string, from, to int) string {
	if from >= len(line) {
		return ""
	}
	return line[from:min(to, len(line))]
}

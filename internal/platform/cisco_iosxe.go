package platform

import "fwaudit/internal/facts"

// CiscoIOSXE is being written; this placeholder keeps the tree building.
var CiscoIOSXE = Platform{
	Name:            "cisco_iosxe",
	ScrapliPlatform: "cisco_iosxe",
	Commands:        []string{"show version", "show rom-monitor r0", "show platform", "show bootvar", "dir bootflash:"},
	FollowUp:        func(facts.Facts) []string { return nil },
	Parse:           func(Outputs) (facts.Facts, error) { return facts.Facts{}, nil },
}

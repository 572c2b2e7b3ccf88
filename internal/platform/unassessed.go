package platform

import "strings"

// Unassessed is a platform fwaudit recognises but does not audit: the
// sweep reports a device running it as unassessed with Why, never clean.
type Unassessed struct {
	Name string
	// ShowVersion are `show version` fragments that prove it.
	ShowVersion []string
	// SysDescr are sysDescr fragments that prove it.
	SysDescr []string
	// Why says what is not audited and why.
	Why string
}

// unassessed are Cisco's firewall platforms beside the ASA (issue 13):
// detected so that they are never mistaken for an ASA or left out silently.
var unassessed = []Unassessed{
	{Name: "cisco_ftd",
		// "Model : Cisco ASA5516-X Threat Defense (75) Version 7.0.8" (FTD
		// forensic guide); its show version also prints the ASA line, so
		// this is checked before the ASA's markers.
		ShowVersion: []string{" Threat Defense ("},
		SysDescr:    []string{"Cisco Firepower Threat Defense", "Cisco Secure Firewall Threat Defense"},
		Why: "Cisco FTD is detected but not audited: its ROMMON, images and runtime indicators sit behind `system support diagnostic-cli` " +
			"and the FXOS `connect local-mgmt` shell, which fwaudit does not drive yet; ADV-001 data for FTD is in the advisory feed. " +
			"Follow Cisco's FTD forensic guide by hand"},
	{Name: "cisco_fxos",
		// [K] hand-written: the FXOS chassis `show version` prints
		// "Startup-Vers:"; an ASA's "Firepower Extensible Operating System
		// Version" line is not FXOS's own CLI and must not match.
		ShowVersion: []string{"Startup-Vers:"},
		SysDescr:    []string{"Cisco FX-OS", "Cisco Firepower FXOS"},
		Why: "Cisco FXOS (Firepower 1000/2100/4100/9300 chassis manager) is detected but not audited: its ROMMON and image signatures " +
			"are read in `connect local-mgmt` (show version, verify), which fwaudit does not drive yet; FIRESTARTER persists here. " +
			"Follow Cisco's FXOS forensic guide by hand"},
}

// DetectUnassessed names the unassessed platform whose show version s is,
// from the same bounded lines Detect reads.
func DetectUnassessed(showVersion string) (Unassessed, bool) {
	var found Unassessed
	n := 0
	eachLine(showVersion, func(line string) bool {
		line = limit(line)
		for _, u := range unassessed {
			if containsAny(line, u.ShowVersion) {
				found = u
				return false
			}
		}
		n++
		return n < maxDetectLines
	})
	return found, found.Name != ""
}

// DetectUnassessedSNMP names the unassessed platform a sysDescr proves.
func DetectUnassessedSNMP(sysDescr string) (Unassessed, bool) {
	if len(sysDescr) > maxSysDescr {
		sysDescr = sysDescr[:maxSysDescr]
	}
	for _, u := range unassessed {
		if containsAny(sysDescr, u.SysDescr) {
			return u, true
		}
	}
	return Unassessed{}, false
}

// LookupUnassessed returns the unassessed platform called name (an
// inventory may say platform: cisco_ftd).
func LookupUnassessed(name string) (Unassessed, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, u := range unassessed {
		if u.Name == n {
			return u, true
		}
	}
	return Unassessed{}, false
}

// AdvisoryOnly are the platform names the advisory feed may name beside
// the registered ones: the unassessed platforms (the ED 25-03 feed has FTD
// tables).
func AdvisoryOnly() []string {
	out := make([]string, len(unassessed))
	for i, u := range unassessed {
		out[i] = u.Name
	}
	return out
}

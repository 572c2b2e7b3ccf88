package audit

import "fmt"

// platformMismatch reports whether the device's own answers (show
// version, sysObjectID) name another platform than the one it was
// audited as.
func platformMismatch(in Input) bool {
	return in.DetectedPlatform != "" && in.Platform != "" && in.DetectedPlatform != in.Platform
}

// checkPlatformMatch is PLAT-001: the declared platform is contradicted.
// The device is unassessed (Assess): its facts were read with another
// platform's parsers, so no verdict and no plan can rest on them.
func checkPlatformMatch(in Input, r Rule) []Finding {
	if !platformMismatch(in) {
		return nil
	}
	f := r.finding(in.DetectedPlatform, in.Platform,
		fmt.Sprintf("the inventory declares %s; %s looks like %s. Fix platform: in the inventory (or remove it: fwaudit detects the platform) and audit again.",
			in.Platform, in.DetectedFrom, in.DetectedPlatform))
	return []Finding{f}
}

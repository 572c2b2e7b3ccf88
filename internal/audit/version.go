package audit

import "fwaudit/internal/release"

// CompareVersions orders two release identities and returns -1, 0 or +1;
// ok is false when they cannot be ordered honestly. It is release.Compare
// (17.05.01a == 17.5.1a, 9.16(4)85 == 9.16.4.85, vendor framing such as
// "System Bootstrap, Version X, RELEASE SOFTWARE" removed first), kept
// here for the rules that order versions.
func CompareVersions(a, b string) (c int, ok bool) { return release.Compare(a, b) }

// sameRelease reports whether two version strings name the same release
// (release.Same); rules compare through it, never on text.
func sameRelease(a, b string) bool { return release.Same(a, b) }

// Package release tells whether two vendor version strings name the same
// release, and orders them: 17.05.01a is 17.5.1a, 9.16(4)85 is 9.16.4.85,
// and "System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)" is
// 15.0(1r)M16. Callers keep the raw text for evidence and compare through
// this package.
package release

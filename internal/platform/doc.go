// Package platform knows, per device platform, which commands reveal the boot
// chain and how to parse their output into facts. Parsers are pure functions.
package platform

package inventory

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// parseBool reads true or false.
func parseBool(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg != "" {
		return nil, msg
	}
	b, err := strconv.ParseBool(s)
	if err != nil || n.Tag != "!!bool" {
		return nil, fmt.Sprintf("%s is not true or false", quote(s))
	}
	return b, ""
}

// sshLegacy reads ssh.legacy_algorithms (default false).
func sshLegacy(eff layer) bool {
	v, _, _ := get[bool](eff, "ssh.legacy_algorithms")
	return v
}

package inventory

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// keyParser checks one YAML value and returns it typed, or an error message.
type keyParser func(d *decoder, n *yaml.Node) (any, string)

// layerKeys may be set in defaults:, in a group and on a device. "ssh" and
// "snmp" are nested maps decoded with sshKeys and snmpKeys.
var layerKeys = map[string]keyParser{
	"address":     parseAddress,
	"port":        parsePort,
	"platform":    parsePlatform,
	"site":        parseLabel,
	"role":        parseLabel,
	"tags":        parseLabels,
	"credentials": parseString,
	"collect":     parseCollect,
	"timeout":     parseTimeout,
	"ssh":         nil,
	"snmp":        nil,
}

// deviceKeys are layerKeys plus what only a device can say.
var deviceKeys = withKeys(layerKeys, map[string]keyParser{
	"name":   parseName,
	"groups": parseStrings,
})

var sshKeys = map[string]keyParser{
	"known_hosts":       parseString,
	"host_key_policy":   oneOf(PolicyStrict, PolicyTOFU),
	"legacy_algorithms": parseBool, // ssh_options.go
	"jump":              parseJump, // ssh_jump.go
	"transport":         oneOf(TransportNative, TransportSystem),
	"config":            parseString, // ssh_jump.go: transport: system's -F file
}

var snmpKeys = map[string]keyParser{
	"version":            oneOf("2c", "3"),
	"port":               parsePort,
	"community_env":      parseEnvName,
	"community_file":     parseString,
	"user":               parseString,
	"security_level":     oneOf("noAuthNoPriv", "authNoPriv", "authPriv"),
	"auth_protocol":      oneOf("MD5", "SHA", "SHA224", "SHA256", "SHA384", "SHA512"),
	"auth_password_env":  parseEnvName,
	"auth_password_file": parseString,
	"priv_protocol":      oneOf("DES", "AES", "AES192", "AES256", "AES192C", "AES256C"),
	"priv_password_env":  parseEnvName,
	"priv_password_file": parseString,
}

var credentialKeys = map[string]keyParser{
	"username":           parseString,
	"password":           parseString,
	"password_env":       parseEnvName,
	"password_file":      parseString,
	"key_file":           parseString,
	"enable_secret_env":  parseEnvName,
	"enable_secret_file": parseString,
}

func withKeys(a, b map[string]keyParser) map[string]keyParser {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

func keyNames(m map[string]keyParser) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

// scalar returns the value of a non-empty scalar node.
func scalar(n *yaml.Node) (string, string) {
	if n.Kind != yaml.ScalarNode {
		return "", "must be a single value, not a " + kindName(n)
	}
	if n.Tag == "!!null" || n.Value == "" {
		return "", "must not be empty"
	}
	return n.Value, ""
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "map"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

func parseString(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" && !safe(s) {
		return nil, fmt.Sprintf("%s contains control characters", quote(s))
	}
	return s, msg
}

func parseName(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" && !labelRE.MatchString(s) {
		return nil, fmt.Sprintf("%s is not a valid name (letters, digits, '.', '_', '-'; at most 128)", quote(s))
	}
	return s, msg
}

func parseLabel(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" && !labelRE.MatchString(s) {
		return nil, fmt.Sprintf("%s is not a valid label (letters, digits, '.', '_', '-'; at most 128)", quote(s))
	}
	return s, msg
}

func parseEnvName(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" && !envRE.MatchString(s) {
		return nil, fmt.Sprintf("%s is not an environment variable name", quote(s))
	}
	return s, msg
}

func parseAddress(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" {
		msg = checkAddress(s)
	}
	return s, msg
}

func parsePort(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg != "" {
		return nil, msg
	}
	p, err := strconv.Atoi(s)
	if err != nil || n.Tag != "!!int" || p < 1 || p > 65535 {
		return nil, fmt.Sprintf("%s is not a port number (1-65535)", quote(s))
	}
	return p, ""
}

func parseTimeout(_ *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg != "" {
		return nil, msg
	}
	t, err := time.ParseDuration(s)
	if err != nil || t <= 0 {
		return nil, fmt.Sprintf("%s is not a positive duration (e.g. 90s, 2m)", quote(s))
	}
	return t, ""
}

func parsePlatform(d *decoder, n *yaml.Node) (any, string) {
	s, msg := scalar(n)
	if msg == "" && s != PlatformAuto && !slices.Contains(d.platforms, s) {
		return nil, fmt.Sprintf("unknown %s (known: %s)", quote(s), strings.Join(d.platforms, ", "))
	}
	return s, msg
}

func oneOf(allowed ...string) keyParser {
	return func(_ *decoder, n *yaml.Node) (any, string) {
		s, msg := scalar(n)
		if msg == "" && !slices.Contains(allowed, s) {
			return nil, fmt.Sprintf("%s is not one of %s", quote(s), strings.Join(allowed, ", "))
		}
		return s, msg
	}
}

// list decodes a sequence of scalars, each checked by item.
func list(d *decoder, n *yaml.Node, item keyParser) (any, string) {
	if n.Kind != yaml.SequenceNode {
		return nil, "must be a list, e.g. [a, b]"
	}
	var out []string
	for _, c := range n.Content {
		v, msg := item(d, deref(c))
		if msg != "" {
			return nil, msg
		}
		if s := v.(string); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, ""
}

func parseStrings(d *decoder, n *yaml.Node) (any, string) { return list(d, n, parseString) }
func parseLabels(d *decoder, n *yaml.Node) (any, string)  { return list(d, n, parseLabel) }

func parseCollect(d *decoder, n *yaml.Node) (any, string) {
	v, msg := list(d, n, oneOf(ChannelSSH, ChannelSNMP))
	if msg == "" && len(v.([]string)) == 0 {
		return nil, "must name at least one channel (ssh, snmp)"
	}
	return v, msg
}

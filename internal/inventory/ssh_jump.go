package inventory

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// MaxJumpHosts bounds ssh.jump: each hop costs a handshake within the
// device's deadline.
const MaxJumpHosts = 4

// JumpHost is one SSH hop on the way to a device (ssh.jump), in order:
// the first is dialled directly, each next one through the previous.
type JumpHost struct {
	Address string
	Port    int
	// Credentials are the hop's own login (an entry under credentials:).
	Credentials Credentials
	// KnownHosts defaults to the device's ssh.known_hosts.
	KnownHosts string
	// HostKeyPolicy is PolicyStrict (default) or PolicyTOFU.
	HostKeyPolicy string
}

// rawJump is a decoded ssh.jump entry; credentials are resolved later.
type rawJump struct {
	address, credentials, knownHosts, policy string
	port                                     int
	pos                                      pos
}

var jumpKeys = map[string]keyParser{
	"address":         parseAddress,
	"port":            parsePort,
	"credentials":     parseString,
	"known_hosts":     parseString,
	"host_key_policy": oneOf(PolicyStrict, PolicyTOFU),
}

// parseJump reads ssh.jump: a list of {address, port, credentials,
// known_hosts, host_key_policy}; address and credentials are required.
func parseJump(d *decoder, n *yaml.Node) (any, string) {
	if n.Kind != yaml.SequenceNode {
		return nil, "must be a list of hops, e.g. [{address: 192.0.2.9, credentials: bastion}]"
	}
	if len(n.Content) > MaxJumpHosts {
		return nil, fmt.Sprintf("at most %d hops", MaxJumpHosts)
	}
	var out []rawJump
	for i, c := range n.Content {
		c = deref(c)
		at := fmt.Sprintf("hop %d (line %d)", i+1, c.Line)
		if c.Kind != yaml.MappingNode {
			return nil, fmt.Sprintf("%s: must be a map of key: value, not a %s", at, kindName(c))
		}
		j := rawJump{port: DefaultPort, policy: PolicyStrict, pos: pos{d.file, c.Line}}
		for k := 0; k+1 < len(c.Content); k += 2 {
			key, val := c.Content[k].Value, deref(c.Content[k+1])
			parse, ok := jumpKeys[key]
			if !ok {
				return nil, fmt.Sprintf("%s: unknown key %s (allowed: %s)", at, quote(key), keyNames(jumpKeys))
			}
			v, msg := parse(d, val)
			if msg != "" {
				return nil, fmt.Sprintf("%s: %s: %s", at, key, msg)
			}
			switch key {
			case "address":
				j.address = v.(string)
			case "port":
				j.port = v.(int)
			case "credentials":
				j.credentials = v.(string)
			case "known_hosts":
				j.knownHosts = resolvePath(entry{v: v, pos: j.pos})
			case "host_key_policy":
				j.policy = v.(string)
			}
		}
		for key, v := range map[string]string{"address": j.address, "credentials": j.credentials} {
			if v == "" {
				return nil, fmt.Sprintf("%s: %s: required", at, key)
			}
		}
		out = append(out, j)
	}
	return out, ""
}

// jumps builds the device's hops, resolving each one's credentials entry.
// Hops without their own known_hosts use the device's.
func (b *builder) jumps(eff layer, raw rawDevice, ssh SSHSettings) []JumpHost {
	hops, _, ok := get[[]rawJump](eff, "ssh.jump")
	if !ok {
		return nil
	}
	s := subject{device: raw.name}
	var out []JumpHost
	for i, j := range hops {
		field := "ssh.jump[" + strconv.Itoa(i) + "].credentials"
		n, ok := b.m.credentials[j.credentials]
		if !ok {
			b.errs.add(j.pos, s, field, "unknown %s (known: %s)", quote(j.credentials), names(b.m.credentials))
			continue
		}
		c := b.resolvedCredentials(j.credentials, n)
		if c == nil {
			continue // reported with the credentials entry, or the device is unusable
		}
		h := JumpHost{Address: j.address, Port: j.port, Credentials: *c, KnownHosts: j.knownHosts, HostKeyPolicy: j.policy}
		if h.KnownHosts == "" {
			h.KnownHosts = ssh.KnownHosts
		}
		out = append(out, h)
	}
	return out
}

// SSH transports (ssh.transport).
const (
	TransportNative = "native" // in-process SSH client (default)
	TransportSystem = "system" // OpenSSH's ssh with the user's config; key auth only
)

// transport sets ssh.transport and ssh.config. The system transport
// authenticates with keys only (ssh-agent, the config's IdentityFile or
// the credentials' key_file) and cannot use ssh.jump (ProxyJump in the
// ssh config does that).
func (b *builder) transport(eff layer, raw rawDevice, ssh *SSHSettings) {
	t, e, _ := get[string](eff, "ssh.transport") // "" → native
	ssh.Transport = t
	if c, ok := eff["ssh.config"]; ok {
		ssh.Config = resolvePath(c)
		if ssh.Transport != TransportSystem {
			b.errs.add(c.pos, subject{device: raw.name}, "ssh.config", "only used with transport: system")
		} else if msg := b.checkSSHConfig(ssh.Config); msg != "" {
			b.errs.add(c.pos, subject{device: raw.name}, "ssh.config", "%s", msg)
		}
	}
	if ssh.Transport == TransportSystem && len(ssh.Jump) > 0 {
		b.errs.add(e.pos, subject{device: raw.name}, "ssh.transport", "system cannot use ssh.jump; set ProxyJump in the ssh config instead, or use transport: native")
	}
}

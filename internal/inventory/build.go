package inventory

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// builder turns merged layers into Devices.
type builder struct {
	m     merged
	errs  *errList
	res   *resolver
	creds map[string]*Credentials // resolved credentials; nil value = failed
}

func (b *builder) device(raw rawDevice) Device {
	s := subject{device: raw.name}
	groups, ge, _ := get[[]string](raw.layer, "groups")
	eff := layer{}
	overlay(eff, b.m.defaults)
	for _, g := range groups {
		gr, ok := b.m.groups[g]
		if !ok {
			b.errs.add(ge.pos, s, "groups", "unknown group %s (known: %s)", quote(g), names(b.m.groups))
			continue
		}
		overlay(eff, gr.layer)
	}
	overlay(eff, raw.layer)

	d := Device{Name: raw.name, Groups: groups, File: raw.pos.file, Line: raw.pos.line, Port: DefaultPort}
	d.Address = b.required(eff, "address", raw)
	d.Platform, _, _ = get[string](eff, "platform") // none or auto: the sweep detects it
	if d.Platform == PlatformAuto {
		d.Platform = ""
	}
	d.Site, _, _ = get[string](eff, "site")
	d.Role, _, _ = get[string](eff, "role")
	d.Tags, _, _ = get[[]string](eff, "tags")
	d.Timeout, _, _ = get[time.Duration](eff, "timeout")
	if p, _, ok := get[int](eff, "port"); ok {
		d.Port = p
	}
	d.SSH = sshSettings(eff, raw)
	collect, _, explicit := get[[]string](eff, "collect")
	_, configured := eff["snmp"]
	if !explicit {
		collect = []string{ChannelSSH}
		if configured {
			collect = append(collect, ChannelSNMP)
		}
	}
	d.Collect = collect
	if d.Collects(ChannelSNMP) {
		if !configured {
			b.errs.add(raw.pos, s, "collect", "snmp needs an snmp: section (on the device, a group or defaults)")
		} else {
			d.SNMP = b.snmp(eff, raw)
		}
	}
	if d.Collects(ChannelSSH) {
		d.Credentials = b.credentials(eff, raw)
		d.SSH.Jump = b.jumps(eff, raw, d.SSH) // ssh_jump.go
		b.transport(eff, raw, &d.SSH)         // ssh_jump.go
	}
	return d
}

func (b *builder) required(eff layer, key string, raw rawDevice) string {
	v, _, ok := get[string](eff, key)
	if !ok {
		b.errs.add(raw.pos, subject{device: raw.name}, key, "required")
	}
	return v
}

func sshSettings(eff layer, raw rawDevice) SSHSettings {
	s := SSHSettings{HostKeyPolicy: PolicyStrict, KnownHosts: filepath.Join(filepath.Dir(raw.pos.file), DefaultKnownHosts)}
	if e, ok := eff["ssh.known_hosts"]; ok {
		s.KnownHosts = resolvePath(e)
	}
	if p, _, ok := get[string](eff, "ssh.host_key_policy"); ok {
		s.HostKeyPolicy = p
	}
	s.LegacyAlgorithms = sshLegacy(eff)
	return s
}

// credentials resolves the credential entry the device uses, once per entry.
func (b *builder) credentials(eff layer, raw rawDevice) Credentials {
	name, e, ok := get[string](eff, "credentials")
	if !ok {
		b.errs.add(raw.pos, subject{device: raw.name}, "credentials", "required for ssh (set it on the device, a group or defaults)")
		return Credentials{}
	}
	if name == "" {
		return Credentials{} // invalid value, already reported
	}
	n, ok := b.m.credentials[name]
	if !ok {
		b.errs.add(e.pos, subject{device: raw.name}, "credentials", "unknown %s (known: %s)", quote(name), names(b.m.credentials))
		return Credentials{}
	}
	if c, done := b.creds[name]; done {
		if c == nil {
			return Credentials{}
		}
		return *c
	}
	c := b.resolveCredentials(name, n)
	b.creds[name] = c
	if c == nil {
		return Credentials{}
	}
	return *c
}

func (b *builder) resolveCredentials(name string, n named) *Credentials {
	s := subject{section: "credentials " + quote(name)}
	before := len(b.errs.errs)
	c := &Credentials{Name: name}
	if u, _, ok := get[string](n.layer, "username"); ok {
		c.Username = u
	} else {
		b.errs.add(n.pos, s, "username", "required")
	}
	c.Password, _ = b.res.secret(n.layer, s, "password_env", "password_file", "password")
	_, c.PlainPasswordWarning = n.layer["password"]
	if e, ok := n.layer["key_file"]; ok {
		c.KeyFile = resolvePath(e)
		if f, err := openRegular(c.KeyFile); err != nil {
			b.errs.add(e.pos, s, "key_file", "cannot read %s: %s", quote(c.KeyFile), describe(err))
		} else {
			f.Close()
		}
	}
	if !slices.ContainsFunc([]string{"password_env", "password_file", "password", "key_file"}, func(k string) bool { _, ok := n.layer[k]; return ok }) {
		b.errs.add(n.pos, s, "", "needs password_env, password_file or key_file")
	}
	c.EnableSecret, _ = b.res.secret(n.layer, s, "enable_secret_env", "enable_secret_file")
	if len(b.errs.errs) > before {
		return nil
	}
	return c
}

func names(m map[string]named) string {
	if len(m) == 0 {
		return "none defined"
	}
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

package inventory

import (
	"fmt"
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
	creds map[string]credResult // resolved credentials by entry name
	// why collects, per device, the secrets that could not be resolved.
	why []string
	// sshConfigs memoizes checkSSHConfig by path.
	sshConfigs map[string]string
}

// credResult is one credentials entry, resolved once: c is nil when it
// failed; why is set when only its secrets could not be resolved.
type credResult struct {
	c   *Credentials
	why string
}

func newBuilder(m merged, errs *errList, opts LoadOptions) *builder {
	return &builder{m: m, errs: errs, creds: map[string]credResult{},
		res: &resolver{getenv: opts.Getenv, log: opts.Logger, errs: errs, cache: map[string]resolved{}}}
}

// err returns the load's error: the schema problems and, when there are
// any, the unresolved secrets too, so that one run names everything to fix.
func (b *builder) err() error {
	if len(b.errs.errs) == 0 {
		return nil
	}
	for _, e := range b.res.unresolved {
		b.errs.add(pos{e.File, e.Line}, subject{e.Device, e.Section}, e.Field, "%s", e.Msg)
	}
	return b.errs.err()
}

// device builds one device. A schema problem is recorded in b.errs (the
// load fails); a secret that cannot be resolved (environment variable
// unset, file unreadable) only makes this device Unusable, with the reason.
func (b *builder) device(raw rawDevice) Device {
	if raw.unusable != "" {
		return Device{Name: raw.name, File: raw.pos.file, Line: raw.pos.line, Unusable: raw.unusable}
	}
	b.why = nil
	d := b.build(raw)
	d.Unusable = strings.Join(b.why, "; ")
	return d
}

func (b *builder) build(raw rawDevice) Device {
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
			mark := len(b.res.unresolved)
			d.SNMP = b.snmp(eff, raw)
			b.why = append(b.why, b.res.reasons(mark)...)
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
	if c := b.resolvedCredentials(name, n); c != nil {
		return *c
	}
	return Credentials{}
}

// resolvedCredentials resolves a credentials entry once and returns it, or
// nil when it failed. When only its secrets could not be resolved, the
// reason is added to the current device's b.why.
func (b *builder) resolvedCredentials(name string, n named) *Credentials {
	r, done := b.creds[name]
	if !done {
		mark := len(b.res.unresolved)
		r.c = b.resolveCredentials(name, n)
		if why := b.res.reasons(mark); len(why) > 0 {
			r = credResult{why: strings.Join(why, "; ")}
		}
		b.creds[name] = r
	}
	if r.why != "" {
		b.why = append(b.why, r.why)
	}
	return r.c
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
			b.res.unresolvable(e.pos, s, "key_file", fmt.Sprintf("cannot read %s: %s", quote(c.KeyFile), describe(err)))
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

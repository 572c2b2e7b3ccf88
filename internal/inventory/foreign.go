package inventory

import (
	"cmp"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/platform"
)

// fval is one value read from a foreign source, with the name the source
// gives the field and where it was written (for FieldErrors).
type fval struct {
	v     string
	field string
	line  int
	vault bool   // an Ansible Vault value: present, never used
	file  string // when not the host's file (Nornir groups.yaml)
}

func (f fval) set() bool { return f.v != "" }

// foreignHost is one device as a foreign source describes it, before
// validation. Every source reduces its records to this.
type foreignHost struct {
	file     string
	line     int
	section  string // record name when the device has no usable name
	name     fval
	address  fval
	port     fval
	platform fval // already mapped to our names where a mapping exists
	site     fval
	role     fval
	groups   []string // the source's groups (Ansible/Nornir/Oxidized) or tags (NetBox)
	username fval
	password fval // plain text; used only with allow_plaintext_credentials
	// passwordEnv and enableEnv name environment variables the source
	// refers to (Ansible's lookup('env', …)); used like password_env.
	passwordEnv, enableEnv fval
	// secretFields are other plain-text secret fields that were present
	// (always ignored, with a warning).
	secretFields []fval
}

// converter turns foreignHosts into rawDevices validated by the same key
// parsers as our YAML format.
type converter struct {
	spec      sourceSpec
	platforms []string
	known     map[string]bool // groups defined in fwaudit YAML files
	errs      *errList
	log       *slog.Logger
	creds     map[string]named // synthetic credentials (allow_plaintext_credentials)
}

func (c *converter) convert(hosts []foreignHost) fileDoc {
	doc := fileDoc{file: c.spec.raw, defaults: layer{}, groups: map[string]named{}, credentials: map[string]named{}}
	c.creds = doc.credentials
	for _, h := range hosts {
		if d, ok := c.device(h); ok {
			doc.devices = append(doc.devices, d)
		}
	}
	return doc
}

// device converts one host. A host the source describes unusably (no or a
// bad name, no or a bad address, an unknown platform, a bad label) is kept
// as an unusable device with the reasons, so it never hides the others.
func (c *converter) device(h foreignHost) (rawDevice, bool) {
	all := c.errs
	c.errs = &errList{}
	defer func() { c.errs = all }()
	d, ok := c.convertHost(h)
	if len(c.errs.errs) == 0 {
		return d, ok
	}
	why := make([]string, len(c.errs.errs))
	for i, e := range c.errs.errs {
		why[i] = e.Error()
	}
	name := d.name
	if name == "" {
		name = quote(cmp.Or(h.name.v, h.section)) // no usable name: quoted, it cannot clash with a valid one
	}
	return rawDevice{name: name, layer: layer{}, pos: pos{h.file, h.line}, unusable: strings.Join(why, "; ")}, true
}

func (c *converter) convertHost(h foreignHost) (rawDevice, bool) {
	d := &decoder{file: h.file, platforms: c.platforms, errs: c.errs}
	s := subject{section: h.section}
	p := pos{h.file, h.line}
	if !h.name.set() {
		c.errs.add(p, s, h.name.field, "device name required")
		return rawDevice{}, false
	}
	if v, msg := parseName(d, str(h.name.v)); msg != "" {
		c.errs.add(c.at(h, h.name), s, h.name.field, "%s", msg)
		return rawDevice{}, false
	} else {
		s = subject{device: v.(string)}
	}
	if !h.address.set() {
		c.errs.add(c.at(h, h.address), s, h.address.field, "required: the source gives no address for this device")
		return rawDevice{name: s.device}, false
	}
	l := layer{}
	c.put(d, l, h, s, "address", h.address, parseAddress, str)
	c.put(d, l, h, s, "port", h.port, parsePort, func(v string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
	})
	c.put(d, l, h, s, "platform", h.platform, parsePlatform, str)
	c.put(d, l, h, s, "site", h.site, parseLabel, str)
	c.put(d, l, h, s, "role", h.role, parseLabel, str)
	var tags, groups []string
	for _, g := range h.groups {
		if labelRE.MatchString(g) && !slices.Contains(tags, g) {
			tags = append(tags, g)
			if c.known[g] {
				groups = append(groups, g)
			}
		}
	}
	if len(tags) > 0 {
		l["tags"] = entry{v: tags, pos: p}
	}
	if len(groups) > 0 {
		l["groups"] = entry{v: groups, pos: p}
	}
	c.credentials(h, s, l)
	return rawDevice{name: s.device, layer: l, pos: p}, true
}

// put validates one value with our key parser and stores it under key.
func (c *converter) put(d *decoder, l layer, h foreignHost, s subject, key string, f fval, parse keyParser, node func(string) *yaml.Node) {
	if !f.set() {
		return
	}
	v, msg := parse(d, node(f.v))
	if msg != "" {
		if key == "platform" {
			msg += fmt.Sprintf("; map it with %s?platform_map=%s:PLATFORM", c.spec.kind, f.v)
		}
		c.errs.add(c.at(h, f), s, f.field, "%s", msg)
		l[key] = entry{pos: c.at(h, f)} // present but invalid
		return
	}
	l[key] = entry{v: v, pos: c.at(h, f)}
}

func (c *converter) at(h foreignHost, f fval) pos {
	if f.line > 0 {
		return pos{cmp.Or(f.file, h.file), f.line}
	}
	return pos{h.file, h.line}
}

// credentials uses the source's login when its password is an environment
// reference (Ansible's lookup('env', …)), or is plain text and the user opted
// in; otherwise it warns that the fields were ignored.
func (c *converter) credentials(h foreignHost, s subject, l layer) {
	ignored := h.secretFields
	cl, at := layer{}, h.password
	switch {
	case h.passwordEnv.set():
		at = h.passwordEnv
		cl["password_env"] = entry{v: h.passwordEnv.v, pos: c.at(h, h.passwordEnv)}
	case h.password.set() && c.spec.allowPlaintext():
		cl["password"] = entry{v: h.password.v, pos: c.at(h, h.password)}
	case h.password.set():
		ignored = append(ignored, h.password)
	}
	if len(cl) > 0 {
		name := c.spec.kind + ":" + s.device
		if h.username.set() {
			cl["username"] = entry{v: h.username.v, pos: c.at(h, h.username)}
		}
		if h.enableEnv.set() {
			cl["enable_secret_env"] = entry{v: h.enableEnv.v, pos: c.at(h, h.enableEnv)}
		}
		c.creds[name] = named{layer: cl, pos: c.at(h, at)}
		l["credentials"] = entry{v: name, pos: c.at(h, at)}
	}
	for _, f := range ignored {
		c.log.Warn("plain-text credential in inventory source ignored; credentials come from the fwaudit inventory (or add ?allow_plaintext_credentials=1)",
			"source", c.spec.kind, "file", c.at(h, f).file, "line", c.at(h, f).line, "device", s.device, "field", f.field)
	}
}

func str(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }

// lineOf returns a key's line in a YAML mapping node, 0 when absent.
func lineOf(n *yaml.Node, key string) int {
	for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i].Line
		}
	}
	return 0
}

// scalarString renders a YAML scalar (string, int, bool) as text.
func scalarString(n *yaml.Node) (string, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

func itoa(i int) string { return strconv.Itoa(i) }

// mapPlatform returns ours for theirs (case-insensitive): the source's
// platform_map entry, else the platform alias (platform.Resolve). A name
// other tools use for more than one of our platforms (Ansible
// cisco.ios.ios, NAPALM ios: IOS or IOS XE) gives PlatformAuto, so the
// sweep detects the device rather than guess. An unknown name is returned
// as is so that validation names it.
func mapPlatform(m map[string]string, theirs string) string {
	if ours, ok := m[strings.ToLower(strings.TrimSpace(theirs))]; ok {
		return ours
	}
	p, ambiguous, err := platform.Resolve(theirs)
	switch {
	case ambiguous:
		return PlatformAuto
	case err != nil:
		return theirs
	}
	return p.Name
}

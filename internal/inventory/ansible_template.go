package inventory

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Ansible values may be Jinja templates ({{ … }}, {% … %}, {# … #}) or
// Ansible Vault values (!vault). fwaudit evaluates neither: sending
// "{{ vault_password }}" as a password, or connecting to a host called
// "vault-encrypted", would be worse than refusing. The one template it
// understands is an environment lookup in the login fields,
//
//	ansible_password: "{{ lookup('env', 'NET_PASSWORD') }}"
//
// (also `lookup("ansible.builtin.env", …)`), which it resolves like
// `password_env: NET_PASSWORD`: through the resolver, as a Secret.

// envLookupRE matches a whole value that is one env lookup; the name is
// group 1 or 2 (single or double quotes).
var envLookupRE = regexp.MustCompile(`^\{\{-?\s*lookup\s*\(\s*(?:'(?:ansible\.builtin\.)?env'|"(?:ansible\.builtin\.)?env")\s*,\s*(?:'([A-Za-z_][A-Za-z0-9_]{0,127})'|"([A-Za-z_][A-Za-z0-9_]{0,127})")\s*\)\s*-?\}\}$`)

// envLookup returns NAME when v is exactly {{ lookup('env', 'NAME') }}.
func envLookup(v string) (string, bool) {
	m := envLookupRE.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// isTemplate reports whether Ansible would treat v as a Jinja template.
func isTemplate(v string) bool {
	return strings.Contains(v, "{{") || strings.Contains(v, "{%") || strings.Contains(v, "{#")
}

const (
	msgVault      = "encrypted with Ansible Vault (!vault); fwaudit does not decrypt Vault values"
	msgJinja      = "Jinja templates are not evaluated"
	fixLogin      = "; use {{ lookup('env', 'NAME') }} or give the device credentials in the fwaudit inventory (password_env: FWAUDIT_PASSWORD)"
	fixPlainField = "; write the value itself (only lookup('env', …) in ansible_user, ansible_password and ansible_become_password is resolved)"
)

// becomeKeys are the Ansible variables of the enable secret.
var becomeKeys = []string{"ansible_become_password", "ansible_become_pass", "ansible_enable_pass"}

// vetOptions is what vetting a host needs from its source.
type vetOptions struct {
	allowPlain bool // ?allow_plaintext_credentials=1
	getenv     func(string) (string, bool)
}

// vetTemplates checks the fields fwaudit uses of every host for templates
// and Vault values: env lookups in login fields become references, the rest
// FieldErrors naming file, line, host and variable. A host whose address
// cannot be used is dropped (its error is recorded).
func vetTemplates(hosts []foreignHost, o vetOptions, errs *errList) []foreignHost {
	out := hosts[:0]
	for _, h := range hosts {
		if h, ok := vetHost(h, o, errs); ok {
			out = append(out, h)
		}
	}
	return out
}

func vetHost(h foreignHost, o vetOptions, errs *errList) (foreignHost, bool) {
	bad := func(f fval, msg string) {
		errs.add(pos{cmp.Or(f.file, h.file), cmp.Or(f.line, h.line)}, subject{device: h.name.v}, f.field, "%s", msg)
	}
	ok := true
	for _, f := range []*fval{&h.address, &h.port, &h.platform, &h.site, &h.role} {
		switch {
		case f.vault:
			bad(*f, msgVault+fixPlainField)
		case isTemplate(f.v):
			bad(*f, msgJinja+" ("+quote(f.v)+")"+fixPlainField)
		default:
			continue
		}
		ok = ok && f != &h.address
		*f = fval{}
	}
	if name, env := envLookup(h.password.v); env && !h.password.vault {
		h.passwordEnv, h.password = fval{v: name, field: h.password.field, line: h.password.line, file: h.password.file}, fval{}
	} else if h.password.vault || isTemplate(h.password.v) {
		msg := msgJinja
		if h.password.vault {
			msg = msgVault
		}
		if o.allowPlain { // the user asked for this password: refuse it, do not ignore it
			bad(h.password, msg+fixLogin)
		} else {
			h.secretFields = append(h.secretFields, h.password)
		}
		h.password = fval{}
	}
	if !h.passwordEnv.set() && !(h.password.set() && o.allowPlain) {
		return h, ok // the source's login is not used: nothing more to check
	}
	switch name, env := envLookup(h.username.v); {
	case env:
		if v, set := o.getenv(name); set && v != "" && safe(v) {
			h.username.v = v
		} else {
			bad(h.username, "lookup('env', '"+name+"'): environment variable "+name+" is not set, empty or not printable")
			h.username = fval{}
		}
	case h.username.vault:
		bad(h.username, msgVault+fixLogin)
		h.username = fval{}
	case isTemplate(h.username.v):
		bad(h.username, msgJinja+fixLogin)
		h.username = fval{}
	}
	kept := h.secretFields[:0]
	for _, f := range h.secretFields {
		name, env := envLookup(f.v)
		if env && !f.vault && !h.enableEnv.set() && isBecomeKey(f.field) {
			h.enableEnv = fval{v: name, field: f.field, line: f.line, file: f.file}
			continue
		}
		kept = append(kept, f)
	}
	h.secretFields = kept
	return h, ok
}

func isBecomeKey(k string) bool { return slices.Contains(becomeKeys, k) }

package baseline

import (
	"fmt"
	"net/netip"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// fileDoc is one decoded baseline file.
type fileDoc struct {
	platform   string
	platformAt int // line of the platform value
	models     []*Model
	policy     *Policy
	policyAt   int // line of the policy key
}

func (d *decoder) decodeFile(data []byte) fileDoc {
	var doc fileDoc
	top := d.root(data)
	if top == nil {
		return doc
	}
	f := d.fields(top, "", "platform", "models", "policy")
	if f == nil {
		return doc
	}
	if p, ok := f["policy"]; ok {
		doc.policy, doc.policyAt = d.decodePolicy(p.val), p.key.Line
	}
	if _, hasModels := f["models"]; !hasModels && f["platform"].key == nil {
		return doc // a policy-only file
	}
	if p, ok := d.str(top, f["platform"], "platform"); ok {
		doc.platformAt = f["platform"].val.Line
		if slices.Contains(d.platforms, p) {
			doc.platform = p
		} else {
			d.add(f["platform"].val, "platform", "unknown %s (known: %s)", quote(p), knownList(d.platforms))
		}
	}
	m, ok := f["models"]
	if !ok || isNull(m.val) {
		d.add(top, "models", "required: at least one model entry")
		return doc
	}
	items, _ := d.seq(m.val, "models")
	for i, it := range items {
		if model := d.decodeModel(it, fmt.Sprintf("models[%d]", i)); model != nil {
			model.index = i
			doc.models = append(doc.models, model)
		}
	}
	return doc
}

func (d *decoder) decodeModel(n *yaml.Node, p string) *Model {
	f := d.fields(n, p, "model", "rommon", "images", "config_register", "text_segments")
	if f == nil {
		return nil
	}
	m := &Model{File: d.file, Line: n.Line}
	if pat, ok := d.str(n, f["model"], p+".model"); ok {
		if _, err := path.Match(pat, ""); err != nil {
			d.add(f["model"].val, p+".model", "invalid glob %s: %v", quote(pat), err)
		}
		m.Pattern = pat
	}
	if r, ok := f["rommon"]; ok {
		m.ROMMON = d.decodeROMMON(r.val, p+".rommon")
	}
	if im, ok := f["images"]; ok {
		m.Images = d.decodeImages(im.val, p+".images")
	}
	if ts, ok := f["text_segments"]; ok {
		m.TextSegments = d.decodeTextSegments(ts.val, p+".text_segments")
	}
	if cr, ok := f["config_register"]; ok {
		for _, it := range d.items(cr.val, p+".config_register") {
			norm, ok := NormalizeRegister(it.s)
			if !ok {
				d.add(it.node, it.path, "want a hex value like 0x2102, got %s", quote(it.s))
				continue
			}
			m.ConfigRegister = append(m.ConfigRegister, norm)
		}
	}
	return m
}

// decodeTextSegments reads `text_segments: [{release: 9.16.4.85, sha512: …}]`;
// a release listed twice is an error.
func (d *decoder) decodeTextSegments(n *yaml.Node, p string) []TextSegment {
	items, _ := d.seq(n, p)
	var out []TextSegment
	seen := map[string]int{}
	for i, it := range items {
		ip := fmt.Sprintf("%s[%d]", p, i)
		f := d.fields(it, ip, "release", "sha512")
		if f == nil {
			continue
		}
		rel, ok := d.str(it, f["release"], ip+".release")
		sum := d.sha512(it, f["sha512"], ip+".sha512")
		if !ok || sum == "" {
			continue
		}
		if first, dup := seen[strings.ToLower(rel)]; dup {
			d.add(f["release"].val, ip+".release", "duplicate release %s (first at line %d)", quote(rel), first)
			continue
		}
		seen[strings.ToLower(rel)] = it.Line
		out = append(out, TextSegment{Release: rel, SHA512: sum, Line: it.Line})
	}
	return out
}

func (d *decoder) decodeROMMON(n *yaml.Node, p string) *ROMMON {
	f := d.fields(n, p, "approved", "package", "region")
	if f == nil {
		return nil
	}
	r := &ROMMON{}
	if rf, ok := f["region"]; ok {
		if s, ok := d.str(n, rf, p+".region"); ok {
			switch strings.ToLower(s) {
			case RegionReadOnly:
				r.Region = RegionReadOnly
			case "any":
			default:
				d.add(rf.val, p+".region", "want readonly or any, got %s", quote(s))
			}
		}
	}
	if a := f["approved"]; a.val != nil {
		r.Approved = d.strs(a.val, p+".approved")
	}
	if len(r.Approved) == 0 && !d.hasErrorAt(p+".approved") {
		d.add(n, p+".approved", "required: at least one approved version")
	}
	if pk, ok := f["package"]; ok {
		pf := d.fields(pk.val, p+".package", "file", "sha512")
		if pf != nil {
			r.Package = &Package{
				File:   d.bareName(pk.val, pf["file"], p+".package.file"),
				SHA512: d.sha512(pk.val, pf["sha512"], p+".package.sha512"),
			}
		}
	}
	return r
}

func (d *decoder) decodeImages(n *yaml.Node, p string) []Image {
	items, _ := d.seq(n, p)
	var out []Image
	seen := map[string]int{}
	for i, it := range items {
		ip := fmt.Sprintf("%s[%d]", p, i)
		f := d.fields(it, ip, "file", "sha512", "sha256", "size", "version")
		if f == nil {
			continue
		}
		im := Image{File: d.bareName(it, f["file"], ip+".file")}
		if s, ok := f["sha256"]; ok {
			im.SHA256 = d.hexDigest(it, s, ip+".sha256", 64)
		}
		if _, ok := f["sha512"]; ok || f["sha256"].val == nil {
			im.SHA512 = d.sha512(it, f["sha512"], ip+".sha512") // required unless sha256 is given
		}
		if s, ok := f["version"]; ok {
			im.Version, _ = d.str(it, s, ip+".version")
		}
		if s, ok := f["size"]; ok {
			if err := s.val.Decode(&im.Size); err != nil || s.val.Kind != yaml.ScalarNode {
				d.add(s.val, ip+".size", "want a number of bytes, got %s", quote(s.val.Value))
			} else if im.Size < 0 {
				d.add(s.val, ip+".size", "must be >= 0, got %d", im.Size)
			}
		}
		if line, dup := seen[im.File]; dup && im.File != "" {
			d.add(it, ip+".file", "duplicate image %s (first at line %d)", quote(im.File), line)
		}
		seen[im.File] = it.Line
		out = append(out, im)
	}
	return out
}

// bareName checks that a file name has no file-system prefix or directory.
func (d *decoder) bareName(parent *yaml.Node, f field, p string) string {
	s, ok := d.str(parent, f, p)
	if !ok {
		return ""
	}
	if strings.ContainsAny(s, ":/") {
		base := s[strings.LastIndexAny(s, ":/")+1:]
		d.add(f.val, p, "want a bare file name without file system or folder: %s, not %s", quote(base), quote(s))
	}
	return s
}

// sha512 checks and lowercases a hex SHA-512 digest.
func (d *decoder) sha512(parent *yaml.Node, f field, p string) string {
	return d.hexDigest(parent, f, p, 128)
}

// hexDigest checks and lowercases a hex digest of n characters.
func (d *decoder) hexDigest(parent *yaml.Node, f field, p string, n int) string {
	s, ok := d.str(parent, f, p)
	if !ok {
		return ""
	}
	if len(s) != n {
		d.add(f.val, p, "want %d hex characters, got %d", n, len(s))
		return ""
	}
	if strings.Trim(strings.ToLower(s), "0123456789abcdef") != "" {
		d.add(f.val, p, "want %d hex characters, got a non-hex character", n)
		return ""
	}
	return strings.ToLower(s)
}

func (d *decoder) decodePolicy(n *yaml.Node) *Policy {
	f := d.fields(n, "policy", "management_networks")
	if f == nil {
		return nil
	}
	pol := &Policy{}
	mn, ok := f["management_networks"]
	if !ok {
		return pol
	}
	items, _ := d.seq(mn.val, "policy.management_networks")
	for i, it := range items {
		p := fmt.Sprintf("policy.management_networks[%d]", i)
		s, ok := d.str(mn.val, field{val: it}, p)
		if !ok {
			continue
		}
		pfx, err := netip.ParsePrefix(s)
		switch {
		case err != nil:
			d.add(it, p, "want a CIDR prefix like 10.10.0.0/16, got %s", quote(s))
		case pfx != pfx.Masked():
			d.add(it, p, "%s has host bits set (did you mean %s?)", s, pfx.Masked())
		default:
			pol.ManagementNetworks = append(pol.ManagementNetworks, pfx)
		}
	}
	return pol
}

// hasErrorAt reports whether a problem was already reported at field p.
func (d *decoder) hasErrorAt(p string) bool {
	for _, e := range d.errs.errs {
		if e.File == d.file && strings.HasPrefix(e.Field, p) {
			return true
		}
	}
	return false
}

package baseline

import (
	"net/netip"
	"path"
	"slices"
	"strings"

	"fwaudit/internal/release"
)

// Set is every baseline loaded from a folder: models per platform, in file
// order, and the one management policy.
type Set struct {
	Policy    Policy
	platforms map[string][]*Model
	files     []string
}

// Model is one models[] entry: what is approved for the devices whose model
// matches Pattern.
type Model struct {
	Pattern        string   // glob on the model the device reports (ModelMatch: * crosses /)
	ROMMON         *ROMMON  // nil: the baseline says nothing about the boot firmware
	Images         []Image  // empty: the baseline says nothing about images
	ConfigRegister []string // normalized "0x2102"; empty: the default set applies (see DefaultConfigRegisters)
	// TextSegments are known-good SHA-512 digests of the running code
	// segment (ASA `verify /sha-512 system:/text`) per release, measured
	// on a trusted unit of this model (MEM-001). Empty: none known.
	TextSegments []TextSegment
	File         string // where the entry was written
	Line         int

	index int // position in its file's models list, for messages
}

// ROMMON is the approved boot firmware of a model.
type ROMMON struct {
	Approved []string // release identities, compared with release.Same (not as text)
	Package  *Package // optional: what a revert installs
	// Region is the ROMMON region a two-region router (ISR G2) must run:
	// RegionReadOnly, or "" (any region running an approved version).
	Region string
}

// RegionReadOnly is the rommon.region value that allows only the read-only region.
const RegionReadOnly = "readonly"

// Package is a firmware package a revert plan can install.
type Package struct {
	File   string // bare file name
	SHA512 string // 128 lowercase hex characters
}

// Image is one approved image.
type Image struct {
	File   string // bare file name, no file-system prefix
	SHA512 string // 128 lowercase hex characters; "" when only SHA256 is given
	SHA256 string // 64 lowercase hex characters; optional (Junos hashes only SHA-256 on the box)
	Size   int64  // bytes; 0 when the baseline does not give it
	// Version is the OS release the image installs ("4.28.3M",
	// "21.4R3-S5.4"); optional. On platforms that print no running image
	// path (Arista EOS, Junos) IMG-001 approves the running OS version by it.
	Version string
}

// TextSegment is the known-good text-segment digest of one release.
type TextSegment struct {
	Release string // as the advisories write it, e.g. 9.16.4.85
	SHA512  string // 128 lowercase hex characters
	Line    int
}

// TextSegment returns the known-good digest for release (compared after
// trimming, case-insensitively).
func (m *Model) TextSegment(release string) (TextSegment, bool) {
	for _, t := range m.TextSegments {
		if strings.EqualFold(t.Release, strings.TrimSpace(release)) {
			return t, true
		}
	}
	return TextSegment{}, false
}

// Policy is the site-wide policy from the `policy:` section.
type Policy struct {
	ManagementNetworks []netip.Prefix
}

// DefaultConfigRegisters applies to a model whose baseline lists no
// config_register values (and to devices with no baseline).
var DefaultConfigRegisters = []string{"0x2102", "0x102"}

// Platforms returns the platforms that have at least one model, sorted.
func (s *Set) Platforms() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.platforms))
	for p := range s.platforms {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// HasPlatform reports whether any baseline file is for platform.
func (s *Set) HasPlatform(platform string) bool {
	return s != nil && len(s.platforms[platform]) > 0
}

// Models returns the model entries of platform in file order.
func (s *Set) Models(platform string) []*Model {
	if s == nil {
		return nil
	}
	return s.platforms[platform]
}

// Files returns the baseline files that were read, in order.
func (s *Set) Files() []string {
	if s == nil {
		return nil
	}
	return s.files
}

// Match returns the first model entry of platform whose glob matches model.
// model comes from the device: it is untrusted, and only compared.
func (s *Set) Match(platform, model string) (*Model, bool) {
	model = strings.TrimSpace(model)
	if model == "" {
		return nil, false
	}
	for _, m := range s.Models(platform) {
		if ModelMatch(m.Pattern, model) {
			return m, true
		}
	}
	return nil, false
}

// ModelMatch is path.Match for model names, except that '*' and '?' also
// match '/': Cisco models carry slashes ("ISR4331/K9"), and "ISR43*" must
// match them.
func ModelMatch(pattern, model string) bool {
	const slash = "\x00"
	ok, _ := path.Match(strings.ReplaceAll(pattern, "/", slash), strings.ReplaceAll(model, "/", slash))
	return ok
}

// ROMMONApproved reports whether version is on the approved ROMMON list.
// It compares release identity (release.Same), not text: 17.05.01r is
// 17.5.1r, and the vendor framing a channel prints around the version
// ("System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)", the
// form of entPhysicalFirmwareRev) does not count.
func (m *Model) ROMMONApproved(version string) bool {
	if m == nil || m.ROMMON == nil || strings.TrimSpace(version) == "" {
		return false
	}
	return slices.ContainsFunc(m.ROMMON.Approved, func(a string) bool { return release.Same(a, version) })
}

// Image returns the approved image named file. file must be a bare name: the
// caller strips the device's file-system prefix (facts.BaseName), because
// this package imports nothing from fwaudit.
func (m *Model) Image(file string) (Image, bool) {
	if m == nil {
		return Image{}, false
	}
	file = strings.TrimSpace(file)
	for _, im := range m.Images {
		if im.File == file {
			return im, true
		}
	}
	return Image{}, false
}

// ImageNames returns the approved image file names in baseline order.
func (m *Model) ImageNames() []string {
	if m == nil {
		return nil
	}
	out := make([]string, len(m.Images))
	for i, im := range m.Images {
		out[i] = im.File
	}
	return out
}

// ImageVersions returns the versions the model's images name (Image.Version),
// in baseline order, each once.
func (m *Model) ImageVersions() []string {
	if m == nil {
		return nil
	}
	var out []string
	for _, im := range m.Images {
		if v := strings.TrimSpace(im.Version); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// ConfigRegisters returns the approved configuration-register values:
// the model's list, or DefaultConfigRegisters when it is empty or m is nil.
func (m *Model) ConfigRegisters() []string {
	if m == nil || len(m.ConfigRegister) == 0 {
		return DefaultConfigRegisters
	}
	return m.ConfigRegister
}

// ConfigRegisterApproved reports whether v (as the device prints it, e.g.
// "0x2102" or "0X2102") is an approved value. See ConfigRegisters.
func (m *Model) ConfigRegisterApproved(v string) bool {
	n, ok := NormalizeRegister(v)
	return ok && slices.Contains(m.ConfigRegisters(), n)
}

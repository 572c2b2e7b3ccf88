package lab

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// ErrInvalid is wrapped by every fleet validation error.
var ErrInvalid = errors.New("invalid fleet")

// Fleet is a lab fleet file: defaults, per-model defaults and devices.
// A device field left empty takes the value of its model entry, then of
// defaults, then a built-in default.
type Fleet struct {
	Path     string                `yaml:"-"`
	Defaults DeviceSpec            `yaml:"defaults"`
	Models   map[string]DeviceSpec `yaml:"models"`
	Devices  []DeviceSpec          `yaml:"devices"`

	lines map[int]int // device index -> line, for error messages
}

// DeviceSpec describes one simulated device (or defaults for many).
type DeviceSpec struct {
	Name     string   `yaml:"name"`
	Hostname string   `yaml:"hostname"` // prompt name; default Name
	Platform string   `yaml:"platform"` // cisco_iosxe, cisco_ios, cisco_iosxr, cisco_nxos, arista_eos, juniper_junos
	Site     string   `yaml:"site"`
	Role     string   `yaml:"role"`
	Tags     []string `yaml:"tags"`

	Model        string `yaml:"model"`
	Serial       string `yaml:"serial"`
	OSVersion    string `yaml:"os_version"` // e.g. 17.09.04a
	ROMMON       string `yaml:"rommon"`     // e.g. 17.9.1r[FC2]
	BootldrQuirk bool   `yaml:"bootldr_quirk"`
	// ROMMONOther is the boot firmware in the copy that does not run: the
	// other ISR G2 region (cisco_ios), the golden BIOS (cisco_iosxr).
	// Default: ROMMON.
	ROMMONOther string `yaml:"rommon_other"`
	// ROMMONRegion is the ISR G2 region that runs: readonly (default) or upgrade.
	ROMMONRegion string `yaml:"rommon_region"`

	Image              string     `yaml:"image"` // running image file name on bootflash:
	Files              []FileSpec `yaml:"files"`
	Boot               []string   `yaml:"boot"` // BOOT variable entries, e.g. bootflash:x.bin
	ConfigRegister     string     `yaml:"config_register"`
	ConfigRegisterNext string     `yaml:"config_register_next"`
	Uptime             Duration   `yaml:"uptime"`
	ReloadReason       string     `yaml:"reload_reason"`

	// Issue #14 (show_install.go). ROMMONBoot is the BOOT variable ROMMON
	// holds (show romvar, IOS XE); default Boot. InstallMode: IOS XE runs
	// in install mode (show install summary answers; bundle mode, the
	// default, rejects it). InstallUncommitted: the running package is
	// activated but not committed, the auto-abort timer running (implies
	// InstallMode). VersionNoHardware: show version prints no model or
	// serial lines (show inventory still does).
	ROMMONBoot         []string `yaml:"rommon_boot"`
	InstallMode        bool     `yaml:"install_mode"`
	InstallUncommitted bool     `yaml:"install_uncommitted"`
	VersionNoHardware  bool     `yaml:"version_no_hardware"`

	Username       string   `yaml:"username"`
	Password       string   `yaml:"password"`
	EnableSecret   string   `yaml:"enable_secret"`
	AuthorizedKeys []string `yaml:"authorized_keys"` // OpenSSH authorized_keys lines
	Banner         string   `yaml:"banner"`
	// JumpHost makes the device forward direct-tcpip channels to loopback
	// addresses for logged-in users, as an SSH jump host does (jump.go).
	JumpHost bool `yaml:"jump_host"`

	// VerifyLies makes `verify /sha512` print the approved hash (that of the
	// file name as seed) whatever the file's content is.
	VerifyLies bool `yaml:"verify_lies"`

	// Logs are the log-buffer lines `show logging` prints (logging.go).
	Logs []string `yaml:"logs"`

	// Boot integrity and image signature (integrity.go); device-level only.
	BIVTamper    string `yaml:"biv_tamper"`    // boot0 | loader | os: that stage measures an implant
	BIVLies      bool   `yaml:"biv_lies"`      // print known-good hashes; PCRs and signature cover the real ones
	BIVSignature string `yaml:"biv_signature"` // bad (key outside the chain) | stale (another nonce)
	ImageType    string `yaml:"image_type"`    // show software authenticity: Production (default) | Special

	ASASpec `yaml:",inline"` // Cisco ASA modes and faults (platform_asa.go)
	CatSpec `yaml:",inline"` // Catalyst 6500 (platform_ios_cat6k.go)

	Quirks `yaml:",inline"` // hostile modes and SSH oddities (hostile.go)

	SNMPSpec `yaml:",inline"` // the device's SNMP agent (snmp_spec.go)
}

// FileSpec is one file on bootflash:.
type FileSpec struct {
	Name string `yaml:"name"`
	Size int64  `yaml:"size"` // bytes; default 4 MiB
	Seed string `yaml:"seed"` // content seed; default Name
	// VerifySHA512 is what `verify /sha512` prints for this file instead of
	// the real hash (a lying device).
	VerifySHA512 string `yaml:"verify_sha512"`
	// ClaimedSize is a hostile device's lie about the file: dir lists and
	// the sftp / scp servers serve this many bytes (content from Seed)
	// instead of Size, so an auditor that trusts the listing streams it all.
	ClaimedSize int64 `yaml:"claimed_size"`
}

// served is the size the device claims and serves.
func (f FileSpec) served() int64 {
	if f.ClaimedSize > 0 {
		return f.ClaimedSize
	}
	return f.Size
}

// Duration is an uptime: an integer number of seconds, a Go duration
// ("72h30m") or a number of days ("90d").
type Duration time.Duration

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	s := strings.TrimSpace(n.Value)
	if secs, err := strconv.ParseInt(s, 10, 64); err == nil && secs >= 0 {
		*d = Duration(time.Duration(secs) * time.Second)
		return nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.ParseInt(days, 10, 64); err == nil && n >= 0 {
			*d = Duration(time.Duration(n) * 24 * time.Hour)
			return nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: uptime: %q is not seconds, a duration (72h) or days (90d)", n.Line, s)
	}
	*d = Duration(v)
	return nil
}

// LoadFleet reads and validates a fleet file. Unknown keys are errors; every
// error names the file and line.
func LoadFleet(path string) (*Fleet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load fleet: %w", err)
	}
	return ParseFleet(path, b)
}

// ParseFleet is LoadFleet on bytes; name is used in error messages.
func ParseFleet(name string, b []byte) (*Fleet, error) {
	f := &Fleet{Path: name}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty fleet file: %w", name, ErrInvalid)
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalid, yamlError(name, err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, yamlError(name, err))
	}
	f.lines = deviceLines(&doc)
	if err := f.validate(); err != nil {
		return nil, err
	}
	return f, nil
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
var unknownFieldRE = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

// yamlError rewrites yaml.v3 messages ("line 5: field foo not found in type
// lab.DeviceSpec") as "file:5: unknown field "foo"".
func yamlError(file string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	errs := make([]error, 0, len(msgs))
	for _, m := range msgs {
		g := yamlLineRE.FindStringSubmatch(m)
		if g == nil {
			errs = append(errs, fmt.Errorf("%s: %s", file, m))
			continue
		}
		rest := g[2]
		if u := unknownFieldRE.FindStringSubmatch(rest); u != nil {
			rest = fmt.Sprintf("unknown field %q", u[1])
		}
		errs = append(errs, fmt.Errorf("%s:%s: %s", file, g[1], rest))
	}
	return errors.Join(errs...)
}

// deviceLines maps each entry of the top-level devices: list to its line.
func deviceLines(doc *yaml.Node) map[int]int {
	lines := map[int]int{}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return lines
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "devices" {
			continue
		}
		for j, d := range m.Content[i+1].Content {
			lines[j] = d.Line
		}
	}
	return lines
}

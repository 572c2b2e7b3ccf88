package lab

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// Lab-only credentials, used when the fleet sets none.
const (
	DefaultUsername     = "admin"
	DefaultPassword     = "fwlab-admin"
	DefaultEnableSecret = "fwlab-enable"
)

const (
	defaultOSVersion    = "17.09.04a"
	defaultFileSize     = 4 << 20
	maxFileSize         = 256 << 20
	defaultUptime       = 97*24*time.Hour + 5*time.Hour + 17*time.Minute
	defaultReloadReason = "Reload Command"
	defaultConfReg      = "0x2102"
)

var (
	nameRE    = regexp.MustCompile(`^[A-Za-z0-9][\w.\-]{0,62}$`)
	fileRE    = regexp.MustCompile(`^[\w.+\-]{1,128}$`)
	confRegRE = regexp.MustCompile(`^0x[0-9a-fA-F]{1,4}$`)
	hexRE     = regexp.MustCompile(`^[0-9a-f]{128}$`)
)

// Resolved returns device i with model, defaults and built-in defaults applied.
func (f *Fleet) Resolved(i int) DeviceSpec {
	d := f.Devices[i]
	m := f.Models[d.Model]
	if d.Model == "" {
		m = f.Models[f.Defaults.Model]
	}
	for _, src := range []DeviceSpec{m, f.Defaults, builtin(d.Name)} {
		d = merge(d, src)
	}
	if d.Image == "" && len(d.Files) > 0 {
		d.Image = d.Files[0].Name
	}
	if len(d.Files) == 0 && d.Image != "" {
		d.Files = []FileSpec{{Name: d.Image}}
	}
	files := make([]FileSpec, len(d.Files))
	for j, fs := range d.Files {
		if fs.Size == 0 {
			fs.Size = defaultFileSize
		}
		if fs.Seed == "" {
			fs.Seed = fs.Name
		}
		files[j] = fs
	}
	d.Files = files
	if len(d.Boot) == 0 && d.Image != "" {
		fs := "bootflash:"
		if d.Platform == "cisco_asa" {
			fs = "disk0:/"
		}
		d.Boot = []string{fs + d.Image}
	}
	return d
}

func builtin(name string) DeviceSpec {
	sum := sha256.Sum256([]byte("fwlab-serial:" + name))
	return DeviceSpec{
		Hostname: name, Platform: "cisco_iosxe", OSVersion: defaultOSVersion,
		Serial:         strings.ToUpper(fmt.Sprintf("FDO%X", sum[:4])),
		ConfigRegister: defaultConfReg, Uptime: Duration(defaultUptime),
		ReloadReason: defaultReloadReason, Username: DefaultUsername,
		Password: DefaultPassword, EnableSecret: DefaultEnableSecret,
	}
}

// merge fills the empty fields of d from src.
func merge(d, src DeviceSpec) DeviceSpec {
	str := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	str(&d.Hostname, src.Hostname)
	str(&d.Platform, src.Platform)
	str(&d.Site, src.Site)
	str(&d.Role, src.Role)
	str(&d.Model, src.Model)
	str(&d.Serial, src.Serial)
	str(&d.OSVersion, src.OSVersion)
	str(&d.ROMMON, src.ROMMON)
	str(&d.ROMMONOther, src.ROMMONOther)
	str(&d.ROMMONRegion, src.ROMMONRegion)
	str(&d.Image, src.Image)
	str(&d.ConfigRegister, src.ConfigRegister)
	str(&d.ConfigRegisterNext, src.ConfigRegisterNext)
	str(&d.ReloadReason, src.ReloadReason)
	str(&d.Username, src.Username)
	str(&d.Password, src.Password)
	str(&d.EnableSecret, src.EnableSecret)
	str(&d.Banner, src.Banner)
	if d.Tags == nil {
		d.Tags = src.Tags
	}
	if d.Files == nil {
		d.Files = src.Files
	}
	if d.Boot == nil {
		d.Boot = src.Boot
	}
	if d.AuthorizedKeys == nil {
		d.AuthorizedKeys = src.AuthorizedKeys
	}
	if d.Uptime == 0 {
		d.Uptime = src.Uptime
	}
	if d.ROMMONBoot == nil {
		d.ROMMONBoot = src.ROMMONBoot
	}
	d.InstallMode = d.InstallMode || src.InstallMode
	d.InstallUncommitted = d.InstallUncommitted || src.InstallUncommitted
	d.VersionNoHardware = d.VersionNoHardware || src.VersionNoHardware
	d.BootldrQuirk = d.BootldrQuirk || src.BootldrQuirk
	d.VerifyLies = d.VerifyLies || src.VerifyLies
	return d
}

// validate checks every device and returns all problems at once.
func (f *Fleet) validate() error {
	var errs []error
	seen := map[string]int{}
	if len(f.Devices) == 0 {
		errs = append(errs, fmt.Errorf("%s: devices: at least one device is required", f.Path))
	}
	for i := range f.Devices {
		d := f.Resolved(i)
		bad := func(field, format string, a ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: device %q: %s: %s", f.Path, f.lines[i], d.Name, field, fmt.Sprintf(format, a...)))
		}
		if !nameRE.MatchString(d.Name) {
			bad("name", "%q must be 1-63 letters, digits, '.', '_' or '-'", d.Name)
		}
		if prev, dup := seen[d.Name]; dup {
			bad("name", "duplicate of the device on line %d", f.lines[prev])
		}
		seen[d.Name] = i
		if !nameRE.MatchString(d.Hostname) {
			bad("hostname", "%q must be 1-63 letters, digits, '.', '_' or '-'", d.Hostname)
		}
		if !slices.Contains(simulatedPlatforms, d.Platform) {
			bad("platform", "%q is not simulated (supported: %s)", d.Platform, strings.Join(simulatedPlatforms, ", "))
		}
		for _, r := range [][2]string{{"model", d.Model}, {"rommon", d.ROMMON}, {"image", d.Image}} {
			if r[1] == "" {
				bad(r[0], "required (set it on the device, its model entry or defaults)")
			}
		}
		if d.ROMMONRegion != "" && d.ROMMONRegion != "readonly" && d.ROMMONRegion != "upgrade" {
			bad("rommon_region", "%q is not readonly or upgrade", d.ROMMONRegion)
		}
		if !confRegRE.MatchString(d.ConfigRegister) {
			bad("config_register", "%q is not a hex value like 0x2102", d.ConfigRegister)
		}
		if d.ConfigRegisterNext != "" && !confRegRE.MatchString(d.ConfigRegisterNext) {
			bad("config_register_next", "%q is not a hex value like 0x2102", d.ConfigRegisterNext)
		}
		errs = append(errs, f.validateFiles(i, d)...)
		for _, k := range d.AuthorizedKeys {
			if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k)); err != nil {
				bad("authorized_keys", "%v", err)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
	}
	return nil
}

func (f *Fleet) validateFiles(i int, d DeviceSpec) []error {
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: device %q: %s: %s", f.Path, f.lines[i], d.Name, field, fmt.Sprintf(format, a...)))
	}
	var names []string
	for _, fs := range d.Files {
		switch {
		case !fileRE.MatchString(fs.Name):
			bad("files", "name %q must be a plain file name", fs.Name)
		case slices.Contains(names, fs.Name):
			bad("files", "%q listed twice", fs.Name)
		}
		names = append(names, fs.Name)
		if fs.Size < 0 || fs.Size > maxFileSize {
			bad("files", "%s: size %d out of range 1..%d", fs.Name, fs.Size, maxFileSize)
		}
		if fs.ClaimedSize < 0 {
			bad("files", "%s: claimed_size %d must not be negative", fs.Name, fs.ClaimedSize)
		}
		if fs.VerifySHA512 != "" && !hexRE.MatchString(fs.VerifySHA512) {
			bad("files", "%s: verify_sha512 must be 128 lowercase hex digits", fs.Name)
		}
	}
	for _, b := range d.Boot {
		if !strings.Contains(b, ":") {
			bad("boot", "%q must name a file system, e.g. bootflash:%s", b, b)
		}
	}
	return errs
}

// Synthetic returns a fleet of n clean clones of this fleet's first device,
// named lab-0001 … lab-NNNN, for benchmarks.
func (f *Fleet) Synthetic(n int) *Fleet {
	proto := f.Resolved(0)
	out := &Fleet{Path: f.Path + " (synthetic)", lines: map[int]int{}}
	for i := range n {
		d := proto
		d.Name = fmt.Sprintf("lab-%04d", i+1)
		d.Hostname = d.Name
		d.Serial = builtin(d.Name).Serial
		out.Devices = append(out.Devices, d)
	}
	return out
}

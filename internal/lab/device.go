package lab

import (
	"fmt"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// Device is one simulated device of a running lab.
type Device struct {
	lab    *Lab
	ln     net.Listener
	name   string
	extra  []ssh.PublicKey // from Options.AuthorizedKeys
	hashes *hashCache
	snmp   *snmpAgent // UDP agent beside the SSH listener (snmp_agent.go)

	prof atomic.Pointer[profile]
	auth atomic.Int64

	mu     sync.Mutex
	gen    int
	signer ssh.Signer

	sentMu sync.Mutex
	sent   []string // command lines received, the last maxSent (Sent)
}

// maxSent bounds the command lines a device remembers.
const maxSent = 4096

// record remembers a command line the CLI received (interactive or exec).
func (d *Device) record(line string) {
	d.sentMu.Lock()
	defer d.sentMu.Unlock()
	if len(d.sent) == maxSent {
		d.sent = slices.Delete(d.sent, 0, 1)
	}
	d.sent = append(d.sent, line)
}

// Sent returns the command lines the device's CLI received since start
// (the last 4096), so a test can prove what an auditor did and did not send.
func (d *Device) Sent() []string {
	d.sentMu.Lock()
	defer d.sentMu.Unlock()
	return slices.Clone(d.sent)
}

// profile is the immutable resolved state of a device; Update swaps it.
type profile struct {
	spec       DeviceSpec
	since      time.Time // when spec.Uptime was true
	files      []imageFile
	authorized []ssh.PublicKey
}

type imageFile struct {
	FileSpec
	sha512 string // real hash of the content
	shown  string // what verify /sha512 prints
}

func newDevice(spec DeviceSpec, extraKeys []string, hashes *hashCache, now time.Time) (*Device, error) {
	d := &Device{name: spec.Name, hashes: hashes}
	for _, k := range extraKeys {
		pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("authorized key: %w", err)
		}
		d.extra = append(d.extra, pk)
	}
	s, err := hostSigner(spec.Name, 0)
	if err != nil {
		return nil, err
	}
	d.signer = s
	p, err := d.newProfile(spec, now)
	if err != nil {
		return nil, err
	}
	d.prof.Store(p)
	return d, nil
}

func (d *Device) newProfile(spec DeviceSpec, now time.Time) (*profile, error) {
	p := &profile{spec: spec, since: now, authorized: slices.Clone(d.extra)}
	for _, k := range spec.AuthorizedKeys {
		pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("device %s: authorized key: %w", spec.Name, err)
		}
		p.authorized = append(p.authorized, pk)
	}
	for _, f := range spec.Files {
		im := imageFile{FileSpec: f, sha512: d.hashes.get(f.Seed, f.Size)}
		switch {
		case f.VerifySHA512 != "":
			im.shown = f.VerifySHA512
		case spec.VerifyLies:
			im.shown = d.hashes.get(f.Name, f.Size)
		default:
			im.shown = im.sha512
		}
		p.files = append(p.files, im)
	}
	return p, nil
}

// Name is the device name from the fleet.
func (d *Device) Name() string { return d.name }

// Addr is the listen address, "127.0.0.1:PORT".
func (d *Device) Addr() string { return d.ln.Addr().String() }

// Port is the listen port.
func (d *Device) Port() int { return d.ln.Addr().(*net.TCPAddr).Port }

// Spec returns the device's current resolved description.
func (d *Device) Spec() DeviceSpec { return d.prof.Load().spec }

// HostKey is the public host key new connections see.
func (d *Device) HostKey() ssh.PublicKey {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.signer.PublicKey()
}

// RotateHostKey switches to the next deterministic host key; open
// connections keep the old one.
func (d *Device) RotateHostKey() {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, err := hostSigner(d.name, d.gen+1)
	if err != nil {
		panic(err) // ed25519 keys from a 32-byte seed cannot fail
	}
	d.gen++
	d.signer = s
}

func (d *Device) hostSigner() ssh.Signer {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.signer
}

// AuthAttempts counts every authentication request of any method (none,
// password, keyboard-interactive, publickey) since start.
func (d *Device) AuthAttempts() int { return int(d.auth.Load()) }

// Uptime is the device's current uptime.
func (d *Device) Uptime() time.Duration {
	p := d.prof.Load()
	return time.Duration(p.spec.Uptime) + time.Since(p.since)
}

// Update changes the device while it runs (a ROMMON swap, a new boot
// variable, a reload): fn gets the current spec, with Uptime set to the
// current uptime, and edits it. The name cannot change. New commands see the
// new state at once.
func (d *Device) Update(fn func(s *DeviceSpec)) error {
	now := time.Now()
	spec := d.Spec()
	spec.Uptime = Duration(d.Uptime())
	fn(&spec)
	if spec.Name != d.name {
		return fmt.Errorf("update %s: the name cannot change", d.name)
	}
	f := &Fleet{Path: "update " + d.name, Devices: []DeviceSpec{spec}, lines: map[int]int{}}
	if err := f.validate(); err != nil {
		return err
	}
	resolved := f.Resolved(0)
	resolved.Uptime = spec.Uptime // zero means just reloaded here, not "use the default"
	p, err := d.newProfile(resolved, now)
	if err != nil {
		return err
	}
	d.prof.Store(p)
	return nil
}

// Reload simulates a reload: uptime starts again from zero.
func (d *Device) Reload(reason string) error {
	return d.Update(func(s *DeviceSpec) {
		s.Uptime = 0
		s.ReloadReason = reason
		if s.ConfigRegisterNext != "" {
			s.ConfigRegister, s.ConfigRegisterNext = s.ConfigRegisterNext, ""
		}
	})
}

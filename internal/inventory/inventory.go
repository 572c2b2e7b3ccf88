package inventory

import (
	"log/slog"
	"os"
	"slices"
	"time"

	"fwaudit/internal/platform"
)

// Channels a device can be audited over (Device.Collect).
const (
	ChannelSSH  = "ssh"
	ChannelSNMP = "snmp"
)

// Host-key policies (SSHSettings.HostKeyPolicy).
const (
	PolicyStrict = "strict" // the key must be in known_hosts
	PolicyTOFU   = "tofu"   // pin the key on first use, refuse if it changes
)

// Defaults applied when the inventory leaves a field unset.
const (
	DefaultPort       = 22
	DefaultSNMPPort   = 161
	DefaultKnownHosts = "known_hosts" // beside the file that defines the device
)

// PlatformAuto (or no platform at all) asks the sweep to detect the
// platform; Device.Platform is then empty.
const PlatformAuto = "auto"

// Inventory is a loaded, validated inventory.
type Inventory struct {
	// Devices in file order, then document order.
	Devices []Device
	// Files that were read, sorted.
	Files []string
}

// Device is one device with defaults and groups applied and secrets resolved.
type Device struct {
	Name     string
	Address  string
	Port     int
	Platform string
	Site     string
	Role     string
	Tags     []string
	Groups   []string
	// Credentials is zero when the device is not audited over SSH.
	Credentials Credentials
	SSH         SSHSettings
	// SNMP is nil when the device is not audited over SNMP.
	SNMP *SNMPSettings
	// Collect lists the channels (ChannelSSH, ChannelSNMP) to audit over.
	Collect []string
	// Timeout overrides the per-device deadline when non-zero.
	Timeout time.Duration
	// File and Line say where the device is defined.
	File string
	Line int
	// Unusable is why the device cannot be audited, "" when it can: a
	// secret it uses could not be resolved (environment variable unset,
	// file unreadable), or a foreign source describes it unusably (no
	// address, unknown platform, bad name). The reason names the file,
	// line, device or credentials entry, field and variable or file, never
	// a secret. The sweep reports such a device as an error without
	// connecting to it; the other devices load and are audited.
	Unusable string
}

// Collects reports whether the device is audited over channel.
func (d Device) Collects(channel string) bool { return slices.Contains(d.Collect, channel) }

// Credentials are the SSH login of a device.
type Credentials struct {
	// Name is the entry under credentials: in the inventory.
	Name     string
	Username string
	Password Secret
	// EnableSecret is the privileged-mode secret, if any.
	EnableSecret Secret
	// KeyFile is the absolute or working-directory-relative path of a private key.
	KeyFile string
	// PlainPasswordWarning is true when the password was written in the inventory.
	PlainPasswordWarning bool
}

// SSHSettings are the host-key settings of a device.
type SSHSettings struct {
	// KnownHosts is the known_hosts file; default "known_hosts" beside the
	// inventory file that defines the device.
	KnownHosts string
	// HostKeyPolicy is PolicyStrict (default) or PolicyTOFU.
	HostKeyPolicy string
	// LegacyAlgorithms also offers legacy SSH algorithms to this device
	// (diffie-hellman-group14-sha1, aes128-cbc, ssh-rsa, ...); SSH-002 reports it.
	LegacyAlgorithms bool
	// Jump are the SSH hops to reach the device through, in order (ssh.jump).
	Jump []JumpHost
	// Transport is TransportNative, TransportSystem or "" (native), from ssh.transport.
	Transport string
	// Config is the OpenSSH config file for transport: system (ssh.config);
	// empty: the user's ~/.ssh/config.
	Config string
}

// SNMPSettings are the SNMP parameters of a device.
type SNMPSettings struct {
	Version   string // "2c" or "3"
	Port      int
	Community Secret // version 2c
	// Version 3 (USM).
	User          string
	SecurityLevel string // noAuthNoPriv | authNoPriv | authPriv
	AuthProtocol  string // MD5 | SHA | SHA224 | SHA256 | SHA384 | SHA512
	AuthPassword  Secret
	PrivProtocol  string // DES | AES | AES192 | AES256 | AES192C | AES256C
	PrivPassword  Secret
}

// LoadOptions configure Load.
type LoadOptions struct {
	// KnownPlatforms are the accepted platform names (platform.Names());
	// platform.Names() when empty.
	KnownPlatforms []string
	// Getenv looks up environment variables; os.LookupEnv when nil.
	Getenv func(string) (string, bool)
	// Logger receives warnings (plain passwords, loose file modes); discarded when nil.
	Logger *slog.Logger
}

func (o LoadOptions) withDefaults() LoadOptions {
	if len(o.KnownPlatforms) == 0 {
		o.KnownPlatforms = platform.Names()
	}
	o.KnownPlatforms = slices.Sorted(slices.Values(o.KnownPlatforms))
	if o.Getenv == nil {
		o.Getenv = os.LookupEnv
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

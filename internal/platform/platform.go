package platform

import (
	"fwaudit/internal/facts"
)

// Outputs maps the exact command text sent to the device to the text it
// printed (prompt and echo removed). Parsers take what they find here and
// ignore what is missing, so saved outputs can be audited offline too.
type Outputs map[string]string

// Platform is everything fwaudit knows about one device platform: how to
// recognise it, what other tools call it, what to run and parse, and how
// its images are reached off the box, which revert plan and which lab
// profile it has. Other packages read platform knowledge from here only;
// TestPlatformComplete checks that every registered platform has all of it.
type Platform struct {
	// Name is the inventory and baseline name, e.g. "cisco_iosxe".
	Name string
	// ScrapliPlatform is the scrapligo platform definition the SSH session uses.
	ScrapliPlatform string
	// Detection is how a device shows it runs this platform.
	Detection Detection
	// Aliases are names other tools (Ansible, Nornir/NAPALM/Netmiko,
	// Oxidized, NetBox) give this platform and no other, lower case.
	Aliases []string
	// AmbiguousAliases are names other tools give this platform and at
	// least one other of ours (Ansible cisco.ios.ios, NAPALM ios and
	// scrapli cisco_iosxe drive IOS and IOS XE alike): Resolve reports them
	// ambiguous so the device is detected, never guessed.
	AmbiguousAliases []string
	// FileSystems are the local file systems images boot from, as the CLI
	// names them ("bootflash:", "/var/tmp/").
	FileSystems []string
	// Commands are run on every audit, in order.
	Commands []string
	// AfterCommand returns session steps to send right after cmd answered
	// output, before the next command: the ASA's `changeto system` once
	// `show mode` says multiple. Their answers are stored under their text
	// like any command. nil: none.
	AfterCommand func(cmd, output string) []string
	// Deep are opt-in steps that cost device CPU (ASA text-segment hash,
	// pattern hunt, checkheaps twice), run after the follow-ups when the
	// sweep is asked for --deep; nil when the platform has none.
	Deep []Step
	// FollowUp returns commands that depend on what Commands revealed, e.g.
	// "verify /sha512 bootflash:x.bin" for the running and next-boot images.
	FollowUp func(f facts.Facts) []string
	// Parse turns outputs into facts. It never does I/O, never panics, and
	// every string it returns is textsafe. An error means an output was there
	// but could not be understood; the facts it did get are still returned.
	Parse func(out Outputs) (facts.Facts, error)
	// OffBox says which files to stream off the box and hash, and where the
	// device's SFTP / SCP servers serve them; or why that cannot be done.
	OffBox OffBox
	// Integrity collects signed boot measurements; nil when the platform
	// has none.
	Integrity *Integrity
	// NoBootSettings is set when the platform has neither a boot variable
	// nor a configuration register (Junos boots what `request system
	// software add` installed), so their absence is no coverage gap.
	NoBootSettings bool
	// Plan names the revert-plan recipe internal/plan builds this
	// platform's plans with (a key of its recipes table).
	Plan string
	// Lab names the internal/lab profile that simulates this platform (one
	// of lab.Simulated()); it is Name, because lab fleet files give devices
	// the platform's name and the lab imports nothing to map it.
	Lab string
	// MustYield are the facts every audit of an honest device of this
	// platform gets from its CLI (Commands and FollowUp). One missing is
	// withheld, not unknown: FACT-001, on the first audit too. List only
	// what the platform really prints; the lab proves each list.
	MustYield []facts.Fact
}

// Detection is how a device shows which platform it runs. Platforms are
// tried in registry order, so one whose markers another platform's output
// also contains (classic IOS's "Cisco IOS Software" is in IOS XE's show
// version) is registered after it.
type Detection struct {
	// ShowVersion are fragments of a `show version` line that prove the platform.
	ShowVersion []string
	// SNMPEnterprise is the sysObjectID arc of the vendor, e.g. "1.3.6.1.4.1.9.".
	SNMPEnterprise string
	// SysDescr are sysDescr fragments that tell this platform apart from the
	// vendor's others; empty when the enterprise arc alone proves it.
	SysDescr []string
	// Prompt is a regular expression matching the whole CLI prompt of this
	// platform (exec and privileged); the generic session that detects a
	// platform waits for any registered one (PromptPattern).
	Prompt string
}

// Step is one deep-mode command.
type Step struct {
	// Send is the command text.
	Send string
	// Key is the Outputs key of its answer; "" is Send (a command sent
	// twice is stored under two keys).
	Key string
	// Wait: the collector waits its deep interval before sending (the
	// second checkheaps sample).
	Wait bool
	// Skip, when set, skips the step given the outputs so far (a fallback
	// sent only when the first command was rejected).
	Skip func(out Outputs) bool
}

// OutputKey is where the step's answer is stored.
func (s Step) OutputKey() string {
	if s.Key != "" {
		return s.Key
	}
	return s.Send
}

// Integrity is a platform's signed boot-integrity evidence.
type Integrity struct {
	// Commands are run over exec channels with a fresh nonce, which the
	// device signs.
	Commands func(nonce string) []string
	// Parse turns their outputs into measurements; nil when none was there.
	Parse func(out Outputs) (*facts.BootIntegrity, error)
}

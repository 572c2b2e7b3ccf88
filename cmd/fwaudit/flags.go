package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"fwaudit/internal/audit"
	"fwaudit/internal/collect"
	"fwaudit/internal/kgv"
	"fwaudit/internal/notify"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

// The flag groups below are the building blocks of the commands' options:
// each command embeds the groups it uses and registers exactly their
// flags, so `fwaudit X --help` lists X's options and nothing else.

// referenceFlags name the files an audit reads.
type referenceFlags struct {
	Inventory, Baselines, Changes, Advisories string
}

func (f *referenceFlags) addInventory(fs *pflag.FlagSet) {
	fs.StringVarP(&f.Inventory, "inventory", "i", "inventory/", "inventory file or folder (our YAML, Ansible, Nornir, Oxidized router.db, NetBox)")
}

func (f *referenceFlags) addBaselines(fs *pflag.FlagSet) {
	fs.StringVarP(&f.Baselines, "baselines", "b", "baselines/", "folder of approved-baseline YAML files")
	fs.StringVar(&f.Changes, "changes", "", "change-window file (default: baselines/changes.yaml if present)")
	fs.StringVar(&f.Advisories, "advisories", "", "known-exploited advisory feed folder for ADV-001 (default: <baselines>/advisories/; none: no feed)")
}

func (f referenceFlags) refs() pipeline.References {
	return pipeline.References{Inventory: f.Inventory, Baselines: f.Baselines, Changes: f.Changes, Advisories: f.Advisories}
}

// selectFlags select devices from the whole inventory.
type selectFlags struct {
	Devices []string
	Filter  string
	Shard   string
}

func (f *selectFlags) addFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Devices, "device", nil, "select devices by name or glob (repeatable); not with device names as arguments")
	fs.StringVar(&f.Filter, "filter", "", "select devices by attributes: site=dc1,role=core,tag=pci,platform=cisco_iosxe")
	fs.StringVar(&f.Shard, "shard", "", "audit only shard K/N of the selection (stable hash of the device name; K from 0, e.g. $JOB_COMPLETION_INDEX/4)")
}

// forNames drops what a config file set when device names are given as
// arguments: names select exactly those devices. Flags typed on the
// command line together with names stay, and pipeline.Select refuses them.
func (f selectFlags) forNames(fs *pflag.FlagSet, names []string) selectFlags {
	if len(names) == 0 {
		return f
	}
	if !fs.Changed("device") {
		f.Devices = nil
	}
	if !fs.Changed("filter") {
		f.Filter = ""
	}
	if !fs.Changed("shard") {
		f.Shard = ""
	}
	return f
}

// selection combines the flags with the device names given as arguments.
func (f selectFlags) selection(names []string) pipeline.Selection {
	return pipeline.Selection{Names: names, Globs: f.Devices, Filter: f.Filter, Shard: f.Shard}
}

// collectFlags bound the collection: deadlines, retries, read caps, the
// SNMP channel and the off-box step.
type collectFlags struct {
	Workers        int
	Timeout        time.Duration
	MaxOutputBytes int64
	MaxDeviceBytes int64
	MaxSweepBytes  int64
	ConnectTimeout time.Duration
	AuthTimeout    time.Duration
	CommandTimeout time.Duration
	Retries        int

	SNMPTimeout        time.Duration
	SNMPRetries        int
	SNMPMaxRepetitions uint32
	SNMPMaxVarbinds    int

	Lookback time.Duration // first-sight judgments (REL-001, log events on a first audit)

	Deep         bool          // the platforms' deep-mode steps (ASA: text hash, pattern hunt, checkheaps twice)
	DeepInterval time.Duration // between the two checkheaps samples

	offboxFlags
}

func (f *collectFlags) addFlags(fs *pflag.FlagSet) {
	fs.IntVar(&f.Workers, "workers", 32, "devices audited at once")
	fs.DurationVar(&f.Timeout, "timeout", 2*time.Minute, "deadline for one whole device")
	fs.Int64Var(&f.MaxOutputBytes, "max-output-bytes", 8<<20, "cap on the bytes one command may return")
	fs.Int64Var(&f.MaxDeviceBytes, "max-device-bytes", 32<<20, "cap on the bytes one device's sessions may return in all")
	fs.Int64Var(&f.MaxSweepBytes, "max-sweep-bytes", 512<<20, "cap on the bytes all devices' outputs may hold at once")
	fs.DurationVar(&f.ConnectTimeout, "connect-timeout", 10*time.Second, "deadline for the TCP connect to a device")
	fs.DurationVar(&f.AuthTimeout, "auth-timeout", 10*time.Second, "deadline for the SSH handshake, login and shell")
	fs.DurationVar(&f.CommandTimeout, "command-timeout", 30*time.Second, "deadline for one command's answer")
	fs.IntVar(&f.Retries, "retries", 2, "retries (jittered exponential backoff) when the TCP connect fails; never after an authentication or host-key failure")
	fs.DurationVar(&f.SNMPTimeout, "snmp-timeout", 3*time.Second, "deadline for one SNMP request")
	fs.IntVar(&f.SNMPRetries, "snmp-retries", 1, "retries of one SNMP request after a timeout")
	fs.Uint32Var(&f.SNMPMaxRepetitions, "snmp-max-repetitions", 25, "GETBULK max-repetitions")
	fs.IntVar(&f.SNMPMaxVarbinds, "snmp-max-varbinds", 10000, "cap on the entPhysicalTable rows read from one device")
	fs.DurationVar(&f.Lookback, "lookback", audit.DefaultLookback, "how far back a device's first audit judges its last reload and its log events (older: not judged)")
	fs.BoolVar(&f.Deep, "deep", false, "also run the deep checks that cost device CPU (ASA: verify /sha-512 system:/text, CISA's byte-pattern hunt, show checkheaps twice)")
	fs.DurationVar(&f.DeepInterval, "deep-interval", 5*time.Minute, "with --deep: the wait between the two show checkheaps samples (CISA: at least 5 minutes)")
	f.offboxFlags.addFlags(fs)
}

// sweepOptions validates the flags and maps them to sweep.Options
// (Baselines, Changes, History, Logger and OnResult are the pipeline's).
func (f collectFlags) sweepOptions() (sweep.Options, error) {
	if f.Workers < 1 {
		return sweep.Options{}, usageErrorf("--workers: must be at least 1, got %d", f.Workers)
	}
	if f.Timeout <= 0 {
		return sweep.Options{}, usageErrorf("--timeout: must be positive, got %s", f.Timeout)
	}
	if f.MaxOutputBytes <= 0 {
		return sweep.Options{}, usageErrorf("--max-output-bytes: must be positive, got %d", f.MaxOutputBytes)
	}
	if f.MaxDeviceBytes < 0 || f.MaxSweepBytes < 0 {
		return sweep.Options{}, usageErrorf("--max-device-bytes / --max-sweep-bytes: must not be negative (0: the default)")
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--connect-timeout", f.ConnectTimeout}, {"--auth-timeout", f.AuthTimeout}, {"--command-timeout", f.CommandTimeout}, {"--snmp-timeout", f.SNMPTimeout}} {
		if d.v < 0 {
			return sweep.Options{}, usageErrorf("%s: must not be negative, got %s", d.name, d.v)
		}
	}
	if f.Retries < 0 || f.SNMPRetries < 0 {
		return sweep.Options{}, usageErrorf("--retries / --snmp-retries: must not be negative")
	}
	offbox, err := f.offboxFlags.options()
	if err != nil {
		return sweep.Options{}, err
	}
	return sweep.Options{
		Workers: f.Workers, DeviceTimeout: f.Timeout, MaxOutputBytes: f.MaxOutputBytes,
		MaxDeviceBytes: f.MaxDeviceBytes, MaxSweepBytes: f.MaxSweepBytes,
		ConnectTimeout: f.ConnectTimeout, AuthTimeout: f.AuthTimeout, CommandTimeout: f.CommandTimeout,
		Retries: noneIfZero(f.Retries), Offbox: offbox, Lookback: f.Lookback,
		Deep: f.Deep, DeepInterval: f.DeepInterval,
		SNMP: sweep.SNMPOptions{Timeout: f.SNMPTimeout, Retries: noneIfZero(f.SNMPRetries),
			MaxRepetitions: f.SNMPMaxRepetitions, MaxVarbinds: f.SNMPMaxVarbinds},
	}, nil
}

// noneIfZero maps a flag's 0 ("no retries") to the sweep's -1 (its 0 is
// "the default").
func noneIfZero(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// offboxFlags configure the off-box step: image hashes computed here from
// bytes streamed off the device, and signed boot measurements.
type offboxFlags struct {
	OffboxHash    bool
	HashWorkers   int
	HashRate      string
	HashProtocol  string
	SaveImage     string
	MaxImageBytes string
	BootIntegrity bool
	measurementFlags
}

func (o *offboxFlags) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.OffboxHash, "offbox-hash", false, "stream the running and next-boot images off each device (sftp, else scp) and hash them here")
	fs.IntVar(&o.HashWorkers, "hash-workers", collect.DefaultHashWorkers, "images streamed at once across the sweep")
	fs.StringVar(&o.HashRate, "hash-rate", "", "cap on each image transfer, e.g. 20MB/s, 512KiB/s (default: unlimited)")
	fs.StringVar(&o.HashProtocol, "hash-protocol", collect.ProtocolAuto, "auto|sftp|scp")
	fs.StringVar(&o.SaveImage, "save-image", "", "keep a forensic copy of every streamed image in DIR (nothing is written otherwise)")
	fs.StringVar(&o.MaxImageBytes, "max-image-bytes", "4GiB", "most bytes streamed for an image whose size no baseline approves, whatever the device lists, e.g. 4GiB, 512MB")
	fs.BoolVar(&o.BootIntegrity, "boot-integrity", false, "collect signed boot-integrity measurements with a fresh nonce (implied by --kgv and --sudi-roots)")
	o.measurementFlags.addFlags(fs)
}

// options validates the flags and loads the KGV and roots files.
func (o offboxFlags) options() (sweep.OffboxOptions, error) {
	out, err := o.measurementFlags.options()
	if err != nil {
		return out, err
	}
	rate, err := parseRate(o.HashRate)
	if err != nil {
		return out, usageErrorf("--hash-rate: %s", err)
	}
	maxImage, err := parseRate(o.MaxImageBytes) // "" → 0 → collect.DefaultMaxImageBytes
	if err != nil || (maxImage < 1 && o.MaxImageBytes != "") {
		return out, usageErrorf("--max-image-bytes: %q is not a positive size like 4GiB", o.MaxImageBytes)
	}
	if o.HashWorkers < 1 {
		return out, usageErrorf("--hash-workers: must be at least 1, got %d", o.HashWorkers)
	}
	h, err := collect.NewImageHasher(collect.HasherOptions{Workers: o.HashWorkers, BytesPerSecond: rate,
		Protocol: o.HashProtocol, SaveDir: o.SaveImage, MaxImageBytes: int64(maxImage)})
	if err != nil {
		return out, usageErrorf("%s", err)
	}
	out.Hasher = h
	out.Integrity = o.BootIntegrity || out.KGV != nil || out.SUDIRoots != nil
	out.Enabled = o.OffboxHash || out.Integrity
	out.NoImages = !o.OffboxHash
	return out, nil
}

// measurementFlags name the references boot-integrity measurements are
// checked against (live, and in saved outputs by ingest).
type measurementFlags struct {
	KGVFile       string
	SUDIRootsFile string
}

func (o *measurementFlags) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.KGVFile, "kgv", "", "Cisco known-good-values JSON (optionally gzip) to check boot-integrity measurements against (BIV-001)")
	fs.StringVar(&o.SUDIRootsFile, "sudi-roots", "", "PEM file of trusted SUDI root certificates for signed measurements (BIV-002)")
}

func (o measurementFlags) options() (sweep.OffboxOptions, error) {
	var out sweep.OffboxOptions
	var err error
	if o.KGVFile != "" {
		if out.KGV, err = kgv.Load(o.KGVFile); err != nil {
			return out, configError(fmt.Errorf("--kgv: %w", err))
		}
	}
	if o.SUDIRootsFile != "" {
		b, err := os.ReadFile(o.SUDIRootsFile)
		if err != nil {
			return out, configError(fmt.Errorf("--sudi-roots: %w", err))
		}
		out.SUDIRoots = x509.NewCertPool()
		if !out.SUDIRoots.AppendCertsFromPEM(b) {
			return out, configError(fmt.Errorf("--sudi-roots: %s holds no PEM certificate", o.SUDIRootsFile))
		}
		out.SUDIRootsFrom = rootsFrom(o.SUDIRootsFile, b)
	}
	return out, nil
}

// rootsFrom names a roots file and its certificates' subjects for the
// report ("roots.pem: CN=Cisco Root CA 2048").
func rootsFrom(file string, pemBytes []byte) string {
	var names []string
	for len(pemBytes) > 0 && len(names) < 16 {
		var blk *pem.Block
		if blk, pemBytes = pem.Decode(pemBytes); blk == nil {
			break
		}
		if c, err := x509.ParseCertificate(blk.Bytes); err == nil {
			names = append(names, c.Subject.String())
		}
	}
	return file + ": " + strings.Join(names, "; ")
}

// parseRate reads "20MB/s", "512KiB/s", "1.5MB", "1000000" as bytes per
// second; "" is unlimited.
func parseRate(s string) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/s")
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = n, u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a positive rate like 20MB/s", s)
	}
	return v * mult, nil
}

// stateFlags name the history store.
type stateFlags struct {
	State    string
	LockWait time.Duration
}

// defaultState is the --state default shown in help: the user's state
// directory.
func defaultState() string {
	p, err := store.DefaultPath()
	if err != nil {
		return ""
	}
	return p
}

const stateHelp = `history store: SQLite path or postgres://USER@HOST/DB (password from PGPASSWORD / FWAUDIT_STATE_PASSWORD); "none" keeps no history`

// addFlags registers --state, and for the commands that write it
// --lock-wait.
func (f *stateFlags) addFlags(fs *pflag.FlagSet, writes bool) {
	fs.StringVar(&f.State, "state", defaultState(), stateHelp)
	if writes {
		fs.DurationVar(&f.LockWait, "lock-wait", 0, "how long to wait while another run holds the history store (0: fail at once)")
	}
}

// deliveryFlags are the SOC outputs of a finished run.
type deliveryFlags struct{ pipeline.Delivery }

func (f *deliveryFlags) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.Syslog, "syslog", "", "send one RFC 5424 message with a CEF payload per finding to udp://HOST:PORT or tcp://HOST:PORT")
	fs.StringVar(&f.Webhook, "webhook", "", "POST the JSON report to this URL, with bounded retries")
	fs.DurationVar(&f.WebhookTimeout, "webhook-timeout", 10*time.Second, "timeout of one webhook attempt")
	fs.StringVar(&f.MetricsFile, "metrics-file", "", "write Prometheus metrics for node_exporter's textfile collector to this file (atomically)")
	f.Notify = notify.NotifyNew
	fs.Var(&choiceValue{target: &f.Notify, choices: notify.NotifyChoices}, "notify",
		"what --syslog and --webhook send: new (findings reported for the first time) or open (every finding not accepted, each run)")
}

// planFlags fill the site-specific parts of the plans.
type planFlags struct {
	ImageSource  string
	EvidenceDest string
}

func (f *planFlags) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.ImageSource, "image-source", "", "plans: URL of the folder holding approved files, e.g. scp://fw@10.10.0.5/firmware")
	fs.StringVar(&f.EvidenceDest, "evidence-dest", "", "plans: URL of the folder evidence is copied to, e.g. scp://fw@10.10.0.6/cases")
}

// choiceValue is a flag that takes one of a fixed set of words; anything
// else is refused when parsed, naming the choices.
type choiceValue struct {
	target  *string
	choices []string
}

func (c *choiceValue) String() string { return *c.target }
func (c *choiceValue) Type() string   { return "string" }
func (c *choiceValue) Set(s string) error {
	if !slices.Contains(c.choices, s) {
		return fmt.Errorf("%q is not one of %s", s, strings.Join(c.choices, ", "))
	}
	*c.target = s
	return nil
}

// addOutputFlag registers -o/--output for a command: its own formats,
// its own default.
func addOutputFlag(fs *pflag.FlagSet, target *string, def string, choices ...string) {
	*target = def
	fs.VarP(&choiceValue{target: target, choices: choices}, "output", "o", "output format: "+strings.Join(choices, "|"))
}

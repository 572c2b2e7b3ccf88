package facts

// Fact names one fact of the boot chain an audit reads. A platform lists
// the ones every honest device of it gives (platform.Platform.MustYield);
// one missing is withheld (audit rule FACT-001), even on a first audit.
type Fact string

const (
	FactROMMON         Fact = "rommon"          // a boot-firmware version in the CLI output (ROMMON, BIOS, Aboot, boot loader)
	FactImage          Fact = "image"           // the running image
	FactImageHash      Fact = "image_hash"      // a hash the device computed of its own image (verify /sha512)
	FactConfigRegister Fact = "config_register" // the configuration register
)

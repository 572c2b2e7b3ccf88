package platform

import (
	"errors"

	"fwaudit/internal/facts"
)

// The commands aristaEOS runs, exactly as sent (Outputs keys).
const (
	EOSShowVersion      = "show version detail"
	EOSShowVersionPlain = "show version" // parsed when saved outputs hold it
	EOSShowBootConfig   = "show boot-config"
	EOSDirFlash         = "dir flash:"
)

// aristaEOS is Arista EOS.
var aristaEOS = Platform{
	Name:            "arista_eos",
	ScrapliPlatform: "arista_eos",
	Detection: Detection{
		ShowVersion:    []string{"Software image version:"},
		SNMPEnterprise: "1.3.6.1.4.1.30065.",
		Prompt:         ciscoPrompt,
	},
	Aliases:     []string{"eos", "arista-eos", "arista.eos.eos"},
	FileSystems: []string{"flash:", "drive:"},
	// EOS runs a Linux sshd: flash: is /mnt/flash, drive: /mnt/drive.
	OffBox: OffBox{Files: iosxeBootFiles, Mounts: []Mount{
		{FS: "flash:", SFTP: "/mnt/flash/", SCP: "/mnt/flash/"},
		{FS: "drive:", SFTP: "/mnt/drive/", SCP: "/mnt/drive/"},
	}},
	Commands: []string{EOSShowVersion, EOSShowBootConfig, EOSDirFlash},
	FollowUp: iosxeFollowUp, // EOS has IOS's verify /sha512; Image is empty, so this hashes the boot-config image
	Parse:    parseEOS,
	Plan:     "arista_eos",
	Lab:      "arista_eos",
	// Aboot and verify /sha512 of the boot-config image; show version names no image file, and EOS has no register.
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImageHash},
}

// parseEOS merges the aristaEOS outputs present in out into one Facts. The
// boot firmware is Aboot (component "Aboot", from show version detail); the
// next-boot image is the Software image of show boot-config. EOS does not
// print the running image's path, so Image stays empty unless boot-config
// gives it (the image Aboot booted is the boot-config image at boot time).
func parseEOS(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	var errs []error
	keep := keeper(&errs)
	for _, cmd := range []string{EOSShowVersion, EOSShowVersionPlain} {
		s, ok := out[cmd]
		if !ok {
			continue
		}
		v, err := parseEOSShowVersion(s)
		keep(err, false)
		f.Model, f.Serial, f.OSVersion, f.UptimeSeconds = v.Model, v.Serial, v.Version, v.UptimeSeconds
		if v.Aboot != "" {
			f.ROMMON = []facts.Component{{Name: "Aboot", Version: v.Aboot, Source: facts.SourceCLI, Origin: cmd}}
		}
		break
	}
	if s, ok := out[EOSShowBootConfig]; ok {
		bc, err := parseEOSBootConfig(s)
		keep(err, true)
		if bc.SoftwareImage != "" {
			f.Boot.System = []string{bc.SoftwareImage}
		}
	}
	if s, ok := out[EOSDirFlash]; ok {
		d, err := parseEOSDir(s)
		keep(err, true)
		f.Files = d.Files()
	}
	f.ImageHashes = parseVerifies(out, keep) // verify /sha512 follow-ups, same output as IOS
	return f, errors.Join(errs...)
}

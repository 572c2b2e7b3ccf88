package platform

import (
	"errors"

	"fwaudit/internal/facts"
)

// The commands JuniperJunos runs, exactly as sent (Outputs keys).
const (
	JunosShowVersion  = "show version"
	JunosShowFirmware = "show chassis firmware"
	JunosShowHardware = "show chassis hardware"
	JunosFileList     = "file list /var/tmp/ detail"
)

// JuniperJunos is Juniper Junos (MX, EX, QFX, SRX, PTX).
var JuniperJunos = Platform{
	Name:            "juniper_junos",
	ScrapliPlatform: "juniper_junos",
	Detection: Detection{
		ShowVersion:    []string{"Junos:", "JUNOS "},
		SNMPEnterprise: "1.3.6.1.4.1.2636.",
		Prompt:         junosPrompt,
	},
	Aliases:     []string{"junos", "juniper", "juniper-junos", "junipernetworks.junos.junos", "juniper.junos.junos"},
	FileSystems: []string{"/var/tmp/"},
	// Junos names no running image file; what is hashed off the box are the
	// install packages staged in /var/tmp/ (juniper_junos_files.go), served
	// by its OpenSSH under their Unix paths.
	OffBox:         OffBox{Files: junosOffboxFiles, Mounts: []Mount{{FS: "/var/tmp/", SFTP: "/var/tmp/", SCP: "/var/tmp/"}}},
	Commands:       []string{JunosShowVersion, JunosShowFirmware, JunosShowHardware, JunosFileList, JunosShowUptime},
	FollowUp:       junosFollowUp, // juniper_junos_checksum.go
	Parse:          parseJunos,
	NoBootSettings: true,
	Plan:           "juniper_junos",
	Lab:            "juniper_junos",
	// The ROM monitor / BIOS versions; show version names packages, not an image file, and the checksum needs a file listing.
	MustYield: []facts.Fact{facts.FactROMMON},
}

// parseJunos merges the JuniperJunos outputs present in out into one Facts.
// Boot firmware is every ROM / U-Boot / loader row of show chassis firmware
// (one component per part); the chassis serial comes from show chassis
// hardware when show version has none; the uptime from show system
// uptime, so the reload rules run.
func parseJunos(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	var errs []error
	keep := keeper(&errs)
	if s, ok := out[JunosShowVersion]; ok {
		v, err := parseJunosShowVersion(s)
		keep(err, false)
		f.Hostname, f.Model, f.OSVersion, f.Serial = v.Hostname, v.Model, v.Version, v.Serial
	}
	if s, ok := out[JunosShowFirmware]; ok {
		fw, err := ParseJunosFirmware(s)
		keep(err, true)
		f.ROMMON = fw.BootFirmware(JunosShowFirmware)
	}
	if s, ok := out[JunosShowHardware]; ok {
		hw, err := parseJunosHardware(s)
		keep(err, true)
		f.Serial = nonEmpty(f.Serial, hw.ChassisSerial)
	}
	if s, ok := out[JunosShowUptime]; ok {
		u, err := ParseJunosUptime(s) // juniper_junos_uptime.go
		keep(err, true)
		f.UptimeSeconds = u.UptimeSeconds
	}
	if s, ok := out[JunosFileList]; ok {
		d, err := parseJunosFileList(s)
		keep(err, true)
		f.Files = d.Files()
	}
	f.ImageHashes = parseJunosChecksums(out, keep) // SHA-256 only
	return f, errors.Join(errs...)
}

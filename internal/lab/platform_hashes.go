package lab

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// nxosShowModule is `show module` of a fixed Nexus 9000: one module, the
// whole switch, on which this session runs.
func nxosShowModule(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return "Mod Ports             Module-Type                      Model           Status\n" +
		"--- ----- ------------------------------------- --------------------- ---------\n" +
		fmt.Sprintf("1    54   48x10/25G + 6x40/100G Ethernet Module %-21s active *\n\n", s.Model) +
		"Mod  Sw                       Hw    Slot\n---  ----------------------- ------ ----\n" +
		fmt.Sprintf("1    %-24s 1.1    NA\n\n\n", s.OSVersion) +
		"Mod  MAC-Address(es)                         Serial-Num\n---  --------------------------------------  ----------\n" +
		fmt.Sprintf("1    00-2a-10-ab-cd-00 to 00-2a-10-ab-cd-ff  %s\n\n", s.Serial) +
		"Mod  Online Diag Status\n---  ------------------\n1    Pass\n\n* this terminal session\n"
}

// nxosShowFile implements `show file bootflash:FILE sha512sum`: the digest
// verify /sha512 would print (a lying device lies here too), on its own line.
func nxosShowFile(e *cmdEnv, args []string) string {
	if len(args) != 2 || args[1] != "sha512sum" {
		return nxosRejection
	}
	f := e.p.file(args[0], "bootflash:")
	if f == nil {
		return "No such file or directory\n"
	}
	return f.shown + "\n"
}

// junosFileChecksum implements `file checksum sha-256 /var/tmp/FILE`. A
// lying device (verify_lies) prints the SHA-256 of the genuine content
// (seed = file name), as its verify /sha512 would; verify_sha512 has no
// SHA-256 counterpart, so such a file prints its real digest.
func junosFileChecksum(e *cmdEnv, args []string) string {
	if len(args) != 2 || args[0] != "sha-256" {
		return "                 ^\nsyntax error, expecting <command>.\n"
	}
	f := e.p.file(args[1], "/var/tmp")
	if f == nil {
		return "error: could not resolve file: " + args[1] + "\n"
	}
	seed := f.Seed
	if e.p.spec.VerifyLies {
		seed = f.Name
	}
	return fmt.Sprintf("SHA256 (%s) = %s\n", args[1], ImageSHA256(seed, f.Size))
}

// file returns the device's file at path on file system home (bootflash:
// or /var/tmp), with or without slashes after the colon; nil when none.
func (p *profile) file(path, home string) *imageFile {
	name, ok := strings.CutPrefix(path, home)
	if !ok {
		return nil
	}
	name = strings.TrimLeft(name, "/")
	for i := range p.files {
		if p.files[i].Name == name {
			return &p.files[i]
		}
	}
	return nil
}

// ImageSHA256 returns the lowercase hex SHA-256 of ImageBytes(seed, size).
func ImageSHA256(seed string, size int64) string {
	h := sha256.New()
	if _, err := io.Copy(h, ImageBytes(seed, size)); err != nil {
		panic("lab: hashing in-memory image: " + err.Error()) // cannot happen: the reader never fails
	}
	return hex.EncodeToString(h.Sum(nil))
}

package audit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func withFiles(f facts.Facts, files ...facts.File) facts.Facts {
	f.Files = files
	return f
}

var goodFile = facts.File{Name: "bootflash:" + goodImage, Size: 8388608}

func TestIMG003_FiresWhenOffboxDiffersFromVerify(t *testing.T) {
	f := cleanFacts()
	f.ImageHashes[1].SHA512 = strings.Repeat("cd", 64) // off-box
	fs := only(audit.Evaluate(input(f)), audit.IMG003)
	require.Len(t, fs, 1)
	require.Equal(t, audit.Critical, fs[0].Severity)
	require.True(t, fs[0].Escalate)
	require.Equal(t, goodSHA, fs[0].Observed, "what the device claimed")
	require.Equal(t, strings.Repeat("cd", 64), fs[0].Expected, "what its bytes hash to")
}

func TestIMG003_QuietWhenHashesAgreeOrOnlyOneSource(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.IMG003), "same hash, different case")
	f := cleanFacts()
	f.ImageHashes = f.ImageHashes[:1] // device only
	require.Empty(t, only(audit.Evaluate(input(f)), audit.IMG003))
	f = cleanFacts()
	f.ImageHashes[1].File = "bootflash:other.bin"
	f.ImageHashes[1].SHA512 = strings.Repeat("cd", 64)
	require.Empty(t, only(audit.Evaluate(input(f)), audit.IMG003), "different files are not compared")
}

func TestIMG002_FiresOnOffboxHashToo(t *testing.T) {
	f := cleanFacts()
	f.ImageHashes = []facts.ImageHash{{File: "bootflash:" + goodImage, SHA512: strings.Repeat("cd", 64), Source: facts.SourceOffbox}}
	fs := only(audit.Evaluate(input(f)), audit.IMG002)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Evidence, "off-box")
}

func TestIMG004_FiresWhenApprovedImageMissingOrResized(t *testing.T) {
	tests := []struct {
		name  string
		files []facts.File
		want  string
	}{
		{"missing", []facts.File{{Name: "bootflash:notes.txt", Size: 10}}, "missing"},
		{"resized", []facts.File{{Name: "bootflash:" + goodImage, Size: 8388607}}, "8388607 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(audit.Evaluate(input(withFiles(cleanFacts(), tc.files...))), audit.IMG004)
			require.Len(t, fs, 1)
			require.Equal(t, audit.Medium, fs[0].Severity)
			require.Equal(t, tc.want, fs[0].Observed)
		})
	}
}

func TestIMG004_QuietWhenPresentWithRightSizeOrNoListing(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(input(withFiles(cleanFacts(), goodFile))), audit.IMG004))
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.IMG004), "no dir collected")
}

func TestFILE001_FiresWhenUnknownExecutableStaged(t *testing.T) {
	for _, name := range []string{"c9300_rommon.17.3.1r.SPA.pkg", "C2900_RM2.srec.SPA.152-4r.M1", "implant.bin"} {
		t.Run(name, func(t *testing.T) {
			f := withFiles(cleanFacts(), goodFile, facts.File{Name: "bootflash:" + name, Size: 1})
			fs := only(audit.Evaluate(input(f)), audit.FILE001)
			require.Len(t, fs, 1, name)
			require.Contains(t, fs[0].Observed, name)
		})
	}
}

func TestFILE001_QuietWhenFilesKnownReferencedOrNotExecutable(t *testing.T) {
	f := withFiles(cleanFacts(), goodFile, facts.File{Name: "bootflash:pnp-tech-time", Size: 35},
		facts.File{Name: "bootflash:next.bin", Size: 1})
	f.Boot.System = append(f.Boot.System, "bootflash:next.bin") // BOOT-001's business
	require.Empty(t, only(audit.Evaluate(input(f)), audit.FILE001))
}

func TestSIG001_FiresWhenImageTypeSpecial(t *testing.T) {
	f := cleanFacts()
	f.Integrity = &facts.BootIntegrity{Authenticity: []facts.ImageSignature{
		{Section: "SYSTEM IMAGE", ImageType: "Special", CommonName: "CiscoSystems"},
		{Section: "ROMMON", ImageType: "Production", CommonName: "CiscoSystems"}}}
	fs := only(audit.Evaluate(input(f)), audit.SIG001)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Observed, "SYSTEM IMAGE: Special")
	require.NotContains(t, fs[0].Observed, "ROMMON")
}

func TestSIG001_QuietWhenProduction(t *testing.T) {
	f := cleanFacts()
	f.Integrity = &facts.BootIntegrity{Authenticity: []facts.ImageSignature{{Section: "SYSTEM IMAGE", ImageType: "Production", CommonName: "CiscoSystems"}}}
	require.Empty(t, only(audit.Evaluate(input(f)), audit.SIG001))
}

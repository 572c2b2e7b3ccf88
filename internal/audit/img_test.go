package audit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

func TestIMG001_FiresWhenRunningImageNotApproved(t *testing.T) {
	tests := []struct{ name, image string }{
		{"other-image", "bootflash:cat9k_iosxe.16.12.01.SPA.bin"},
		{"install-mode-not-listed", "bootflash:packages.conf"},
		{"network-boot", "tftp://255.255.255.255/unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := only(audit.Evaluate(input(factsWithImage(tc.image))), audit.IMG001)
			require.Len(t, got, 1)
			require.Equal(t, tc.image, got[0].Observed)
			require.Equal(t, goodImage, got[0].Expected)
			require.True(t, got[0].Escalate)
			require.Contains(t, got[0].EscalationReason, "running image "+tc.image+" is not on the approved list")
		})
	}
}

func TestIMG001_QuietWhen(t *testing.T) {
	noImages := input(factsWithImage("bootflash:x.bin"))
	noImages.Model.Images = nil
	noModel := input(factsWithImage("bootflash:x.bin"))
	noModel.Model = nil
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"approved-with-prefix", input(factsWithImage("bootflash:" + goodImage))},
		{"approved-with-folder", input(factsWithImage("bootflash:/images/" + goodImage))},
		{"approved-bare", input(factsWithImage(goodImage))},
		{"image-not-read", input(factsWithImage(""))},
		{"baseline-without-images", noImages},
		{"no-baseline-model", noModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.IMG001))
		})
	}
}

func TestIMG002_FiresWhenHashDiffers(t *testing.T) {
	bad := strings.Repeat("cd", 64)
	tests := []struct {
		name     string
		src      facts.Source
		evidence string
	}{
		{"device-verify", facts.SourceDevice, "device's own verify /sha512 of bootflash:" + goodImage},
		{"offbox", facts.SourceOffbox, "off-box sha512 of bootflash:" + goodImage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := only(audit.Evaluate(input(factsWithHash("bootflash:"+goodImage, bad, tc.src))), audit.IMG002)
			require.Len(t, got, 1)
			require.Equal(t, audit.Critical, got[0].Severity)
			require.Equal(t, bad, got[0].Observed)
			require.Equal(t, goodSHA, got[0].Expected)
			require.Contains(t, got[0].Evidence, tc.evidence)
			require.True(t, got[0].Escalate)
			require.Contains(t, got[0].EscalationReason, "not the approved build")
		})
	}
}

func TestIMG002_QuietWhen(t *testing.T) {
	noModel := input(factsWithHash(goodImage, strings.Repeat("cd", 64), facts.SourceOffbox))
	noModel.Model = nil
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"same-hash", input(factsWithHash("bootflash:"+goodImage, goodSHA, facts.SourceDevice))},
		{"same-hash-upper-case", input(factsWithHash("bootflash:"+goodImage, strings.ToUpper(goodSHA)+"\n", facts.SourceOffbox))},
		{"file-not-in-baseline", input(factsWithHash("bootflash:other.bin", strings.Repeat("cd", 64), facts.SourceOffbox))},
		{"empty-hash", input(factsWithHash("bootflash:"+goodImage, "", facts.SourceDevice))},
		{"no-baseline-model", noModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.IMG002))
		})
	}
}

// versionInput is an Arista EOS / Junos device as its parsers report it: no
// running image path, an OS version, and a baseline whose images name the
// version they install (hand-written values).
func versionInput(osVersion string, versions ...string) audit.Input {
	f := withModel(facts.Facts{})
	f.OSVersion = osVersion
	in := input(f)
	in.Platform = "arista_eos"
	in.Model.Images = nil
	for _, v := range versions {
		in.Model.Images = append(in.Model.Images, baseline.Image{File: "EOS-" + v + ".swi", SHA512: goodSHA, Version: v})
	}
	return in
}

func TestIMG001_FiresWhenRunningVersionNotApproved(t *testing.T) {
	// A different release that is textually close is still different.
	require.Len(t, only(audit.Evaluate(versionInput("17.5.1", "17.5.1a")), audit.IMG001), 1)
	got := only(audit.Evaluate(versionInput("4.27.0F", "4.28.3M", "4.30.1F")), audit.IMG001)
	require.Len(t, got, 1)
	require.Equal(t, "OS version 4.27.0F", got[0].Observed)
	require.Equal(t, "an image of version 4.28.3M, 4.30.1F", got[0].Expected)
	require.Contains(t, got[0].Evidence, "prints no running image path")
	require.True(t, got[0].Escalate)
}

func TestIMG001_QuietWhenRunningVersionApproved(t *testing.T) {
	noVersions := versionInput("4.28.3M")
	noVersions.Model.Images = []baseline.Image{{File: "EOS-4.28.3M.swi", SHA512: goodSHA}}
	for name, in := range map[string]audit.Input{
		"approved":               versionInput("4.28.3M", "4.30.1F", "4.28.3M"),
		"approved-other-case":    versionInput("21.4r3-s5.4", "21.4R3-S5.4"),
		"same-release-zero-pad":  versionInput("17.05.01a", "17.5.1a"), // issue 14: release identity, not text
		"same-release-asa-form":  versionInput("9.16(4)85", "9.16.4.85"),
		"version-not-read":       versionInput("", "4.28.3M"),
		"images-name-no-version": noVersions,
	} {
		t.Run(name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(in), audit.IMG001))
		})
	}
	// Without versions in the baseline, PARSE-001 says IMG-001 did not run;
	// with them it is judged, so PARSE-001 does not say so.
	require.Contains(t, only(audit.Evaluate(noVersions), audit.PARSE001)[0].Observed, "running image (IMG-001 did not run)")
	for _, f := range only(audit.Evaluate(versionInput("4.28.3M", "4.28.3M")), audit.PARSE001) {
		require.NotContains(t, f.Observed, "IMG-001")
	}
}

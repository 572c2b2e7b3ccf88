package audit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/platform"
)

// asaFacts parses testdata/cisco_asa outputs (command → file) with the ASA
// parsers, as an audit would.
func asaFacts(t *testing.T, files map[string]string) facts.Facts {
	t.Helper()
	out := platform.Outputs{}
	for cmd, name := range files {
		b, err := os.ReadFile(filepath.Join("testdata", "cisco_asa", name))
		require.NoError(t, err)
		out[cmd] = string(b)
	}
	f, err := platform.ParseASA(out)
	require.NoError(t, err)
	return f
}

// cleanASA is a Secure Boot ASA5516 on a fixed release with syslog to a
// host and no indicator.
func cleanASA(t *testing.T) facts.Facts {
	return asaFacts(t, map[string]string{
		platform.ASAShowVersion:      "show-version-asa5516-rommon.txt",
		platform.ASAShowModule:       "cisco_asa_show_module_04.raw",
		platform.ASAShowInventory:    "cisco_asa_show_inventory2.raw",
		platform.ASAShowLogging:      "cisco_asa_show_logging_2.raw",
		platform.ASADirDisk0:         "cisco_asa_dir2.raw",
		platform.ASAKernelLinaCS:     "show-kernel-process-lina-cs-clean.txt",
		platform.ASAMemRegionLina:    "show-memory-region-lina-clean.txt",
		platform.ASAShowCrashinfo:    "show-crashinfo-none.txt",
		platform.ASAVerifyText:       "verify-sha-512-text.txt",
		platform.ASACheckheapsRun(1): "show-checkheaps.txt",
		platform.ASACheckheapsRun(2): "show-checkheaps-later.txt",
		platform.ASAAuthRunning:      "show-software-authenticity-running-asa5516.txt",
	})
}

// compromisedASA is a legacy ASA5515 with every indicator the rules know.
func compromisedASA(t *testing.T) facts.Facts {
	return asaFacts(t, map[string]string{
		platform.ASAShowVersion:      "show-version-asa5525-legacy.txt",
		platform.ASAShowModule:       "cisco_asa_show_module_01.raw",
		platform.ASAShowInventory:    "cisco_asa_show_inventory.raw",
		platform.ASAShowLogging:      "show-logging-disabled.txt",
		platform.ASADirDisk0:         "dir-disk0-firmware-update-log.txt",
		platform.ASAKernelLinaCS:     "show-kernel-process-lina-cs-hit.txt",
		platform.ASAMemRegionLina:    "show-memory-region-lina-line-dancer.txt",
		platform.ASAPatternHunt:      "more-binary-system-text-hit.txt",
		platform.ASAShowCrashinfo:    "show-crashinfo-saved.txt",
		platform.ASAVerifyText:       "verify-sha-512-text.txt",
		platform.ASACheckheapsRun(1): "show-checkheaps.txt",
		platform.ASACheckheapsRun(2): "show-checkheaps.txt",
	})
}

var asaNow = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

func asaInput(f facts.Facts) audit.Input {
	return audit.Input{Device: "fw1", Platform: "cisco_asa", Facts: f, Now: asaNow}
}

func TestHW001_FiresOnLegacyModelCriticalPastEndOfSupport(t *testing.T) {
	f := compromisedASA(t)
	require.Equal(t, "ASA5515", f.Model)
	got := only(audit.Evaluate(asaInput(f)), audit.HW001)
	require.Len(t, got, 1)
	require.Equal(t, audit.Critical, got[0].Severity)
	require.True(t, got[0].Escalate)
	require.Contains(t, got[0].Evidence, "last date of support 2022-08-31 (past)")

	in := asaInput(f)
	in.Now = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	got = only(audit.Evaluate(in), audit.HW001)
	require.Len(t, got, 1)
	require.Equal(t, audit.High, got[0].Severity, "before the end of support: high, not critical")
}

func TestHW001_QuietOnSecureBootModelAndOtherPlatforms(t *testing.T) {
	f := cleanASA(t)
	require.Equal(t, "ASA5506", f.Model)
	require.Empty(t, only(audit.Evaluate(asaInput(f)), audit.HW001))
	ios := cleanFacts()
	ios.Model = "ASA5515" // a model string alone, without ASA facts, is not judged
	require.Empty(t, only(audit.Evaluate(input(ios)), audit.HW001))
}

func TestROM006_FiresOnFirmwareUpdateLog(t *testing.T) {
	got := only(audit.Evaluate(asaInput(compromisedASA(t))), audit.ROM006)
	require.Len(t, got, 1)
	require.Equal(t, "disk0:/firmware_update.log", got[0].Observed)
	require.True(t, got[0].Escalate)
	f := cleanASA(t)
	f.Files = append(f.Files, facts.File{Name: "disk0:/FirmwareUpdate.log", Size: 10})
	require.Len(t, only(audit.Evaluate(asaInput(f)), audit.ROM006), 1, "CISA's spelling, any case")
}

func TestROM006_QuietWithoutTheLog(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(asaInput(cleanASA(t))), audit.ROM006))
}

// textModel gives the known-good text digest of 9.16.4.85 on the 5506.
func textModel(sum string) *baseline.Model {
	return &baseline.Model{Pattern: "ASA55*", File: "baselines/cisco_asa.yaml", Line: 3,
		TextSegments: []baseline.TextSegment{{Release: "9.16.4.85", SHA512: sum, Line: 6}}}
}

func TestMEM001_FiresWhenTextSegmentDiffers(t *testing.T) {
	in := asaInput(cleanASA(t))
	in.Model = textModel(strings.Repeat("0", 128))
	got := only(audit.Evaluate(in), audit.MEM001)
	require.Len(t, got, 1)
	require.Equal(t, in.Facts.Firewall.Runtime.TextSHA512, got[0].Observed)
	require.Contains(t, got[0].Evidence, "A match would not have been a clearance")
	require.Contains(t, got[0].Evidence, "baselines/cisco_asa.yaml:6")
}

func TestMEM001_QuietOnMatchOrWithoutValue(t *testing.T) {
	in := asaInput(cleanASA(t))
	in.Model = textModel(in.Facts.Firewall.Runtime.TextSHA512)
	require.Empty(t, only(audit.Evaluate(in), audit.MEM001))
	in.Model = &baseline.Model{Pattern: "ASA55*"}
	require.Empty(t, only(audit.Evaluate(in), audit.MEM001), "no known-good value for the release")
}

func TestMEM002_FiresOnEachIndicator(t *testing.T) {
	got := only(audit.Evaluate(asaInput(compromisedASA(t))), audit.MEM002)
	var observed []string
	for _, f := range got {
		observed = append(observed, f.Observed)
		require.True(t, f.Escalate)
	}
	require.ElementsMatch(t, []string{"lina_cs process running", "2 executable lina regions",
		"CISA implant byte pattern found in system:/text", "checkheaps runs 1234 then 1234"}, observed)
	for _, f := range got {
		if f.Observed == "2 executable lina regions" {
			require.Contains(t, f.Evidence, "exactly 0x1000 bytes")
			require.Equal(t, audit.High, f.Severity)
		}
	}
}

func TestMEM002_QuietOnCleanDevice(t *testing.T) {
	f := cleanASA(t)
	require.True(t, f.Firewall.Runtime.ProcessesRead && f.Firewall.Runtime.RegionsRead, "the indicators were read, not missing")
	require.Empty(t, only(audit.Evaluate(asaInput(f)), audit.MEM002))
}

func TestLOG003_FiresWhenSyslogDisabledOrNoHost(t *testing.T) {
	got := only(audit.Evaluate(asaInput(compromisedASA(t))), audit.LOG003)
	require.Len(t, got, 1)
	require.Equal(t, audit.High, got[0].Severity)
	require.Contains(t, got[0].Evidence, "302013")

	noHost := asaFacts(t, map[string]string{platform.ASAShowVersion: "show-version-asa5516-rommon.txt",
		platform.ASAShowLogging: "cisco_asa_show_logging_4.raw"})
	got = only(audit.Evaluate(asaInput(noHost)), audit.LOG003)
	require.Len(t, got, 1)
	require.Equal(t, audit.Medium, got[0].Severity)
	require.Equal(t, "no remote syslog destination", got[0].Observed)
}

func TestLOG003_QuietWithRemoteSyslogOrNoState(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(asaInput(cleanASA(t))), audit.LOG003))
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.LOG003), "a platform that reports no logging state")
}

func TestCRASH001_FiresOnCrashFilesAndSavedCrash(t *testing.T) {
	got := only(audit.Evaluate(asaInput(compromisedASA(t))), audit.CRASH001)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Evidence, "disk0:/crashinfo_20260421_030111_UTC")
	require.Contains(t, got[0].Evidence, "Thread Name: ci/console")
}

func TestCRASH001_QuietWithoutCrash(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(asaInput(cleanASA(t))), audit.CRASH001))
	ios := cleanFacts()
	ios.LastReloadReason = "System returned to ROM by bus error" // not judged without ASA facts
	require.Empty(t, only(audit.Evaluate(input(ios)), audit.CRASH001))
}

func shippedAdvisories(t *testing.T) *baseline.Advisories {
	a, err := baseline.LoadAdvisories(filepath.Join("..", "..", "baselines", "advisories"),
		baseline.LoadOptions{KnownPlatforms: []string{"cisco_asa", "cisco_ftd"}})
	require.NoError(t, err)
	return a
}

func TestADV001_FiresBelowFirstFixed(t *testing.T) {
	in := asaInput(compromisedASA(t)) // 9.12(4)67
	in.Advisories = shippedAdvisories(t)
	got := only(audit.Evaluate(in), audit.ADV001)
	require.Len(t, got, 1)
	require.Equal(t, audit.Critical, got[0].Severity)
	require.Equal(t, "9.12.4.67 (printed 9.12(4)67)", got[0].Observed)
	require.Contains(t, got[0].Evidence, "cisco-er-asaftd-continued-attacks (CVE-2025-20333, CVE-2025-20362, CVE-2025-20363)")
	require.Contains(t, got[0].Evidence, "first fixed release 9.12.4.72")

	corpus := asaFacts(t, map[string]string{platform.ASAShowVersion: "cisco_asa_show_version4.raw"}) // 9.16(3)19
	in.Facts = corpus
	got = only(audit.Evaluate(in), audit.ADV001)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Evidence, "first fixed release 9.16.4.85")

	old := asaFacts(t, map[string]string{platform.ASAShowVersion: "cisco_asa_show_version3.raw"}) // 9.9(2)32
	in.Facts = old
	got = only(audit.Evaluate(in), audit.ADV001)
	require.Len(t, got, 1, "a train the feed does not list is said, not skipped")
	require.Equal(t, audit.Medium, got[0].Severity)
	require.Contains(t, got[0].Evidence, "cannot say whether it is affected")
}

func TestADV001_QuietAtFirstFixedAndOnOtherPlatforms(t *testing.T) {
	in := asaInput(cleanASA(t)) // 9.16(4)85, the first fixed release of 9.16
	in.Advisories = shippedAdvisories(t)
	require.Empty(t, only(audit.Evaluate(in), audit.ADV001))
	ios := input(cleanFacts())
	ios.Advisories = in.Advisories
	require.Empty(t, only(audit.Evaluate(ios), audit.ADV001), "the feed names no cisco_iosxe advisory")
}

func TestSIG001_FiresOnASADevelopmentImage(t *testing.T) {
	f := cleanASA(t)
	f.Firewall.Signer.ImageType = "Development"
	got := only(audit.Evaluate(asaInput(f)), audit.SIG001)
	require.Len(t, got, 1)
	require.Equal(t, "running image: Development / CiscoSystems", got[0].Observed)
	require.Contains(t, got[0].Evidence, `common name "abraxas"`)
}

func TestSIG001_QuietOnASAReleaseImage(t *testing.T) {
	f := cleanASA(t)
	require.Equal(t, "Release", f.Firewall.Signer.ImageType, "parsed from the guide's ASA5516 output")
	require.Empty(t, only(audit.Evaluate(asaInput(f)), audit.SIG001))
}

func TestBOOT002_QuietOnASADefaultRegister(t *testing.T) {
	f := cleanASA(t)
	require.Equal(t, "0x1", f.Boot.ConfigRegister)
	require.Empty(t, only(audit.Evaluate(asaInput(f)), audit.BOOT002), "0x1 is the ASA's normal register, not IOS's 0x2102")
}

func TestBOOT002_FiresOnASAIgnoreConfigRegister(t *testing.T) {
	got := only(audit.Evaluate(asaInput(compromisedASA(t))), audit.BOOT002)
	require.Len(t, got, 1, "0x41 now; 0x1 at next reload is fine")
	require.Equal(t, "0x41", got[0].Observed)
	require.Equal(t, "0x1", got[0].Expected)
	require.True(t, got[0].Escalate, "0x41 ignores the startup configuration")
}

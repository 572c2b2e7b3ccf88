package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
)

// asaGoldens maps fixture slug prefixes under testdata/cisco_asa/ to their
// parser. Every fixture must be claimed by one.
var asaGoldens = []struct {
	prefix string
	parse  func(string) (any, error)
}{
	{"show-version", func(s string) (any, error) { return ParseASAShowVersion(s) }},
	{"show-bootvar", func(s string) (any, error) { return ParseASABootvar(s) }},
	{"show-running-config-boot", func(s string) (any, error) { return ParseASARunningBoot(s) }},
	{"show-software-authenticity-running", func(s string) (any, error) { return ParseASAAuthenticity(s) }},
	{"show-software-authenticity-keys", func(s string) (any, error) { return ParseASAAuthenticityKeys(s) }},
	{"verify-sha-512", func(s string) (any, error) { return ParseASAVerify(s) }},
	{"show-kernel-process", func(s string) (any, error) { return ParseASAKernelProcesses(s) }},
	{"show-memory-region", func(s string) (any, error) { return ParseASAMemoryRegions(s) }},
	{"show-checkheaps", func(s string) (any, error) { return ParseASACheckheaps(s) }},
	{"show-mode-", func(s string) (any, error) { return ParseASAShowMode(s) }},
	{"show-module-", func(s string) (any, error) { return ParseASAShowModule(s) }},
	{"show-crashinfo", func(s string) (any, error) { return ParseASACrashinfo(s) }},
	{"show-logging", func(s string) (any, error) { return ParseASALogging(s) }},
	{"dir", func(s string) (any, error) { return ParseASADir(s) }},
	{"more-binary", func(s string) (any, error) { return ParseASAPatternHunt(s) }},
	{"changeto-system", func(s string) (any, error) { return "system", ParseASAChangeto(s) }},
}

func TestGoldenCiscoASA(t *testing.T) {
	all, err := filepath.Glob(filepath.Join("testdata", "cisco_asa", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, all)
	used := 0
	for _, g := range asaGoldens {
		paths, err := filepath.Glob(filepath.Join("testdata", "cisco_asa", g.prefix+"*.txt"))
		require.NoError(t, err)
		require.NotEmpty(t, paths, g.prefix)
		for _, path := range paths {
			used++
			t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
				in, err := os.ReadFile(path)
				require.NoError(t, err)
				v, err := g.parse(string(in))
				res := goldenResult{Parsed: v}
				if err != nil {
					res.Error = err.Error()
				}
				golden.AssertJSON(t, strings.TrimSuffix(path, ".txt")+".golden.json", res)
			})
		}
	}
	require.Equal(t, len(all), used, "every testdata/cisco_asa fixture needs a parser in asaGoldens")
}

// asaDevice reads fixtures as the outputs of one audit.
func asaDevice(t testing.TB, files map[string]string) Outputs {
	t.Helper()
	out := Outputs{}
	for cmd, name := range files {
		path := filepath.Join("testdata", "cisco_asa", name)
		if strings.HasPrefix(name, "corpus/") {
			path = filepath.Join("testdata", name)
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		out[cmd] = string(b)
	}
	return out
}

// asaDevices are whole audits built from the fixtures and corpus outputs:
// a clean Secure Boot 5516 and a compromised legacy 5525.
var asaDevices = map[string]map[string]string{
	"parse-asa5516-clean": {
		ASAShowVersion:      "show-version-asa5516-rommon.txt",
		ASAShowModule:       "corpus/cisco_asa/show_module/cisco_asa_show_module_04.raw",
		ASAShowInventory:    "corpus/cisco_asa/show_inventory/cisco_asa_show_inventory2.raw",
		ASAShowLogging:      "corpus/cisco_asa/show_logging/cisco_asa_show_logging_2.raw",
		ASAShowBootvar:      "show-bootvar-empty-current.txt",
		ASAAuthRunning:      "show-software-authenticity-running-asa5516.txt",
		ASAShowMode:         "show-mode-single.txt",
		ASAKernelLinaCS:     "show-kernel-process-lina-cs-clean.txt",
		ASAMemRegionLina:    "show-memory-region-lina-clean.txt",
		ASAShowCrashinfo:    "show-crashinfo-none.txt",
		ASADirDisk0:         "corpus/cisco_asa/dir/cisco_asa_dir2.raw",
		ASAVerifyText:       "verify-sha-512-text.txt",
		ASACheckheapsRun(1): "show-checkheaps.txt",
	},
	"parse-asa5525-compromised": {
		ASAShowVersion:      "show-version-asa5525-legacy.txt",
		ASAShowModule:       "corpus/cisco_asa/show_module/cisco_asa_show_module_01.raw",
		ASAShowInventory:    "corpus/cisco_asa/show_inventory/cisco_asa_show_inventory.raw",
		ASAShowLogging:      "show-logging-disabled.txt",
		ASAShowRunBoot:      "show-running-config-boot.txt",
		ASAShowMode:         "show-mode-multiple.txt",
		ASAChangetoSystem:   "changeto-system.txt",
		ASAKernelLinaCS:     "show-kernel-process-lina-cs-hit.txt",
		ASAMemRegionLina:    "show-memory-region-lina-line-dancer.txt",
		ASAShowCrashinfo:    "show-crashinfo-saved.txt",
		ASADirDisk0:         "dir-disk0-firmware-update-log.txt",
		ASAVerifyText:       "verify-sha-512-error.txt",
		ASAVerifyTextMemory: "verify-sha-512-next-line-space.txt",
		ASAPatternHunt:      "more-binary-system-text-hit.txt",
		ASACheckheapsRun(1): "show-checkheaps.txt",
		ASACheckheapsRun(2): "show-checkheaps.txt",
		"verify /sha-512 disk0:/asa9-16-4-85-lfbff-k8.SPA": "verify-sha-512-wrapped.txt",
	},
}

func TestGoldenParseASA(t *testing.T) {
	for name, files := range asaDevices {
		t.Run(name, func(t *testing.T) {
			fa, err := ParseASA(asaDevice(t, files))
			res := goldenResult{Parsed: fa}
			if err != nil {
				res.Error = err.Error()
			}
			golden.AssertJSON(t, filepath.Join("testdata", "cisco_asa_parse", name+".golden.json"), res)
		})
	}
}

package audit_test

import (
	"fmt"
	"strings"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

const (
	goodROM   = "17.9.1r[FC2]"
	goodImage = "cat9k_iosxe.17.09.04a.SPA.bin"
)

var goodSHA = strings.Repeat("ab", 64)

// testModel is the baseline model every rule test runs against.
func testModel() *baseline.Model {
	return &baseline.Model{
		Pattern:        "C9300-*",
		ROMMON:         &baseline.ROMMON{Approved: []string{goodROM, "17.6.1r[FC2]"}},
		Images:         []baseline.Image{{File: goodImage, SHA512: goodSHA, Size: 8388608}},
		ConfigRegister: []string{"0x102", "0x2102"},
		File:           "baselines/iosxe.yaml",
		Line:           4,
	}
}

// input wraps facts for the test model's device.
func input(f facts.Facts) audit.Input {
	return audit.Input{Device: "sw1", Platform: "cisco_iosxe", Facts: f, Model: testModel(), HasBaseline: true}
}

// withModel returns f with a model name, so it does not count as "nothing parsed".
func withModel(f facts.Facts) facts.Facts {
	f.Model = "C9300-48P"
	return f
}

func factsWithROMMON(versions ...string) facts.Facts {
	f := withModel(facts.Facts{})
	for i, v := range versions {
		f.ROMMON = append(f.ROMMON, facts.Component{Name: fmt.Sprintf("R%d", i), Version: v,
			Source: facts.SourceCLI, Origin: fmt.Sprintf("show rom-monitor r%d", i)})
	}
	return f
}

func factsWithImage(path string) facts.Facts {
	f := withModel(facts.Facts{})
	f.Image = path
	return f
}

func factsWithBoot(entries ...string) facts.Facts {
	f := withModel(facts.Facts{})
	f.Boot.System = entries
	return f
}

func factsWithRegister(now, next string) facts.Facts {
	f := withModel(facts.Facts{})
	f.Boot.ConfigRegister, f.Boot.ConfigRegisterNext = now, next
	return f
}

func factsWithHash(file, sha string, src facts.Source) facts.Facts {
	f := withModel(facts.Facts{})
	f.ImageHashes = []facts.ImageHash{{File: file, SHA512: sha, Source: src}}
	return f
}

// cleanFacts is a device that matches testModel in every respect; it
// booted 100 days ago, before the first-sight lookback.
func cleanFacts() facts.Facts {
	return facts.Facts{
		Hostname: "sw1", Model: "C9300-48P", Serial: "FOC1234X0AB", OSVersion: "17.09.04a",
		Image:  "bootflash:" + goodImage,
		ROMMON: []facts.Component{{Name: "R0", Version: goodROM, Source: facts.SourceCLI, Origin: "show version"}},
		Boot:   facts.BootConfig{System: []string{"bootflash:" + goodImage}, ConfigRegister: "0x102"},
		ImageHashes: []facts.ImageHash{
			{File: "bootflash:" + goodImage, SHA512: goodSHA, Source: facts.SourceDevice},
			{File: "bootflash:" + goodImage, SHA512: strings.ToUpper(goodSHA), Source: facts.SourceOffbox},
		},
		UptimeSeconds: 100 * 86400, HostKeySHA256: "SHA256:abc",
	}
}

// only keeps the findings of one rule.
func only(fs []audit.Finding, rule string) []audit.Finding {
	var out []audit.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

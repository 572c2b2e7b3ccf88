package lab

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// ASASpec are the Cisco ASA faults and modes of a simulated device (inline
// in DeviceSpec, read from the device entry only). Left empty the ASA is
// clean and in single-context mode.
type ASASpec struct {
	// ASAMode is the security context mode: single (default) or multiple.
	// In multiple mode a session starts in the admin context (fw/admin#),
	// where the hardware commands are refused, until `changeto system`.
	ASAMode string `yaml:"asa_mode"`
	// ASALinaCS runs a lina_cs process (FIRESTARTER).
	ASALinaCS bool `yaml:"asa_lina_cs"`
	// ASALinaRegions is the number of executable lina regions (Line
	// Dancer maps a second one); default 1.
	ASALinaRegions int `yaml:"asa_lina_regions"`
	// ASAPatternHit makes CISA's byte-pattern hunt on system:/text match.
	ASAPatternHit bool `yaml:"asa_pattern_hit"`
	// ASACheckheapsStuck freezes the checkheaps run counter (the lab's
	// checkheaps otherwise runs once a second, so a short interval moves it).
	ASACheckheapsStuck bool `yaml:"asa_checkheaps_stuck"`
	// ASACrash saves a crash: show crashinfo prints it and disk0: has a
	// crashinfo file.
	ASACrash bool `yaml:"asa_crash"`
	// ASALoggingDisabled turns syslog off (show logging: disabled).
	ASALoggingDisabled bool `yaml:"asa_logging_disabled"`
	// ASATextSeed is what the running text segment hashes as; default the
	// known-good value of the model and release (ASATextSHA512).
	ASATextSeed string `yaml:"asa_text_seed"`
	// ASAFTD makes the device a Firepower Threat Defense on ASA hardware:
	// show version starts with FTD's firepower banner (then the ASA lines
	// its diagnostic CLI prints too) and SNMP names FTD. FTDVersion is
	// the FTD release printed (default 7.0.8).
	ASAFTD     bool   `yaml:"asa_ftd"`
	FTDVersion string `yaml:"ftd_version"`
}

// asaLab is the Cisco ASA 5500-X. Its SCP server (`ssh scopy enable`)
// serves disk0: under its CLI name; the lab's SFTP server does the same.
var asaLab = labPlatform{outputs: asaOutputs, commands: asaCommands, rejection: asaRejection, served: cliServed("disk0:"),
	sysDescr: func(s DeviceSpec) string {
		if s.ASAFTD {
			return "Cisco Firepower Threat Defense, Version " + cmpOr(s.FTDVersion, "7.0.8") + " (Build 174), ASA Version " + s.OSVersion
		}
		return "Cisco Adaptive Security Appliance Version " + s.OSVersion
	},
	sysObjectID: ".1.3.6.1.4.1.9.1.2132"}

// asaRejection is the ASA's answer to a command it lacks.
const asaRejection = "                  ^\nERROR: % Invalid input detected at '^' marker.\n"

// asaCommands are the ASA's own commands (the shared table has the rest,
// answered from asaOutputs).
var asaCommands = []*command{
	{words: []string{"show", "mode"}, priv: true, run: asaShowMode},
	{words: []string{"changeto"}, minArgs: 1, maxArgs: 2, priv: true, act: actChangeto},
	{words: []string{"show", "running-config", "boot"}, priv: true, run: asaShowRunBoot},
	{words: []string{"show", "software", "authenticity", "keys"}, priv: true, run: asaHW(asaAuthKeys)},
	{words: []string{"show", "kernel", "process"}, priv: true, run: asaHW(asaKernelProcess)},
	{words: []string{"show", "memory", "region"}, priv: true, run: asaHW(asaMemoryRegion)},
	{words: []string{"show", "crashinfo"}, priv: true, run: asaHW(asaCrashinfo)},
	{words: []string{"show", "checkheaps"}, priv: true, run: asaHW(asaCheckheaps)},
	{words: []string{"more"}, minArgs: 1, maxArgs: 2, priv: true, run: asaHW(asaMore)},
	{words: []string{"terminal", "pager"}, minArgs: 1, maxArgs: 1, act: actTermLength},
}

// asaOutputs simulates the ASA. The ROMMON field is the Fw Version of the
// system module; the image runs from disk0:/.
var asaOutputs = map[string]runFunc{
	"show version":                       asaShowVersion,
	"show module":                        asaHW(asaShowModule),
	"show inventory":                     asaHW(asaShowInventory),
	"show bootvar":                       asaHW(asaShowBootvar),
	"dir":                                asaHW(asaDir),
	"verify":                             asaHW(asaVerify),
	"show software authenticity running": asaHW(asaAuthRunning),
	"show logging":                       asaShowLogging,
}

// asaSecureBoot are the 5500-X models with Secure Boot and Trust Anchor.
var asaSecureBoot = []string{"ASA5506", "ASA5508", "ASA5516"}

func asaHasSecureBoot(model string) bool { return slices.Contains(asaSecureBoot, model) }

// asaDescr is the chassis description show module and show inventory print.
func asaDescr(model string) string {
	if asaHasSecureBoot(model) {
		return strings.Replace(model, "ASA", "ASA ", 1) + "-X with FirePOWER services, 8GE, AC, DC"
	}
	return strings.Replace(model, "ASA", "ASA ", 1) + "-X with SW, 8 GE Data, 1 GE Mgmt, AC"
}

// asaHW refuses a system-level command in a user context of a
// multiple-context ASA, as the admin context does for hardware commands.
func asaHW(fn runFunc) runFunc {
	return func(e *cmdEnv, args []string) string {
		if e.context != "" {
			return asaRejection
		}
		return fn(e, args)
	}
}

// asaRelease prints a dotted release (9.16.4.85) as the ASA does: 9.16(4)85.
func asaRelease(v string) string {
	p := strings.Split(v, ".")
	if len(p) != 4 {
		return v
	}
	return p[0] + "." + p[1] + "(" + p[2] + ")" + p[3]
}

func asaShowMode(e *cmdEnv, _ []string) string {
	if e.p.spec.ASAMode == "multiple" {
		return "Security context mode: multiple\n"
	}
	return "Security context mode: single\n"
}

func asaShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	up := e.p.uptime(e.now)
	mins := int64(up.Minutes())
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	ctx := ""
	if e.context != "" {
		ctx = " <context>"
	}
	if s.ASAFTD { // the FTD forensic guide's show version (cisco-asa.md §2)
		w("-------------------[ %s ]--------------------", s.Hostname)
		w("Model                     : Cisco %s-X Threat Defense (75) Version %s (Build 174)", s.Model, cmpOr(s.FTDVersion, "7.0.8"))
		w("UUID                      : 204173a0-82ca-11f0-84a9-f2dbe0d05857")
		w("LSP version               : lsp-rel-20210503-2107\nVDB version               : 338")
		w("----------------------------------------------------")
	}
	w("\nCisco Adaptive Security Appliance Software Version %s%s", asaRelease(s.OSVersion), ctx)
	w("SSP Operating System Version 2.10(1.3000)\nDevice Manager Version 7.23(1)\n")
	w("Compiled on Thu 14-Aug-25 10:10 GMT by builders")
	w("System image file is \"disk0:/%s\"\nConfig file at boot was \"startup-config\"\n", s.Image)
	w("%s up %d days %d hours %d mins\n", s.Hostname, mins/1440, mins%1440/60, mins%60)
	if e.context == "" {
		if asaHasSecureBoot(s.Model) {
			w("Hardware:   %s, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)", s.Model)
			w("Internal ATA Compact Flash, 8000MB\nBIOS Flash M25P64 @ 0xfed01000, 16384KB\n")
			w("FPGA UPGRADE Version      : 3.0\nFPGA GOLDEN Version       : 3.0\nROMMON Version            : %s\n", s.ROMMON)
		} else {
			w("Hardware:   %s, 8192 MB RAM, CPU Lynnfield 2393 MHz, 1 CPU (4 cores)", s.Model)
			w("Internal ATA Compact Flash, 8192MB\nBIOS Flash MX25L6445E @ 0xffbb0000, 8192KB\n")
		}
		w("Serial Number: %s", s.Serial)
		reg := cmpOr(s.ConfigRegister, "0x1")
		if s.ConfigRegisterNext != "" {
			w("Configuration register is %s (will be %s at next reload)", reg, s.ConfigRegisterNext)
		} else {
			w("Configuration register is %s", reg)
		}
		w("Image type                : %s\nKey Version               : A", cmpOr(s.ImageType, "Release"))
	}
	w("Configuration last modified by admin at 09:40:52.309 UTC Mon Nov 3 2025")
	return b.String()
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// asaModuleNumber is the system module: 1 on 5506/5508/5516, else 0.
func asaModuleNumber(model string) string {
	if asaHasSecureBoot(model) {
		return "1"
	}
	return "0"
}

func asaShowModule(e *cmdEnv, _ []string) string {
	s := e.p.spec
	m := asaModuleNumber(s.Model)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Mod Card Type                                    Model              Serial No.")
	w("--- -------------------------------------------- ------------------ -----------")
	w("%3s %-44.44s %-18s %s\n", m, asaDescr(s.Model), s.Model, s.Serial)
	w("Mod MAC Address Range                 Hw Version   Fw Version   Sw Version")
	w("--- --------------------------------- ------------ ------------ ---------------")
	w("%3s e4d3.f1d0.aaaa to e4d3.f1d0.bbbb  1.0          %-12s %s\n", m, s.ROMMON, asaRelease(s.OSVersion))
	w("Mod SSM Application Name           Status           SSM Application Version")
	w("--- ------------------------------ ---------------- --------------------------\n")
	w("Mod Status             Data Plane Status     Compatibility")
	w("--- ------------------ --------------------- -------------")
	w("%3s Up Sys             Not Applicable", m)
	return b.String()
}

func asaShowInventory(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("Name: \"Chassis\", DESCR: \"%s\"\nPID: %-17s, VID: V03     , SN: %s\n\n", asaDescr(s.Model), s.Model, s.Serial)
}

func asaShowBootvar(e *cmdEnv, _ []string) string {
	s := e.p.spec
	cur := strings.Join(s.Boot, ";")
	grub := ""
	if len(s.Boot) > 0 {
		grub = "(hd0,1)/" + bareFile(s.Boot[0])
	}
	return fmt.Sprintf("\nBOOT variable = %s\nCurrent BOOT variable = %s\nCONFIG_FILE variable =\nCurrent CONFIG_FILE variable =\n", grub, cur)
}

func asaShowRunBoot(e *cmdEnv, _ []string) string {
	var b strings.Builder
	for _, p := range e.p.spec.Boot {
		b.WriteString("boot system " + p + "\n")
	}
	return b.String()
}

// asaCrashFile is the crashinfo file an ASACrash device keeps on disk0:.
const asaCrashFile = "crashinfo_20260421_030111_UTC"

func asaDir(e *cmdEnv, args []string) string {
	recursive := len(args) > 0 && strings.EqualFold(args[0], "/recursive")
	if !recursive && len(args) == 1 && !strings.EqualFold(strings.TrimSuffix(args[0], "/"), "disk0:") {
		return "\nERROR: " + args[0] + ": No such file or directory\n"
	}
	when := e.p.restarted().Add(-72 * 3600e9).Format("15:04:05 Jan 02 2006")
	var b strings.Builder
	if recursive {
		b.WriteString("Directory of disk0:/*\n\n")
	} else {
		b.WriteString("\nDirectory of disk0:/\n\n")
	}
	used, n := int64(0), 0
	for i, f := range e.p.files {
		fmt.Fprintf(&b, "%-6d -rwx  %-12d %s  %s\n", 80+i, f.served(), when, f.Name)
		used += f.served()
		n++
	}
	fmt.Fprintf(&b, "11     drwx  4096         %s  log\n", when)
	if e.p.spec.ASACrash {
		fmt.Fprintf(&b, "113    -rwx  187420       %s  %s\n", when, asaCrashFile)
		used += 187420
		n++
	}
	if recursive {
		fmt.Fprintf(&b, "Directory of disk0:/log\n\n12     -rwx  2048         %s  asa-appagent.log\n", when)
		used += 2048
		n++
	}
	fmt.Fprintf(&b, "\n%d file(s) total size: %d bytes\n8571076608 bytes total (%d bytes free/90%% free)\n", n, used, 8571076608-used)
	return b.String()
}

// asaVerify answers `verify /sha-512 <path>`: the files on disk0: and the
// running text segment (system:/text and system:memory/text).
func asaVerify(e *cmdEnv, args []string) string {
	if !strings.EqualFold(args[0], "/sha-512") || len(args) != 2 {
		return asaRejection
	}
	path := args[1]
	switch strings.ToLower(path) {
	case "system:/text", "system:memory/text":
		return fmt.Sprintf("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!Done!\nverify /SHA-512 (%s) = %s\n", path, asaTextHash(e.p.spec))
	}
	name, ok := strings.CutPrefix(strings.ToLower(path), "disk0:")
	if !ok {
		return fmt.Sprintf("%%Error opening %s (No such file or directory)\n", path)
	}
	name = strings.TrimPrefix(path[len(path)-len(name):], "/")
	for _, f := range e.p.files {
		if f.Name == name {
			return fmt.Sprintf("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!Done!\nverify /SHA-512 (%s) = %s\n", path, f.shown)
		}
	}
	return fmt.Sprintf("%%Error opening %s (No such file or directory)\n", path)
}

// ASATextSHA512 is the known-good hash of a model's running text segment
// at a release in the lab (what a baseline's text_segments entry holds).
func ASATextSHA512(model, release string) string {
	return asaTextSum("fwlab-asa-text:" + model + "/" + release)
}

func asaTextHash(s DeviceSpec) string {
	if s.ASATextSeed != "" {
		return asaTextSum(s.ASATextSeed)
	}
	return ASATextSHA512(s.Model, s.OSVersion)
}

func asaTextSum(seed string) string {
	sum := sha512.Sum512([]byte(seed))
	return hex.EncodeToString(sum[:])
}

func asaAuthRunning(e *cmdEnv, _ []string) string {
	s := e.p.spec
	if !asaHasSecureBoot(s.Model) {
		return "Command is NOT supported on device\n"
	}
	typ, cn := "Release", "abraxas"
	if s.ImageType != "" && s.ImageType != "Release" {
		typ, cn = s.ImageType, "unknown"
	}
	return fmt.Sprintf(`Image type                    : %s
    Signer Information
        Common Name           : %s
        Organization Unit     : NCS_Kenton_ASA
        Organization Name     : CiscoSystems
    Certificate Serial Number : 68AFDEF8
    Hash Algorithm            : SHA2 512
    Signature Algorithm       : 2048-bit RSA
    Key Version               : A
    Verifier Information
        Verifier Name         : ROMMON
        Verifier Version      : Cisco ROMMON,%s
`, typ, cn, s.ROMMON)
}

func asaAuthKeys(e *cmdEnv, _ []string) string {
	if !asaHasSecureBoot(e.p.spec.Model) {
		return "Command is NOT supported on device\n"
	}
	return "Public Key #1 Information\n--------------------------\nKey Type              : Release (Primary)\n" +
		"Public Key Algorithm  : 2048-bit RSA\nModulus :\n\t96:A2:E6:E4:51:4D:4A:B0:F0:EF:DB:41:82:A6:AC:D0:\n" +
		"Exponent              : 65537\nKey Version           : A\n"
}

func asaShowLogging(e *cmdEnv, _ []string) string {
	s := e.p.spec
	if s.ASALoggingDisabled {
		return "Syslog logging: disabled\n    Facility: 20\n    Timestamp logging: disabled\n    Buffer logging: disabled\n" +
			"    Trap logging: disabled\n    History logging: disabled\n    Device ID: disabled\n"
	}
	var b strings.Builder
	b.WriteString("Syslog logging: enabled\n    Facility: 20\n    Timestamp logging: enabled\n    Hide Username logging: disabled\n")
	fmt.Fprintf(&b, "    Buffer logging: level informational, %d messages logged\n", len(s.Logs)+1)
	b.WriteString("    Trap logging: level informational, facility 20, 39294 messages logged\n        Logging to inside 10.10.0.50\n")
	b.WriteString("    Permit-hostdown logging: disabled\n    History logging: disabled\n    Device ID: disabled\n    Mail logging: disabled\n")
	fmt.Fprintf(&b, "%s: %%ASA-5-199005: Startup begin\n", e.p.restarted().Format("Jan 02 2006 15:04:05"))
	for _, l := range s.Logs {
		b.WriteString(strings.TrimRight(l, "\r\n") + "\n")
	}
	return b.String()
}

func asaKernelProcess(e *cmdEnv, _ []string) string {
	var b strings.Builder
	b.WriteString("PID    PPID   PRI NI VSIZE     RSS  WCHAN  STAT RTIME  UTIME STIME  CMD\n")
	b.WriteString("1      0      20  0  4096      680  1      S    0      0     0      init\n")
	b.WriteString("2345   1      20  0  2097152   8800 1      S    12     3500  90     lina\n")
	b.WriteString("2388   1      20  0  65536     900  1      S    0      2     1      lina_monitor\n")
	if e.p.spec.ASALinaCS {
		b.WriteString("68081  29428  20  0  249856    100  1      S    3      0     0      lina_cs\n")
	}
	return b.String()
}

func asaMemoryRegion(e *cmdEnv, _ []string) string {
	var b strings.Builder
	b.WriteString("ADDR                          PERM OFFSET   DEV   INODE      PATHNAME\n")
	b.WriteString("55ab4e000000-55ab52b4b000 r-xp 00000000 00:02 5247       /asa/bin/lina\n")
	b.WriteString("55ab52d4b000-55ab52fb2000 r--p 04b4b000 00:02 5247       /asa/bin/lina\n")
	b.WriteString("55ab52fb2000-55ab53186000 rw-p 04db2000 00:02 5247       /asa/bin/lina\n")
	for i := 1; i < e.p.spec.ASALinaRegions; i++ {
		fmt.Fprintf(&b, "7f3c2a4%02x000-7f3c2a4%02x000 r-xp 00000000 00:02 5247       /asa/bin/lina\n", i, i+1)
	}
	b.WriteString("7f3c2b000000-7f3c2b021000 r-xp 00000000 00:02 4211       /lib64/libc.so.6\n")
	return b.String()
}

func asaCrashinfo(e *cmdEnv, _ []string) string {
	if !e.p.spec.ASACrash {
		return ""
	}
	return ": Saved_Crash\n\nThread Name: ci/console (Old pc 0x001a6ff5 ebp 0x00e88920)\n\nPage fault: Address not mapped\n" +
		"    vector 0x0000000e\nTraceback:\n0: 00007fb2f3e31ab3\n1: 000055e0d5a2c8c4\n"
}

// asaCheckheaps runs once a second in the lab (the real ASA: once a
// minute), so a test interval of two seconds sees the counter move.
func asaCheckheaps(e *cmdEnv, _ []string) string {
	secs := int64(e.p.uptime(e.now).Seconds())
	runs, elapsed := secs, int64(0)
	if e.p.spec.ASACheckheapsStuck {
		runs, elapsed = 1234, secs
	}
	return fmt.Sprintf("Checkheaps stats from buffer validation runs\n--------------------------------------------\n"+
		"Time elapsed since last run     : %d secs\nDuration of last run            : 0 millisecs\n"+
		"Number of buffers validated     : 21196\nNumber of buffer errors         : 0\n"+
		"Number of errors in checkheaps  : 0\nTotal number of runs            : %d\n", elapsed, runs)
}

// asaMore answers `more /binary system:/text` with a hex dump of the text
// segment: lines of code, and CISA's implant pattern when ASAPatternHit.
func asaMore(e *cmdEnv, args []string) string {
	if len(args) != 2 || !strings.EqualFold(args[0], "/binary") || !strings.EqualFold(args[1], "system:/text") {
		return asaRejection
	}
	var b strings.Builder
	b.WriteString("0x0000f3a00: 41574156 41554154 5548895d 4883ec18  AWAVAUATUH.]H...\n")
	b.WriteString("0x0000f3a10: 488b0500 00000048 89442408 31c0e8a1  H......H.D$.1...\n")
	if e.p.spec.ASAPatternHit {
		b.WriteString("0x0000f3a40: 55534154 41554156 41575756 488bb3a0  USATAUAVAWWVH...\n")
	}
	b.WriteString("0x0000f3a50: c3660f1f 44000090 4157b801 000000ba  .f..D...AW......\n")
	return b.String()
}

package lab

import (
	"strings"
	"time"
)

type action int

const (
	actRun action = iota
	actExit
	actEnable
	actDisable
	actTermLength
	actTermWidth
	actChangeto // ASA changeto system | changeto context NAME
)

// command is one CLI command: its keywords (abbreviations allowed), how many
// arguments follow, and whether it needs privileged mode.
type command struct {
	words   []string
	minArgs int
	maxArgs int
	priv    bool
	act     action
	run     func(e *cmdEnv, args []string) string
}

// cmdEnv is what a command's output depends on.
type cmdEnv struct {
	p   *profile
	now time.Time
	// context is the ASA user context the session is in; "" is the system
	// context (or a single-mode ASA, or any other platform).
	context string
}

// commands is the CLI every simulated platform shares: an explicit table,
// read top to bottom; a platform adds its own (labPlatform.commands).
var commands = []*command{
	{words: []string{"show", "version"}, run: onPlatform("show version", showVersion)},
	{words: []string{"show", "version", "detail"}, run: onPlatform("show version detail", nil)},
	{words: []string{"show", "rom-monitor"}, maxArgs: 4, priv: true, run: onPlatform("show rom-monitor", showROMMonitor)},
	{words: []string{"show", "platform"}, priv: true, run: showPlatform},
	{words: []string{"show", "platform", "integrity"}, maxArgs: 3, priv: true, run: showIntegrity},
	{words: []string{"show", "platform", "sudi", "certificate"}, maxArgs: 3, priv: true, run: showSUDI},
	{words: []string{"show", "software", "authenticity", "running"}, priv: true, run: ownOr("show software authenticity running", showAuthenticity)},
	{words: []string{"show", "bootvar"}, priv: true, run: onPlatform("show bootvar", showBootvar)},
	{words: []string{"show", "boot"}, priv: true, run: onPlatform("show boot", showBootvar)},
	{words: []string{"show", "running-config"}, priv: true, run: showRunningConfig},
	{words: []string{"show", "clock"}, run: showClock},
	{words: []string{"show", "logging"}, priv: true, run: ownOr("show logging", showLogging)}, // logging.go
	{words: []string{"dir"}, maxArgs: 2, priv: true, run: onPlatform("dir", dir)},
	{words: []string{"verify"}, minArgs: 2, maxArgs: 3, priv: true, run: onPlatform("verify", verify)},
	// other platforms (platform_*.go); IOS XE rejects them
	{words: []string{"show", "inventory"}, run: onPlatform("show inventory", showInventory)}, // show_install.go
	{words: []string{"show", "romvar"}, priv: true, run: onPlatform("show romvar", showRomvar)},
	{words: []string{"show", "install", "summary"}, run: onPlatform("show install summary", showInstallSummary)},
	{words: []string{"show", "boot-config"}, run: onPlatform("show boot-config", nil)},
	{words: []string{"show", "chassis", "firmware"}, run: onPlatform("show chassis firmware", nil)},
	{words: []string{"show", "chassis", "hardware"}, run: onPlatform("show chassis hardware", nil)},
	{words: []string{"file", "list"}, maxArgs: 2, run: onPlatform("file list", nil)},
	{words: []string{"file", "checksum"}, minArgs: 2, maxArgs: 2, run: onPlatform("file checksum", nil)},
	{words: []string{"show", "module"}, run: onPlatform("show module", nil)},
	{words: []string{"show", "file"}, minArgs: 2, maxArgs: 2, priv: true, run: onPlatform("show file", nil)},
	{words: []string{"show", "hw-module", "fpd"}, run: onPlatform("show hw-module fpd", nil)},
	{words: []string{"show", "install", "active"}, run: onPlatform("show install active", nil)},
	{words: []string{"show", "system", "uptime"}, run: onPlatform("show system uptime", nil)},
	{words: []string{"set", "cli", "screen-length"}, minArgs: 1, maxArgs: 1, act: actTermLength},
	{words: []string{"set", "cli", "screen-width"}, minArgs: 1, maxArgs: 1, act: actTermWidth},
	{words: []string{"set", "cli", "complete-on-space"}, minArgs: 1, maxArgs: 1, run: silent},
	{words: []string{"terminal", "length"}, minArgs: 1, maxArgs: 1, act: actTermLength},
	{words: []string{"terminal", "width"}, minArgs: 1, maxArgs: 1, act: actTermWidth},
	{words: []string{"enable"}, act: actEnable},
	{words: []string{"disable"}, act: actDisable},
	{words: []string{"exit"}, act: actExit},
	{words: []string{"logout"}, act: actExit},
	{words: []string{"quit"}, act: actExit},
}

// parsed is one command line, matched against the table.
type parsed struct {
	cmd    *command
	args   []string
	argIdx int      // index of the first argument in toks
	pipeTo []string // after "|"
	err    string   // IOS error text, when the line is not a command
	toks   []string
	offs   []int // offset of each token in the line
	prompt string
}

// parse matches line against table (the commands a platform has).
func parse(line, prompt string, table []*command) parsed {
	r := parsed{prompt: prompt}
	r.toks, r.offs = tokens(line)
	for i, t := range r.toks {
		if t == "|" {
			r.pipeTo = r.toks[i+1:]
			r.toks, r.offs = r.toks[:i], r.offs[:i]
			break
		}
	}
	if len(r.toks) == 0 {
		return r
	}
	cands := table
	for i := 0; ; i++ {
		if i == len(r.toks) {
			for _, c := range cands {
				if len(c.words) == i && c.minArgs == 0 {
					r.cmd, r.argIdx = c, i
					return r
				}
			}
			r.err = "% Incomplete command.\n\n"
			return r
		}
		tok := strings.ToLower(r.toks[i])
		var next, exact []*command
		for _, c := range cands {
			if len(c.words) > i && strings.HasPrefix(c.words[i], tok) {
				next = append(next, c)
				if c.words[i] == tok {
					exact = append(exact, c)
				}
			}
		}
		if len(exact) > 0 {
			next = exact
		}
		if len(next) == 0 {
			for _, c := range cands {
				n := len(r.toks) - i
				if len(c.words) == i && n >= c.minArgs && n <= c.maxArgs {
					r.cmd, r.args, r.argIdx = c, r.toks[i:], i
					return r
				}
			}
			r.err = r.invalid(i)
			return r
		}
		if distinctWord(next, i) > 1 {
			r.err = "% Ambiguous command:  \"" + strings.Join(r.toks, " ") + "\"\n"
			return r
		}
		cands = next
	}
}

func distinctWord(cs []*command, i int) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.words[i]] = true
	}
	return len(seen)
}

// invalid is the IOS error with the caret under token i.
func (r parsed) invalid(i int) string {
	off := len(r.prompt)
	if i < len(r.offs) {
		off += r.offs[i]
	}
	return strings.Repeat(" ", off) + "^\n% Invalid input detected at '^' marker.\n\n"
}

func tokens(line string) ([]string, []int) {
	var toks []string
	var offs []int
	start := -1
	for i := 0; i <= len(line); i++ {
		space := i == len(line) || line[i] == ' ' || line[i] == '\t'
		switch {
		case !space && start < 0:
			start = i
		case space && start >= 0:
			toks = append(toks, line[start:i])
			offs = append(offs, start)
			start = -1
		}
	}
	return toks, offs
}

package platform

import (
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
)

// ParseASAShowMode parses `show mode`: "Security context mode: single" or
// "… multiple"; it returns "single" or "multiple".
func ParseASAShowMode(s string) (string, error) {
	mode := ""
	eachLine(s, func(line string) bool {
		if rest, ok := cutPrefixFold(strings.TrimSpace(limit(line)), "Security context mode:"); ok {
			switch m := strings.ToLower(firstToken(rest)); m {
			case "single", "multiple":
				mode = m
			}
			return false
		}
		return true
	})
	if mode == "" {
		if asaUnsupported(s) {
			return "", fmt.Errorf("parse show mode: %w", ErrUnsupported)
		}
		return "", fmt.Errorf("parse show mode: %w: no \"Security context mode:\" line", ErrUnrecognized)
	}
	return mode, nil
}

// ParseASAChangeto reads the answer to `changeto system`: nothing (the
// prompt becomes host#) is success; an ERROR line (single mode, no
// privilege) is ErrUnsupported, any other text ErrUnrecognized — either
// way the platform checks did not run in the system context.
func ParseASAChangeto(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if asaUnsupported(s) || strings.Contains(s, "ERROR") {
		return fmt.Errorf("parse changeto system: %w", ErrUnsupported)
	}
	return fmt.Errorf("parse changeto system: %w: unexpected answer", ErrUnrecognized)
}

// ParseASAKernelProcesses parses `show kernel process | include lina_cs`:
// every line naming lina_cs is returned (FIRESTARTER: any output is a
// compromise, Cisco). An empty output is a clean answer, not an error; a
// rejected command or lines that do not name lina_cs (the filter did not
// run) are errors, so the indicator is not taken as read.
func ParseASAKernelProcesses(s string) ([]string, error) {
	var hits []string
	other := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		switch {
		case t == "":
		case strings.Contains(t, "lina_cs"):
			if len(hits) < maxComponents {
				hits = append(hits, field(strings.Join(strings.Fields(t), " ")))
			}
		default:
			other = true
		}
		return true
	})
	if other && len(hits) == 0 {
		if asaUnsupported(s) || strings.Contains(s, "ERROR") {
			return nil, fmt.Errorf("parse show kernel process: %w", ErrUnsupported)
		}
		return nil, fmt.Errorf("parse show kernel process: %w: lines without lina_cs (filter not applied)", ErrUnrecognized)
	}
	return hits, nil
}

// ParseASAMemoryRegions parses `show memory region | include lina`, lines
// in the /proc/<pid>/maps shape the ASA prints:
//
//	55ab4e000000-55ab52b4b000 r-xp 00000000 00:02 5247    /asa/bin/lina
//
// Only lines whose path ends in "lina" are kept. An empty output is an
// answer with no lina region (itself odd on a running ASA: the caller
// decides).
func ParseASAMemoryRegions(s string) ([]facts.MemRegion, error) {
	var out []facts.MemRegion
	other := false
	eachLine(s, func(line string) bool {
		f := strings.Fields(limit(line))
		if len(f) == 0 {
			return true
		}
		start, end, ok := strings.Cut(f[0], "-")
		if !ok || len(f) < 2 || len(f[1]) != 4 || !isHex(strings.ToLower(start)) || !isHex(strings.ToLower(end)) {
			if strings.Contains(line, "lina") && !strings.HasPrefix(strings.TrimSpace(line), "ADDR") {
				other = true
			}
			return true
		}
		path := ""
		if len(f) >= 6 {
			path = f[len(f)-1]
		}
		if !strings.HasSuffix(path, "lina") || len(out) >= maxComponents {
			return true
		}
		r := facts.MemRegion{Start: field(strings.ToLower(start)), End: field(strings.ToLower(end)), Perms: field(f[1]), Path: field(path)}
		a, errA := strconv.ParseUint(start, 16, 64)
		b, errB := strconv.ParseUint(end, 16, 64)
		if errA == nil && errB == nil && b > a && b-a < 1<<62 {
			r.Size = int64(b - a)
		}
		out = append(out, r)
		return true
	})
	if len(out) == 0 && (other || asaUnsupported(s)) {
		return nil, fmt.Errorf("parse show memory region: %w: lina lines not in the region format", ErrUnrecognized)
	}
	return out, nil
}

// ParseASACheckheaps parses `show checkheaps`:
//
//	Checkheaps stats from buffer validation runs
//	--------------------------------------------
//	Time elapsed since last run     : 42 secs
//	Duration of last run            : 0 millisecs
//	Number of buffers validated     : 21196
//	Number of buffer errors         : 0
//	Number of errors in checkheaps  : 0
//	Total number of runs            : 1234
//
// The "Total number of runs" line is required (CISA's check reads it).
func ParseASACheckheaps(s string) (facts.Checkheaps, error) {
	var c facts.Checkheaps
	found := false
	eachLine(s, func(line string) bool {
		key, val, ok := strings.Cut(strings.TrimSpace(limit(line)), ":")
		if !ok {
			return true
		}
		n, err := strconv.ParseInt(firstToken(val), 10, 64)
		if err != nil || n < 0 {
			return true
		}
		switch strings.ToLower(strings.Join(strings.Fields(key), " ")) {
		case "total number of runs":
			c.Runs, found = n, true
		case "time elapsed since last run":
			c.ElapsedSecs = n
		case "number of buffer errors":
			c.BufferErrors = n
		case "number of errors in checkheaps":
			c.CheckErrors = n
		case "number of buffers validated":
			c.ValidatedBufs = n
		}
		return true
	})
	if !found {
		if asaUnsupported(s) {
			return c, fmt.Errorf("parse show checkheaps: %w", ErrUnsupported)
		}
		return c, fmt.Errorf("parse show checkheaps: %w: no \"Total number of runs\" line", ErrUnrecognized)
	}
	return c, nil
}

// ParseASACrashinfo parses `show crashinfo`. A saved crash starts with
// ": Saved_Crash" and holds "Thread Name:" and a "Traceback:"; its summary
// is the Thread Name line and the reason line that follows it. An empty
// output, or a line saying no crash is saved, is "none". The output shape
// is unconfirmed on current releases (reference §5 ASA-050 [K]): anything
// else is ErrUnrecognized, never "none".
func ParseASACrashinfo(s string) (facts.Crash, error) {
	var c facts.Crash
	if strings.TrimSpace(s) == "" {
		c.Crashinfo = "none"
		return c, nil
	}
	wantReason := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		l := strings.ToLower(t)
		switch {
		case strings.HasPrefix(t, ": Saved_Crash") || strings.HasPrefix(t, "Traceback:"):
			c.Crashinfo = "present"
		case strings.HasPrefix(t, "Thread Name:"):
			c.Crashinfo = "present"
			c.Summary = append(c.Summary, field(t))
			wantReason = true
			return true
		case wantReason && t != "":
			c.Summary = append(c.Summary, field(t))
			wantReason = false
		case c.Crashinfo == "" && (strings.Contains(l, "no crash") || strings.Contains(l, "crashinfo is not available")):
			c.Crashinfo = "none"
		}
		return len(c.Summary) < 4
	})
	if c.Crashinfo == "" {
		if asaUnsupported(s) {
			return c, fmt.Errorf("parse show crashinfo: %w", ErrUnsupported)
		}
		return c, fmt.Errorf("parse show crashinfo: %w: neither a saved crash nor \"no crash\"", ErrUnrecognized)
	}
	return c, nil
}

// ParseASAPatternHunt parses CISA's `more /binary system:/text | grep …`:
// every non-empty line is a hit. A rejected command is an error (not read).
func ParseASAPatternHunt(s string) ([]string, error) {
	if asaUnsupported(s) {
		return nil, fmt.Errorf("parse more /binary system:/text: %w", ErrUnsupported)
	}
	var hits []string
	eachLine(s, func(line string) bool {
		if t := strings.TrimSpace(limit(line)); t != "" && len(hits) < maxComponents {
			hits = append(hits, field(t))
		}
		return true
	})
	return hits, nil
}

// asaRuntimeFacts fills the context and the runtime indicators.
func asaRuntimeFacts(out Outputs, f *facts.Facts, fw *facts.Firewall, keep func(error, bool) bool) {
	if s, ok := out[ASAShowMode]; ok {
		m, err := ParseASAShowMode(s)
		if keep(err, true) {
			fw.ContextMode = m
		}
	}
	if s, ok := out[ASAChangetoSystem]; ok && fw.ContextMode == "multiple" {
		if err := ParseASAChangeto(s); keep(err, true) {
			fw.Context = "system"
		}
	}
	rt := &fw.Runtime
	if s, ok := out[ASAKernelLinaCS]; ok {
		p, err := ParseASAKernelProcesses(s)
		rt.ProcessesRead = keep(err, true)
		rt.Processes = p
	}
	if s, ok := out[ASAMemRegionLina]; ok {
		r, err := ParseASAMemoryRegions(s)
		rt.RegionsRead = keep(err, true)
		rt.Regions = r
	}
	if s, ok := out[ASAPatternHunt]; ok {
		h, err := ParseASAPatternHunt(s)
		rt.PatternRead = keep(err, true)
		rt.PatternHits = h
	}
	// system:/text, else the system:memory/text fallback; an error counts
	// only when neither path gave a hash.
	var textErrs []error
	for _, cmd := range []string{ASAVerifyText, ASAVerifyTextMemory} {
		if s, ok := out[cmd]; ok && rt.TextSHA512 == "" {
			h, err := ParseASAVerify(s)
			if err != nil {
				textErrs = append(textErrs, err)
				continue
			}
			rt.TextSHA512, rt.TextPath = h.SHA512, h.File
		}
	}
	if rt.TextSHA512 == "" {
		for _, err := range textErrs {
			keep(err, true)
		}
	}
	for n := 1; n <= maxCheckheapsRuns; n++ {
		s, ok := out[ASACheckheapsRun(n)]
		if !ok {
			break
		}
		c, err := ParseASACheckheaps(s)
		if keep(err, true) {
			c.Origin = ASACheckheapsRun(n)
			rt.Checkheaps = append(rt.Checkheaps, c)
		}
	}
	if s, ok := out[ASAShowCrashinfo]; ok {
		c, err := ParseASACrashinfo(s)
		if keep(err, true) {
			if fw.Crash == nil {
				fw.Crash = &facts.Crash{}
			}
			fw.Crash.Crashinfo, fw.Crash.Summary = c.Crashinfo, c.Summary
		}
	}
}

package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// What a rule asks the plan to do. Rules not listed here need investigation
// only (Plan.Manual).
var (
	rommonRules   = []string{audit.ROM001, audit.ROM002, audit.ROM003, audit.ROM004, audit.ROM005, audit.BIV001}
	imageRules    = []string{audit.IMG001, audit.IMG002, audit.BOOT001, audit.IMG005, audit.IMG006, audit.BOOT003, audit.IMG003, audit.IMG004, audit.BIV001, audit.ADV001} // ADV-001: upgrade to the approved (fixed) image
	registerRules = []string{audit.BOOT002, audit.BOOT003}
	quietRules    = []string{audit.BASE001, audit.PLAT001} // info only: nothing to revert, nothing to investigate
)

// target is what every recipe function gets: the input, the options and
// the decisions Build made (names checked safe for a command line).
type target struct {
	Input
	opts   Options
	now    time.Time
	inputs *[]string
	image  *baseline.Image // the approved image the device must boot; nil without images in the baseline
}

// Build makes the plan of one device. A device with no revertable or
// investigable finding gets an empty plan. Build never talks to a device.
func Build(in Input, opts Options) Plan {
	p := Plan{Device: in.Device, Platform: in.Platform, Model: in.Facts.Model,
		Rules: []string{}, Containment: []Option{}, Steps: []Step{}, Manual: []string{}, Inputs: []string{}}
	if in.Model != nil {
		p.Baseline = where(in.Model)
	}
	want := map[string][]string{} // action -> rules
	for _, f := range in.Findings {
		switch {
		case slices.Contains(quietRules, f.Rule):
		case slices.Contains(rommonRules, f.Rule) || slices.Contains(imageRules, f.Rule) || slices.Contains(registerRules, f.Rule):
			for action, rules := range map[string][]string{"rommon": rommonRules, "image": imageRules, "register": registerRules} {
				if slices.Contains(rules, f.Rule) && !slices.Contains(want[action], f.Rule) {
					want[action] = append(want[action], f.Rule)
				}
			}
			if !slices.Contains(p.Rules, f.Rule) {
				p.Rules = append(p.Rules, f.Rule)
			}
		case f.Severity != audit.Info:
			p.Manual = append(p.Manual, fmt.Sprintf("%s %s: investigate; no command reverts it", f.Rule, f.Title))
		}
	}
	if len(want) == 0 && len(p.Manual) == 0 {
		return p
	}
	r, ok := recipeOf(in.Platform)
	if !ok {
		p.Manual = append(p.Manual, fmt.Sprintf("platform %q has no plan recipe (known: %s): revert by hand", in.Platform, strings.Join(Platforms(), ", ")))
		return p
	}
	t := target{Input: in, opts: opts, now: opts.Now, inputs: &p.Inputs}
	p.Containment = r.containment(t)
	p.Steps = append(p.Steps, r.evidence(t)...)
	if r.findings != nil {
		steps, manual := r.findings(t)
		p.Steps = append(p.Steps, steps...)
		p.Manual = append(p.Manual, manual...)
	}
	if len(want) == 0 {
		return p // investigation only: capture evidence, no revert
	}
	if in.Model == nil {
		p.Steps = append(p.Steps, blocked(PhaseRevert, "Revert to the baseline", p.Rules,
			fmt.Sprintf("no baseline matches model %q: add the model's approved ROMMON, images and configuration register to baselines/, then re-run fwaudit plan", t.Facts.Model)))
		return p
	}
	t.image = chooseImage(t)
	var image *baseline.Image
	if rules := want["image"]; len(rules) > 0 {
		image = t.image
		p.Steps = append(p.Steps, imageSteps(t, r, rules)...)
	}
	rommon := false
	if rules := want["rommon"]; len(rules) > 0 {
		steps := rommonSteps(t, r, rules)
		rommon = len(steps) > 0 && !steps[len(steps)-1].Blocked
		p.Steps = append(p.Steps, steps...)
	}
	if rules := want["register"]; len(rules) > 0 {
		p.Steps = append(p.Steps, registerSteps(t, r, rules)...)
	}
	p.Steps = append(p.Steps, r.save(t)...)
	p.Steps = append(p.Steps, r.reload(t, rommon)...)
	for _, s := range r.post(t, image) {
		s.Phase = PhaseVerify // post-checks reuse stage verifications
		p.Steps = append(p.Steps, s)
	}
	p.Steps = append(p.Steps, auditStep(t))
	slices.Sort(p.Inputs)
	p.Inputs = slices.Compact(p.Inputs)
	return p
}

// chooseImage picks the approved image to boot: the running one when it
// is approved and untampered, else the baseline's first.
func chooseImage(t target) *baseline.Image {
	m := t.Model
	if len(m.Images) == 0 {
		return nil
	}
	im := m.Images[0]
	if running, ok := m.Image(facts.BaseName(t.Facts.Image)); ok && !slices.Contains(tamperedFiles(t), running.File) {
		im = running
	}
	return &im
}

// imageSteps quarantines tampered copies, stages the approved image and
// points the boot variable at it.
func imageSteps(t target, r recipe, rules []string) []Step {
	m := t.Model
	if t.image == nil {
		return []Step{blocked(PhaseStage, "Stage the approved image", rules,
			fmt.Sprintf("baseline model %q (%s) lists no images: add the approved image (file, sha512, size), then re-run fwaudit plan", m.Pattern, where(m)))}
	}
	im := *t.image
	tampered := tamperedFiles(t)
	var steps []Step
	for _, f := range tampered {
		steps = append(steps, tag(r.quarantine(t, f), rules)...)
	}
	steps = append(steps, tag(r.stage(t, im, present(t, im, tampered)), rules)...)
	if r.boot != nil {
		steps = append(steps, tag(r.boot(t, im.File), rules)...)
	}
	return steps
}

// rommonSteps falls back to the read-only region when the device has one
// holding an approved version, else installs the baseline's package.
func rommonSteps(t target, r recipe, rules []string) []Step {
	m := t.Model
	if reg := t.Facts.ROMRegions; reg != nil && r.regionFall != nil && m.ROMMONApproved(reg.ReadOnly) &&
		!strings.EqualFold(reg.Running, "readonly") {
		return tag(r.regionFall(t), rules)
	}
	var pkg *baseline.Package
	if m.ROMMON != nil {
		pkg = m.ROMMON.Package
	}
	if steps := r.rommon(t, pkg); len(steps) > 0 {
		return tag(steps, rules)
	}
	return []Step{blocked(PhaseRevert, "Install the approved boot firmware", rules,
		fmt.Sprintf("baseline model %q (%s) names no rommon.package: add the approved package (file and sha512 from the vendor's download page) to the baseline, then re-run fwaudit plan", m.Pattern, where(m)))}
}

// present reports whether the approved image is already on the device,
// untampered: the running image, or a listed file of the approved size.
func present(t target, im baseline.Image, tampered []string) bool {
	if slices.Contains(tampered, im.File) {
		return false
	}
	if facts.BaseName(t.Facts.Image) == im.File {
		return true
	}
	for _, f := range t.Facts.Files {
		if facts.BaseName(f.Name) == im.File && (im.Size == 0 || f.Size == im.Size) {
			return true
		}
	}
	return false
}

func registerSteps(t target, r recipe, rules []string) []Step {
	if r.register == nil {
		return nil
	}
	return tag(r.register(t, t.Model.ConfigRegisters()[0]), rules)
}

// auditStep is the last step on every platform: fwaudit itself re-audits.
func auditStep(t target) Step {
	return Step{Phase: PhaseVerify, Title: "Re-audit with fwaudit", Mode: ModeExec,
		Commands:  []string{"fwaudit audit " + t.Device},
		Expect:    "no findings; exit status 0",
		IfDiffers: "keep the device isolated and escalate with the new report; do not return it to service",
		Rules:     nil}
}

// tamperedFiles are the approved file names whose hash on the device
// differs from the baseline (IMG-002 / IMG-003): they stay as evidence.
func tamperedFiles(t target) []string {
	var out []string
	for _, h := range t.Facts.ImageHashes {
		im, ok := t.Model.Image(facts.BaseName(strings.TrimSpace(h.File)))
		if !ok {
			continue
		}
		if c, ok := audit.CompareImageHash(h, im); ok && c.Differs && !slices.Contains(out, im.File) {
			out = append(out, im.File)
		}
	}
	return out
}

func tag(steps []Step, rules []string) []Step {
	for i := range steps {
		steps[i].Rules = append([]string(nil), rules...)
	}
	return steps
}

func blocked(phase Phase, title string, rules []string, note string) Step {
	return Step{Phase: phase, Title: title, Mode: ModeExec, Commands: []string{}, Blocked: true, Note: note,
		Rules: append([]string(nil), rules...)}
}

// safeName matches file names and words that may go into a command line.
var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+\-\[\]()]*$`)

// name returns file if it is safe to put into a command, else a
// placeholder (and records it): a device may report any string.
func (t target) name(file string) string {
	if safeName.MatchString(file) && len(file) <= 200 {
		return file
	}
	*t.inputs = append(*t.inputs, "<file>: a file name that is not safe to paste into a command")
	return "<file>"
}

// source is where approved files come from.
func (t target) source(file string) string {
	if t.opts.ImageSource == "" {
		*t.inputs = append(*t.inputs, sourcePlaceholder+": URL of the folder holding approved files (fwaudit plan --image-source)")
		return sourcePlaceholder + "/" + file
	}
	return strings.TrimRight(t.opts.ImageSource, "/") + "/" + file
}

// evidence is where a captured file goes off the box: named after the
// device and, when Options.Now is set, the time.
func (t target) evidence(file string) string {
	name := t.name(t.Device) + "-" + file
	if !t.now.IsZero() {
		name = fmt.Sprintf("%s-%s-%s", t.name(t.Device), t.now.UTC().Format("20060102T1504Z"), file)
	}
	if t.opts.EvidenceDest == "" {
		*t.inputs = append(*t.inputs, evidencePlaceholder+": URL of the evidence folder (fwaudit plan --evidence-dest)")
		return evidencePlaceholder + "/" + name
	}
	return strings.TrimRight(t.opts.EvidenceDest, "/") + "/" + name
}

// where names the baseline entry a model came from.
func where(m *baseline.Model) string {
	if m.File == "" {
		return "baseline " + m.Pattern
	}
	return fmt.Sprintf("%s:%d", m.File, m.Line)
}

// approvedFirmware lists the approved boot-firmware versions for expectations.
func (t target) approvedFirmware() string {
	if t.Model == nil || t.Model.ROMMON == nil || len(t.Model.ROMMON.Approved) == 0 {
		return "an approved version"
	}
	return "one of " + strings.Join(t.Model.ROMMON.Approved, ", ")
}

// nonce is the boot-integrity nonce: it must be fresh per plan so a
// replayed measurement is caught; without Options.Nonce a placeholder.
func (t target) nonce() string {
	if t.opts.Nonce != 0 {
		return strconv.FormatUint(uint64(t.opts.Nonce), 10)
	}
	*t.inputs = append(*t.inputs, "<nonce>: a fresh random number for the signed measurements (fwaudit plan fills it)")
	return "<nonce>"
}

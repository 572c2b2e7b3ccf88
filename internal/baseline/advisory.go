package baseline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// AdvisoryFeedSchema is the `feed:` value an advisory file must carry.
const AdvisoryFeedSchema = "fwaudit.advisories/v1"

// AdvisoriesDir is the advisory feed's folder inside a baseline folder.
const AdvisoriesDir = "advisories"

// Advisories is the offline feed of known-exploited advisories: which
// releases of which platform they affect and the first fixed release per
// train. It is shipped with fwaudit (baselines/advisories/) and read with
// no network access.
type Advisories struct {
	List  []Advisory
	Files []string
}

// Advisory is one vendor advisory (or a group of CVEs fixed together).
type Advisory struct {
	ID             string
	Title          string
	CVEs           []string
	KnownExploited bool
	Published      time.Time
	Sources        []string
	Platforms      []AdvisoryPlatform
	FeedVersion    string // the file's version:
	File           string
	Line           int
}

// AdvisoryPlatform is what an advisory says about one platform.
type AdvisoryPlatform struct {
	Platform string
	// Trains are the release trains with their first fixed release.
	Trains []Train
	// AffectedBelow: every release of a train lower than this one is
	// affected and has no fix (end-of-life trains); "" when unsaid.
	AffectedBelow string
	Line          int
}

// Train is one release train (9.16, 7.2) and the first release of it that
// fixes the advisory; FirstFixed is "" when the train gets no fix (Cisco's
// "migrate to a fixed release").
type Train struct {
	Train      string
	FirstFixed string
	Note       string
	Line       int
}

// For returns the advisories that name platform, in file order.
func (a *Advisories) For(platform string) []Advisory {
	if a == nil {
		return nil
	}
	var out []Advisory
	for _, adv := range a.List {
		for _, p := range adv.Platforms {
			if p.Platform == platform {
				out = append(out, adv)
				break
			}
		}
	}
	return out
}

// Platform returns what the advisory says about platform.
func (adv Advisory) Platform(platform string) (AdvisoryPlatform, bool) {
	for _, p := range adv.Platforms {
		if p.Platform == platform {
			return p, true
		}
	}
	return AdvisoryPlatform{}, false
}

// TrainOf returns the longest train whose dotted parts begin release
// (9.16.4.85 is on train 9.16).
func (p AdvisoryPlatform) TrainOf(release string) (Train, bool) {
	var best Train
	found := false
	for _, t := range p.Trains {
		if (release == t.Train || strings.HasPrefix(release, t.Train+".")) && len(t.Train) > len(best.Train) {
			best, found = t, true
		}
	}
	return best, found
}

// LoadAdvisories reads every *.yaml / *.yml file of dir (a folder, or one
// file) as an advisory feed file. It is strict like Load: an unknown or
// duplicate key, a platform not in opts.KnownPlatforms, an advisory ID
// given twice (in one file or across files), a train listed twice or a
// first fixed release outside its train are FieldErrors naming the file,
// line and field, all reported at once and wrapped in ErrInvalid. A
// missing dir gives an empty feed (no advisory is known), not an error.
func LoadAdvisories(dir string, opts LoadOptions) (*Advisories, error) {
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return &Advisories{}, nil
	}
	files, err := baselineFiles(dir)
	if err != nil {
		return nil, err
	}
	known := slices.Sorted(slices.Values(opts.KnownPlatforms))
	var errs errList
	out := &Advisories{}
	ids := map[string]place{}
	for _, file := range files {
		data, err := readFile(file)
		if err != nil {
			return nil, fmt.Errorf("%w: read advisories: %w", ErrInvalid, err)
		}
		d := &decoder{file: file, platforms: known, errs: &errs}
		for _, adv := range d.decodeAdvisoryFile(data) {
			if first, dup := ids[adv.ID]; dup {
				errs.add(file, adv.Line, 0, "advisories.id", "duplicate advisory %s (first at %s)", quote(adv.ID), first)
				continue
			}
			ids[adv.ID] = place{file, adv.Line}
			out.List = append(out.List, adv)
		}
		out.Files = append(out.Files, filepath.Clean(file))
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (d *decoder) decodeAdvisoryFile(data []byte) []Advisory {
	top := d.root(data)
	if top == nil {
		d.add(nil, "", "empty advisory file")
		return nil
	}
	f := d.fields(top, "", "feed", "version", "advisories")
	if f == nil {
		return nil
	}
	if s, ok := d.str(top, f["feed"], "feed"); ok && s != AdvisoryFeedSchema {
		d.add(f["feed"].val, "feed", "want %s, got %s", AdvisoryFeedSchema, quote(s))
	}
	version, _ := d.str(top, f["version"], "version")
	items, _ := d.seq(f["advisories"].val, "advisories")
	if len(items) == 0 {
		d.add(top, "advisories", "required: at least one advisory")
	}
	var out []Advisory
	for i, it := range items {
		if adv, ok := d.decodeAdvisory(it, fmt.Sprintf("advisories[%d]", i)); ok {
			adv.FeedVersion = version
			out = append(out, adv)
		}
	}
	return out
}

func (d *decoder) decodeAdvisory(n *yaml.Node, p string) (Advisory, bool) {
	f := d.fields(n, p, "id", "title", "cves", "known_exploited", "published", "sources", "platforms")
	if f == nil {
		return Advisory{}, false
	}
	adv := Advisory{File: d.file, Line: n.Line}
	var ok bool
	adv.ID, ok = d.str(n, f["id"], p+".id")
	adv.Title, _ = d.str(n, f["title"], p+".title")
	if c, has := f["cves"]; has {
		adv.CVEs = d.strs(c.val, p+".cves")
	}
	if s, has := d.str(n, f["known_exploited"], p+".known_exploited"); has {
		switch s {
		case "true":
			adv.KnownExploited = true
		case "false":
		default:
			d.add(f["known_exploited"].val, p+".known_exploited", "want true or false, got %s", quote(s))
		}
	}
	if s, has := f["published"]; has {
		if v, ok := d.str(n, s, p+".published"); ok {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				d.add(s.val, p+".published", "want a date like 2025-09-25, got %s", quote(v))
			}
			adv.Published = t
		}
	}
	if s, has := f["sources"]; has {
		adv.Sources = d.strs(s.val, p+".sources")
	}
	plats, _ := d.seq(f["platforms"].val, p+".platforms")
	if len(plats) == 0 {
		d.add(n, p+".platforms", "required: at least one platform")
	}
	seen := map[string]bool{}
	for i, pn := range plats {
		pp := fmt.Sprintf("%s.platforms[%d]", p, i)
		ap, ok := d.decodeAdvisoryPlatform(pn, pp)
		if !ok {
			continue
		}
		if seen[ap.Platform] {
			d.add(pn, pp+".platform", "platform %s listed twice in one advisory", quote(ap.Platform))
			continue
		}
		seen[ap.Platform] = true
		adv.Platforms = append(adv.Platforms, ap)
	}
	return adv, ok
}

func (d *decoder) decodeAdvisoryPlatform(n *yaml.Node, p string) (AdvisoryPlatform, bool) {
	f := d.fields(n, p, "platform", "trains", "affected_below")
	if f == nil {
		return AdvisoryPlatform{}, false
	}
	ap := AdvisoryPlatform{Line: n.Line}
	name, ok := d.str(n, f["platform"], p+".platform")
	if ok && !slices.Contains(d.platforms, name) {
		d.add(f["platform"].val, p+".platform", "unknown %s (known: %s)", quote(name), knownList(d.platforms))
		ok = false
	}
	ap.Platform = name
	if ab, has := f["affected_below"]; has {
		if s, good := d.str(n, ab, p+".affected_below"); good {
			if !dottedRelease(s) {
				d.add(ab.val, p+".affected_below", "want a dotted train like 9.12, got %s", quote(s))
			}
			ap.AffectedBelow = s
		}
	}
	trains, _ := d.seq(f["trains"].val, p+".trains")
	if len(trains) == 0 {
		d.add(n, p+".trains", "required: at least one train")
	}
	seen := map[string]int{}
	for i, tn := range trains {
		tp := fmt.Sprintf("%s.trains[%d]", p, i)
		tf := d.fields(tn, tp, "train", "first_fixed", "note")
		if tf == nil {
			continue
		}
		t := Train{Line: tn.Line}
		tr, good := d.str(tn, tf["train"], tp+".train")
		if good && !dottedRelease(tr) {
			d.add(tf["train"].val, tp+".train", "want a dotted train like 9.16, got %s", quote(tr))
			good = false
		}
		t.Train = tr
		if ff, good2 := d.str(tn, tf["first_fixed"], tp+".first_fixed"); good2 {
			switch {
			case ff == "none":
			case !dottedRelease(ff) || !strings.HasPrefix(ff, tr+"."):
				d.add(tf["first_fixed"].val, tp+".first_fixed", "want a dotted release of train %s (like %s.1.2) or none, got %s", tr, tr, quote(ff))
			default:
				t.FirstFixed = ff
			}
		}
		if nt, has := tf["note"]; has {
			t.Note, _ = d.str(tn, nt, tp+".note")
		}
		if first, dup := seen[tr]; dup && good {
			d.add(tf["train"].val, tp+".train", "train %s listed twice (first at line %d)", quote(tr), first)
			continue
		}
		seen[tr] = tn.Line
		ap.Trains = append(ap.Trains, t)
	}
	return ap, ok
}

// dottedRelease: "9.16", "9.16.4.85", "7.0.8.1".
func dottedRelease(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 8 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 9 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

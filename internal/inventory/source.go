package inventory

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Foreign inventory source types (the prefix of a source spec).
const (
	SourceAnsible  = "ansible"
	SourceNornir   = "nornir"
	SourceOxidized = "oxidized"
	SourceNetBox   = "netbox"
)

// sourceSpec is a parsed foreign source: `TYPE:LOCATION?k=v&…`, a
// `netbox+https://host` URL, or a path whose type was detected.
type sourceSpec struct {
	kind string
	// loc is a file or folder path, or an http(s) URL for the NetBox API.
	loc string
	// params are the query parameters after '?' (options and, for the
	// NetBox API, filters passed on to NetBox).
	params url.Values
	// raw is the spec as written, for error messages (never holds secrets:
	// the NetBox token comes from an environment variable).
	raw string
}

func (s sourceSpec) isURL() bool {
	return strings.HasPrefix(s.loc, "http://") || strings.HasPrefix(s.loc, "https://")
}

// parseSourceSpec recognises a foreign source. base is the folder relative
// paths resolve against ("" for the working directory). It reports false for
// our own YAML format (a file or folder), which Load reads itself.
func parseSourceSpec(spec, base string) (sourceSpec, bool, error) {
	s := sourceSpec{raw: spec}
	rest := spec
	switch {
	case strings.HasPrefix(spec, "netbox+http://"), strings.HasPrefix(spec, "netbox+https://"):
		s.kind, rest = SourceNetBox, strings.TrimPrefix(spec, "netbox+")
	default:
		if k, r, ok := strings.Cut(spec, ":"); ok && slices.Contains([]string{SourceAnsible, SourceNornir, SourceOxidized, SourceNetBox}, k) {
			s.kind, rest = k, r
		}
	}
	loc, query, _ := strings.Cut(rest, "?")
	params, err := parseOptions(query)
	if err != nil {
		return s, true, fmt.Errorf("source %s: bad options after '?': %w", quote(spec), err)
	}
	s.loc, s.params = loc, params
	if !s.isURL() && loc != "" && !filepath.IsAbs(loc) && base != "" {
		s.loc = filepath.Join(base, loc)
	}
	if s.kind != "" {
		return s, true, nil
	}
	if s.kind = detectSource(s.loc); s.kind == "" {
		return s, false, nil
	}
	return s, true, nil
}

// parseOptions parses k=v&k=v. Unlike url.ParseQuery it accepts ';' (a
// router.db separator) and keeps '+' as it is; %XX escapes work.
func parseOptions(q string) (url.Values, error) {
	v := url.Values{}
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		k, val, _ := strings.Cut(part, "=")
		k, err := url.PathUnescape(k)
		if err != nil {
			return nil, err
		}
		if val, err = url.PathUnescape(val); err != nil {
			return nil, err
		}
		v.Add(k, val)
	}
	return v, nil
}

// detectSource guesses the type of an unprefixed location, "" for our format.
func detectSource(loc string) string {
	if strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://") {
		if strings.Contains(loc, "/api/dcim/devices") {
			return SourceNetBox
		}
		return ""
	}
	st, err := os.Stat(loc)
	if err != nil {
		return ""
	}
	if st.IsDir() {
		if isNornirDir(loc) {
			return SourceNornir
		}
		return ""
	}
	name := strings.ToLower(filepath.Base(loc))
	switch {
	case name == "router.db":
		return SourceOxidized
	case name == "hosts.yaml" || name == "hosts.yml":
		if isNornirDir(filepath.Dir(loc)) {
			return SourceNornir
		}
	case strings.HasSuffix(name, ".ini"):
		return SourceAnsible
	case strings.HasSuffix(name, ".json"):
		return SourceNetBox
	}
	if ext := filepath.Ext(name); ext == ".yaml" || ext == ".yml" {
		if data, err := readFile(loc); err == nil && looksLikeAnsible(data) {
			return SourceAnsible
		}
	}
	return ""
}

// isNornirDir reports whether dir holds Nornir's hosts.yaml and groups.yaml.
func isNornirDir(dir string) bool {
	return nornirFile(dir, "hosts") != "" && nornirFile(dir, "groups") != ""
}

// checkParams rejects options a source does not know, so a typo is an error.
func checkParams(s sourceSpec, allowed ...string) error {
	allowed = append(allowed, "allow_plaintext_credentials", "platform_map", "defaults")
	for k := range s.params {
		if !slices.Contains(allowed, k) {
			slices.Sort(allowed)
			return fmt.Errorf("unknown option %s (allowed: %s)", quote(k), strings.Join(allowed, ", "))
		}
	}
	return nil
}

// allowPlaintext reports whether the user opted in to credentials written in
// the source itself.
func (s sourceSpec) allowPlaintext() bool {
	switch strings.ToLower(s.params.Get("allow_plaintext_credentials")) {
	case "1", "true", "yes":
		return true
	}
	return false
}

// platformMap returns the source's own platform names → ours, from
// `platform_map=theirs:ours,…`; they win over the platform aliases
// (mapPlatform).
func (s sourceSpec) platformMap() (map[string]string, error) {
	m := map[string]string{}
	for _, list := range s.params["platform_map"] {
		for pair := range strings.SplitSeq(list, ",") {
			theirs, ours, ok := strings.Cut(strings.TrimSpace(pair), ":")
			if !ok || theirs == "" || ours == "" {
				return nil, fmt.Errorf("platform_map: %s: want theirs:ours", quote(pair))
			}
			m[strings.ToLower(theirs)] = ours
		}
	}
	return m, nil
}

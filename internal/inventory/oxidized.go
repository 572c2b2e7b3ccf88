package inventory

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// oxidizedFields are the columns a router.db map may name; "-" skips one.
var oxidizedFields = []string{"name", "ip", "model", "group", "username", "password", "enable", "port", "-"}

// readOxidized reads Oxidized's CSV source (router.db). Options: map= the
// column names (default name,model, Oxidized's own default) and sep= the
// separator (default ":"; use another one when addresses are IPv6).
func readOxidized(s sourceSpec, errs *errList) ([]foreignHost, error) {
	if err := checkParams(s, "map", "sep"); err != nil {
		return nil, err
	}
	cols := []string{"name", "model"}
	if m := s.params.Get("map"); m != "" {
		cols = strings.Split(m, ",")
	}
	for _, c := range cols {
		if !slices.Contains(oxidizedFields, c) {
			return nil, fmt.Errorf("map: unknown column %s (known: %s)", quote(c), strings.Join(oxidizedFields, ", "))
		}
	}
	if !slices.Contains(cols, "name") {
		return nil, fmt.Errorf("map: must name the name column")
	}
	sep := ":"
	if s.params.Has("sep") {
		sep = s.params.Get("sep")
	}
	if sep == "" {
		return nil, fmt.Errorf("sep: must not be empty")
	}
	pm, err := s.platformMap()
	if err != nil {
		return nil, err
	}
	data, err := readFile(s.loc)
	if err != nil {
		return nil, err
	}
	var out []foreignHost
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxFile)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !safe(line) {
			errs.add(pos{s.loc, n}, subject{section: fmt.Sprintf("line %d", n)}, "", "line contains control characters")
			continue
		}
		out = append(out, oxidizedHost(s.loc, n, strings.Split(line, sep), cols, pm))
	}
	return out, nil
}

func oxidizedHost(file string, n int, vals, cols []string, pm map[string]string) foreignHost {
	col := func(name string) fval {
		if i := slices.Index(cols, name); i >= 0 && i < len(vals) {
			return fval{v: strings.TrimSpace(vals[i]), field: name, line: n}
		}
		return fval{field: name, line: n}
	}
	h := foreignHost{file: file, line: n, section: fmt.Sprintf("line %d", n),
		name: col("name"), address: col("ip"), port: col("port"),
		username: col("username"), password: col("password")}
	if !h.address.set() {
		h.address = h.name // Oxidized connects to the name
	}
	if m := col("model"); m.set() {
		m.v = mapPlatform(pm, m.v)
		h.platform = m
	}
	if g := col("group"); g.set() {
		h.groups = []string{g.v}
	}
	if e := col("enable"); e.set() {
		h.secretFields = append(h.secretFields, e)
	}
	return h
}

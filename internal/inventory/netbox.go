package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// netboxDevice is the part of a NetBox /api/dcim/devices/ record fwaudit
// reads. NetBox before 3.6 calls the role device_role.
type netboxDevice struct {
	ID         int          `json:"id"`
	Name       *string      `json:"name"`
	Platform   *netboxRef   `json:"platform"`
	Site       *netboxRef   `json:"site"`
	Role       *netboxRef   `json:"role"`
	DeviceRole *netboxRef   `json:"device_role"`
	Status     *netboxValue `json:"status"`
	PrimaryIP  *netboxIP    `json:"primary_ip"`
	PrimaryIP4 *netboxIP    `json:"primary_ip4"`
	PrimaryIP6 *netboxIP    `json:"primary_ip6"`
	Tags       []netboxRef  `json:"tags"`
}

type netboxRef struct {
	Slug string `json:"slug"`
}

type netboxValue struct {
	Value string `json:"value"`
}

type netboxIP struct {
	Address string `json:"address"`
}

// netboxPage is one page of the devices endpoint (and the shape of a
// saved export, which may also be the bare results array).
type netboxPage struct {
	Count   int            `json:"count"`
	Next    *string        `json:"next"`
	Results []netboxDevice `json:"results"`
}

// netboxOptions are the options a NetBox source accepts; every other
// parameter of an API source is passed to NetBox as a filter.
var netboxOptions = []string{"token_env", "token_file", "timeout", "ca_file", "status", "limit"}

// readNetBox reads devices from the NetBox REST API or a saved export.
func readNetBox(s sourceSpec, opts LoadOptions, errs *errList) ([]foreignHost, error) {
	pm, err := s.platformMap()
	if err != nil {
		return nil, err
	}
	var devs []netboxDevice
	file := s.loc
	if s.isURL() {
		c, err := newNetBoxClient(s, opts)
		if err != nil {
			return nil, err
		}
		if devs, err = c.devices(); err != nil {
			return nil, err
		}
		file = c.display
	} else {
		if err := checkParams(s, "status"); err != nil {
			return nil, err
		}
		if devs, err = readNetBoxExport(s.loc); err != nil {
			return nil, err
		}
	}
	status := s.params["status"]
	if len(status) == 0 {
		status = []string{"active"}
	}
	var out []foreignHost
	for i, d := range devs {
		if d.Status != nil && !slices.Contains(status, d.Status.Value) {
			continue
		}
		out = append(out, netboxHost(file, i, d, pm))
	}
	return out, nil
}

func readNetBoxExport(path string) ([]netboxDevice, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	if bytes.HasPrefix(data, []byte("[")) {
		var devs []netboxDevice
		if err := json.Unmarshal(data, &devs); err != nil {
			return nil, fmt.Errorf("%s: json: %w", path, err)
		}
		return devs, nil
	}
	var p netboxPage
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: json: %w", path, err)
	}
	if p.Next != nil {
		return nil, fmt.Errorf("%s is one page of several (next is set); export every device, e.g. with ?limit=0", path)
	}
	return p.Results, nil
}

func netboxHost(file string, i int, d netboxDevice, pm map[string]string) foreignHost {
	h := foreignHost{file: file, section: fmt.Sprintf("results[%d] (id %d)", i, d.ID), name: fval{field: "name"}}
	if d.Name != nil {
		h.name.v = *d.Name
	}
	h.address = fval{field: "primary_ip"}
	for _, ip := range []*netboxIP{d.PrimaryIP, d.PrimaryIP4, d.PrimaryIP6} {
		if ip != nil && ip.Address != "" {
			addr, _, _ := strings.Cut(ip.Address, "/")
			h.address.v = addr
			break
		}
	}
	if d.Platform != nil && d.Platform.Slug != "" {
		h.platform = fval{v: mapPlatform(pm, d.Platform.Slug), field: "platform.slug"}
	}
	if d.Site != nil {
		h.site = fval{v: d.Site.Slug, field: "site.slug"}
	}
	if d.Role != nil {
		h.role = fval{v: d.Role.Slug, field: "role.slug"}
	} else if d.DeviceRole != nil {
		h.role = fval{v: d.DeviceRole.Slug, field: "device_role.slug"}
	}
	for _, t := range d.Tags {
		h.groups = append(h.groups, t.Slug)
	}
	return h
}

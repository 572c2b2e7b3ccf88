package baseline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"
)

// Kinds of change a window can allow (the `allow:` values).
const (
	KindROMMON = "rommon"
	KindImage  = "image"
	KindBoot   = "boot"
	KindReload = "reload"
	KindConfig = "config"
)

// Kinds lists the allowed `allow:` values.
var Kinds = []string{KindROMMON, KindImage, KindBoot, KindReload, KindConfig}

// Change is one scheduled change window.
type Change struct {
	ID          string
	Description string
	Start, End  time.Time       // the window is [Start, End)
	Devices     []string        // device names or path.Match globs
	Sites       []string        // inventory sites whose devices the window covers
	Roles       []string        // inventory roles whose devices the window covers
	members     map[string]bool // names bound from Sites/Roles by WithInventory
	Allow       []string        // Kinds
	File        string
	Line        int
}

// Changes is the loaded change-window file.
type Changes struct {
	File    string // "" when no file was read
	Changes []Change
}

// LoadChanges reads and validates a change-window file. A missing file is an
// error (it wraps fs.ErrNotExist): use it for an explicit --changes FILE.
func LoadChanges(file string) (*Changes, error) {
	data, err := readFile(file)
	if err != nil {
		return nil, fmt.Errorf("%w: read change windows: %w", ErrInvalid, err)
	}
	var errs errList
	d := &decoder{file: file, errs: &errs}
	c := &Changes{File: file, Changes: d.decodeChanges(data)}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// LoadDefaultChanges reads ChangesFile from the baseline folder dir if it
// exists; if it does not, it returns an empty Changes and no error.
func LoadDefaultChanges(dir string) (*Changes, error) {
	file := filepath.Join(dir, ChangesFile)
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		return &Changes{}, nil
	}
	return LoadChanges(file)
}

// Covering returns the first window (in file order) that names device,
// allows kind and is open at at. A nil *Changes covers nothing.
func (c *Changes) Covering(device, kind string, at time.Time) (Change, bool) {
	if c == nil {
		return Change{}, false
	}
	for _, ch := range c.Changes {
		if ch.covers(device, kind, at) {
			return ch, true
		}
	}
	return Change{}, false
}

func (ch Change) covers(device, kind string, at time.Time) bool {
	if at.Before(ch.Start) || !at.Before(ch.End) || !slices.Contains(ch.Allow, kind) {
		return false
	}
	return ch.names(device)
}

// names reports whether the window's device list names device, by name,
// glob, or (after WithInventory) site or role.
func (ch Change) names(device string) bool {
	for _, g := range ch.Devices {
		if ok, _ := path.Match(g, device); ok {
			return true
		}
	}
	return ch.members[device]
}

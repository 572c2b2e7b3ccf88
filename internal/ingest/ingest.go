package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fwaudit/internal/platform"
)

// Bounds on what one ingest reads.
const (
	MaxFileBytes  = 64 << 20 // one saved output
	MaxTotalBytes = 1 << 30  // the whole folder
	MaxDevices    = 100000
	MaxCommands   = 256 // files in one device folder
)

var (
	// ErrTooLarge means a file or the whole folder is over its byte budget.
	ErrTooLarge = errors.New("saved output too large")
	// ErrLayout means DIR holds neither device folders nor backup files.
	ErrLayout = errors.New("unrecognized saved-output layout")
)

// Device is one device's saved outputs.
type Device struct {
	Name    string
	Outputs platform.Outputs
	// Backup is "rancid" or "oxidized" for a single-file backup, "" for a
	// folder of one file per command.
	Backup string
	// Evidence is set when the outputs come from an evidence bundle
	// (`fwaudit evidence`, a folder or a .tar.gz).
	Evidence *Evidence
}

// Load reads saved outputs at path:
//
//   - an evidence bundle `fwaudit evidence` wrote, as a .tar.gz or as a
//     folder (snapshot.json, outputs/NAME/<command>.txt): one device, its
//     hashes checked (see parseEvidence);
//   - a folder: each sub-folder is a device whose files are named after the
//     command they hold (CommandFromFileName), or an evidence bundle; each
//     .tar.gz / .tgz file an evidence bundle; each other regular file a
//     device's config backup (RANCID or Oxidized, see SplitBackup).
//
// Hidden entries are skipped. Devices come back sorted by name.
func Load(path string) ([]Device, error) {
	return load(path, defaultLimits)
}

func load(dir string, lim limits) ([]Device, error) {
	budget := int64(MaxTotalBytes)
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("read saved outputs: %w", err)
	}
	if st.Mode().IsRegular() && isTarball(dir) {
		d, err := loadTarball(dir, &budget, lim)
		if err != nil {
			return nil, err
		}
		return []Device{d}, nil
	}
	if isBundleDir(dir) {
		d, err := loadBundleDir(dir, &budget, lim)
		if err != nil {
			return nil, err
		}
		return []Device{d}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read saved outputs: %w", err)
	}
	var devs []Device
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if len(devs) == MaxDevices {
			return nil, fmt.Errorf("read saved outputs: %w: more than %d devices", ErrTooLarge, MaxDevices)
		}
		path := filepath.Join(dir, name)
		switch {
		case e.IsDir() && isBundleDir(path):
			d, err := loadBundleDir(path, &budget, lim)
			if err != nil {
				return nil, err
			}
			devs = append(devs, d)
		case e.Type().IsRegular() && isTarball(name):
			d, err := loadTarball(path, &budget, lim)
			if err != nil {
				return nil, err
			}
			devs = append(devs, d)
		case e.IsDir():
			d, err := loadFolder(path, &budget)
			if err != nil {
				return nil, err
			}
			d.Name = name
			devs = append(devs, d)
		case e.Type().IsRegular():
			text, err := readFile(path, &budget)
			if err != nil {
				return nil, err
			}
			out, kind := SplitBackup(text)
			devs = append(devs, Device{Name: strings.TrimSuffix(name, filepath.Ext(name)), Outputs: out, Backup: kind})
		}
	}
	if len(devs) == 0 {
		return nil, fmt.Errorf("read saved outputs %s: %w: no device folder or backup file", dir, ErrLayout)
	}
	slices.SortFunc(devs, func(a, b Device) int { return strings.Compare(a.Name, b.Name) })
	return devs, nil
}

func loadFolder(dir string, budget *int64) (Device, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Device{}, fmt.Errorf("read saved outputs: %w", err)
	}
	d := Device{Outputs: platform.Outputs{}}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if len(d.Outputs) == MaxCommands {
			return Device{}, fmt.Errorf("read saved outputs %s: %w: more than %d files", dir, ErrTooLarge, MaxCommands)
		}
		text, err := readFile(filepath.Join(dir, e.Name()), budget)
		if err != nil {
			return Device{}, err
		}
		d.Outputs[CommandFromFileName(e.Name())] = text
	}
	return d, nil
}

func readFile(path string, budget *int64) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read saved output: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, min(MaxFileBytes, *budget)+1))
	if err != nil {
		return "", fmt.Errorf("read saved output: %w", err)
	}
	if int64(len(b)) > MaxFileBytes || int64(len(b)) > *budget {
		return "", fmt.Errorf("read saved output %s: %w", path, ErrTooLarge)
	}
	*budget -= int64(len(b))
	return string(b), nil
}

// FileName is the file a command's output is saved under: the command
// with '%' and '/' percent-encoded, plus ".txt" ("show version.txt",
// "verify %2Fsha512 bootflash:x.bin.txt").
func FileName(command string) string {
	r := strings.NewReplacer("%", "%25", "/", "%2F", "\x00", "%00")
	return r.Replace(command) + ".txt"
}

// CommandFromFileName inverts FileName; a missing ".txt" is fine.
func CommandFromFileName(name string) string {
	name = strings.TrimSuffix(name, ".txt")
	r := strings.NewReplacer("%2F", "/", "%2f", "/", "%00", "\x00", "%25", "%")
	return r.Replace(name)
}

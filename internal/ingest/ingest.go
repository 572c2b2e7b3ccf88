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
	// Backup is the kind of a single-file backup (KindRANCID,
	// KindOxidizedIOS, ...), "" for a folder of one file per command.
	Backup string
	// Unkept says, per fact, why the backup format may not hold it
	// (Backup.Unkept); nil for other layouts.
	Unkept map[string]string
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
//     command they hold (CommandFromFileName), an evidence bundle, or a
//     group folder of backup files (Oxidized's "group/device" repository
//     layout: a sub-folder holding no command file); each .tar.gz / .tgz
//     file an evidence bundle; each other regular file a device's config
//     backup (RANCID or Oxidized, see ParseBackup), named after the file
//     (a .cfg / .conf / .txt suffix dropped: RANCID and Oxidized names are
//     often FQDNs).
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
		case e.IsDir() && isGroupDir(path):
			group, err := loadGroup(path, &budget, lim, MaxDevices-len(devs))
			if err != nil {
				return nil, err
			}
			devs = append(devs, group...)
		case e.IsDir():
			d, err := loadFolder(path, &budget)
			if err != nil {
				return nil, err
			}
			d.Name = name
			devs = append(devs, d)
		case e.Type().IsRegular():
			d, err := loadBackup(path, &budget)
			if err != nil {
				return nil, err
			}
			devs = append(devs, d)
		}
	}
	slices.SortFunc(devs, func(a, b Device) int { return strings.Compare(a.Name, b.Name) })
	if len(devs) == 0 {
		return nil, fmt.Errorf("read saved outputs %s: %w: no device folder or backup file", dir, ErrLayout)
	}
	return devs, nil
}

// loadBackup reads one config-backup file.
func loadBackup(path string, budget *int64) (Device, error) {
	text, err := readFile(path, budget)
	if err != nil {
		return Device{}, err
	}
	b := ParseBackup(text)
	return Device{Name: deviceName(filepath.Base(path)), Outputs: b.Outputs, Backup: b.Kind, Unkept: b.Unkept}, nil
}

// deviceName is the device a backup file is of: its name, less a
// .cfg/.conf/.config/.txt suffix (never the last part of an FQDN).
func deviceName(file string) string {
	for _, ext := range []string{".cfg", ".conf", ".config", ".txt"} {
		if n, ok := strings.CutSuffix(file, ext); ok && n != "" {
			return n
		}
	}
	return file
}

// isGroupDir reports whether dir is a group of backup files (Oxidized
// "group/device", RANCID "group/configs/device") rather than one device's
// outputs: it holds regular files and none is named after a command.
func isGroupDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	files := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		if isCommandFile(e.Name()) {
			return false
		}
		files++
	}
	return files > 0
}

// isCommandFile reports whether name is a saved output named after its
// command (FileName): "<command>.txt" whose command starts with a verb the
// platforms run.
func isCommandFile(name string) bool {
	cmd, ok := strings.CutSuffix(name, ".txt")
	if !ok {
		return false
	}
	first, _, _ := strings.Cut(CommandFromFileName(cmd), " ")
	switch first {
	case "show", "dir", "verify", "file", "admin", "request", "snmpwalk":
		return true
	}
	return false
}

// loadGroup reads a group folder: each regular file is a device's backup,
// or an evidence bundle when it is a .tar.gz / .tgz (hidden entries, such
// as a .git folder, are skipped; sub-folders are not entered).
func loadGroup(dir string, budget *int64, lim limits, room int) ([]Device, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read saved outputs: %w", err)
	}
	var devs []Device
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		if len(devs) == room {
			return nil, fmt.Errorf("read saved outputs: %w: more than %d devices", ErrTooLarge, MaxDevices)
		}
		load := loadBackup
		if isTarball(e.Name()) { // a case folder of evidence bundles
			load = func(p string, b *int64) (Device, error) { return loadTarball(p, b, lim) }
		}
		d, err := load(filepath.Join(dir, e.Name()), budget)
		if err != nil {
			return nil, err
		}
		devs = append(devs, d)
	}
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

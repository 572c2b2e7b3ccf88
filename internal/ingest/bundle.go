package ingest

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// MaxBundleMembers bounds the files of one evidence bundle (its outputs
// and the JSON beside them).
const MaxBundleMembers = MaxCommands + 16

// ErrUnsafeMember means an evidence bundle holds a member ingest refuses to
// read: a path leaving the bundle, a link, a device or another non-regular
// file.
var ErrUnsafeMember = errors.New("unsafe evidence member")

// limits are the bounds of one read; tests shrink them.
type limits struct {
	file    int64 // one member
	members int   // members of one bundle
}

var defaultLimits = limits{file: MaxFileBytes, members: MaxBundleMembers}

// members is an evidence bundle as read: member path (slash-separated,
// relative to the bundle root) → content.
type members map[string][]byte

// memberName checks a member's path: relative, no "..", no empty or odd
// parts; it returns the cleaned path.
func memberName(name string) (string, error) {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return "", fmt.Errorf("%w: %q: not a relative path", ErrUnsafeMember, name)
	}
	clean := path.Clean(name)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("%w: %q: leaves the bundle", ErrUnsafeMember, name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", fmt.Errorf("%w: %q: leaves the bundle", ErrUnsafeMember, name)
		}
	}
	return clean, nil
}

func (m members) add(name string, data []byte, lim limits) error {
	if _, dup := m[name]; dup {
		return fmt.Errorf("%w: %q twice", ErrUnsafeMember, name)
	}
	if len(m) == lim.members {
		return fmt.Errorf("%w: more than %d members", ErrTooLarge, lim.members)
	}
	m[name] = data
	return nil
}

// readTarball reads a .tar.gz evidence bundle: regular files only (folder
// entries are skipped), each within the member bound and the budget, the
// decompressed stream itself capped so a gzip bomb stops early.
func readTarball(file string, budget *int64, lim limits) (members, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read evidence %s: %w", file, err)
	}
	// Headers and padding count too: 1 KiB per member on top of the data.
	stream := &io.LimitedReader{R: zr, N: *budget + int64(lim.members+2)*1024}
	tr := tar.NewReader(stream)
	m := members{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			if stream.N <= 0 {
				return nil, fmt.Errorf("read evidence %s: %w: more than %d bytes decompressed", file, ErrTooLarge, *budget)
			}
			return nil, fmt.Errorf("read evidence %s: %w", file, err)
		}
		name, err := memberName(hdr.Name)
		if err != nil {
			return nil, fmt.Errorf("read evidence %s: %w", file, err)
		}
		switch hdr.Typeflag {
		case tar.TypeDir, tar.TypeXGlobalHeader:
			continue
		case tar.TypeReg:
		default:
			return nil, fmt.Errorf("read evidence %s: %w: %q is not a regular file (type %q)", file, ErrUnsafeMember, name, hdr.Typeflag)
		}
		if hdr.Size > lim.file || hdr.Size > *budget {
			return nil, fmt.Errorf("read evidence %s: %w: %q is %d bytes", file, ErrTooLarge, name, hdr.Size)
		}
		data, err := io.ReadAll(io.LimitReader(tr, hdr.Size))
		if err != nil && stream.N <= 0 {
			err = fmt.Errorf("%w: more than %d bytes decompressed", ErrTooLarge, *budget)
		}
		if err != nil {
			return nil, fmt.Errorf("read evidence %s: %q: %w", file, name, err)
		}
		*budget -= int64(len(data))
		if err := m.add(name, data, lim); err != nil {
			return nil, fmt.Errorf("read evidence %s: %w", file, err)
		}
	}
}

// readBundleDir reads an evidence folder: regular files only, never
// following a link, within the bounds.
func readBundleDir(dir string, budget *int64, lim limits) (members, error) {
	m := members{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case e.IsDir():
			if strings.Count(rel, "/") >= 2 { // outputs/NAME is the deepest folder
				return fmt.Errorf("%w: %q: nested too deep", ErrUnsafeMember, rel)
			}
			return nil
		case !e.Type().IsRegular():
			return fmt.Errorf("%w: %q is not a regular file (%s)", ErrUnsafeMember, rel, e.Type())
		}
		if len(m) == lim.members {
			return fmt.Errorf("%w: more than %d members", ErrTooLarge, lim.members)
		}
		data, err := readRegular(p, min(lim.file, *budget))
		if err != nil {
			return fmt.Errorf("%q: %w", rel, err)
		}
		*budget -= int64(len(data))
		return m.add(rel, data, lim)
	})
	if err != nil {
		return nil, fmt.Errorf("read evidence %s: %w", dir, err)
	}
	return m, nil
}

// readRegular reads at most max bytes of p, refusing a file that is not
// the regular file WalkDir saw (swapped for a link since).
func readRegular(p string, max int64) ([]byte, error) {
	before, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	after, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() || !os.SameFile(before, after) {
		return nil, fmt.Errorf("%w: changed while read", ErrUnsafeMember)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

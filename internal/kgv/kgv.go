package kgv

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Measurement kinds (the "dtype" of a bulkHash entry).
const (
	Boot0   = "boot0"
	Loader  = "blr"
	OSImage = "osimage"
)

// ErrInvalid is wrapped by every load error.
var ErrInvalid = errors.New("invalid known-good-values file")

// maxFileBytes bounds a KGV file (Cisco's full bundle is a few MiB).
const maxFileBytes = 256 << 20

// Entry is one known-good value.
type Entry struct {
	Kind     string // Boot0, Loader or OSImage
	Platform string
	Version  string
	File     string
	Hash     string // upper hex (biv_hash)
	SHA512   string // of the file, for osimage entries, when published
}

// Set is a loaded KGV file, indexed by kind and hash.
type Set struct {
	Path string
	// Date is when the values were published, from the file's header
	// ("date", "generated", "created", "timestamp"), else the file's
	// modification time with " (file modified)"; "" when neither is known.
	Date    string
	Entries []Entry
	byHash  map[string]map[string]Entry // kind → upper hash → entry
}

// Load reads a KGV JSON file (gzip-compressed or not), in the current
// bulkHash layout or the older KGV_format_2.0 products layout.
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load kgv: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("load kgv %s: %w", path, err)
	}
	if len(b) > maxFileBytes {
		return nil, fmt.Errorf("%w: %s: larger than %d bytes", ErrInvalid, path, maxFileBytes)
	}
	s, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.Path = path
	if st, err := f.Stat(); err == nil && s.Date == "" {
		s.Date = st.ModTime().UTC().Format("2006-01-02T15:04:05Z") + " (file modified)"
	}
	return s, nil
}

// headerDate is the publication date a KGV header names, or "".
func headerDate(h map[string]any) string {
	for _, k := range []string{"date", "generated", "created", "timestamp", "releaseDate"} {
		if v, ok := h[k].(string); ok && strings.TrimSpace(v) != "" && len(v) <= 64 {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Parse is Load on bytes.
func Parse(b []byte) (*Set, error) {
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %w", ErrInvalid, err)
		}
		if b, err = io.ReadAll(io.LimitReader(zr, maxFileBytes+1)); err != nil {
			return nil, fmt.Errorf("%w: gzip: %w", ErrInvalid, err)
		}
		if len(b) > maxFileBytes {
			return nil, fmt.Errorf("%w: decompressed larger than %d bytes", ErrInvalid, maxFileBytes)
		}
	}
	var doc document
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	s := &Set{byHash: map[string]map[string]Entry{}, Date: headerDate(doc.Header)}
	for _, e := range doc.BulkHash {
		s.add(Entry{Kind: e.DType, Platform: e.Platform, Version: e.Version, File: e.Filename, Hash: e.BIVHash, SHA512: e.SHA512})
		for _, p := range e.Pkg {
			s.add(Entry{Kind: OSImage, Platform: e.Platform, Version: e.Version, File: p.Filename, Hash: p.BIVHash, SHA512: p.SHA512})
		}
	}
	for _, p := range doc.Products {
		for kind, vs := range map[string][]version{Boot0: p.Boot0, Loader: p.BootLoader, OSImage: p.OSImage} {
			for _, v := range vs {
				for _, e := range v.Entries {
					s.add(Entry{Kind: kind, Platform: p.Product, Version: v.Version, File: e.Filename, Hash: e.BIVHash, SHA512: e.SHA512})
				}
			}
		}
	}
	if len(s.Entries) == 0 {
		return nil, fmt.Errorf("%w: no bulkHash or products entries with a biv_hash", ErrInvalid)
	}
	return s, nil
}

func (s *Set) add(e Entry) {
	e.Hash = strings.ToUpper(strings.TrimSpace(e.Hash))
	e.SHA512 = strings.ToLower(strings.TrimSpace(e.SHA512))
	if e.Hash == "" || (e.Kind != Boot0 && e.Kind != Loader && e.Kind != OSImage) {
		return
	}
	s.Entries = append(s.Entries, e)
	if s.byHash[e.Kind] == nil {
		s.byHash[e.Kind] = map[string]Entry{}
	}
	s.byHash[e.Kind][e.Hash] = e
}

// Known reports whether hash is a known-good value of kind, as BIV matches:
// any entry of that kind with that biv_hash, case-insensitive. A 64-hex
// device hash also matches the first half of a 128-hex entry (some
// measurements are truncated).
func (s *Set) Known(kind, hash string) (Entry, bool) {
	h := strings.ToUpper(strings.TrimSpace(hash))
	if h == "" || s == nil {
		return Entry{}, false
	}
	if e, ok := s.byHash[kind][h]; ok {
		return e, true
	}
	if len(h) == 64 {
		for k, e := range s.byHash[kind] {
			if strings.HasPrefix(k, h) {
				return e, true
			}
		}
	}
	return Entry{}, false
}

// Len is the number of entries.
func (s *Set) Len() int { return len(s.Entries) }

// document covers both published layouts.
type document struct {
	Header   map[string]any `json:"header"`
	BulkHash []struct {
		DType    string `json:"dtype"`
		Platform string `json:"platform"`
		Version  string `json:"version"`
		Filename string `json:"filename"`
		SHA512   string `json:"sha512"`
		BIVHash  string `json:"biv_hash"`
		Pkg      []struct {
			Filename string `json:"filename"`
			SHA512   string `json:"sha512"`
			BIVHash  string `json:"biv_hash"`
		} `json:"pkg"`
	} `json:"bulkHash"`
	Products []struct {
		Product    string    `json:"product"`
		Boot0      []version `json:"boot0Versions"`
		BootLoader []version `json:"bootLoaderVersions"`
		OSImage    []version `json:"osImageVersions"`
	} `json:"products"`
}

type version struct {
	Version string `json:"version"`
	Entries []struct {
		Filename string `json:"filename"`
		BIVHash  string `json:"biv_hash"`
		SHA512   string `json:"sha512"`
	} `json:"entries"`
}

package collect

import (
	"context"
	"crypto/md5" //nolint:gosec // legacy baselines publish md5; sha512 is what rules trust
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"golang.org/x/time/rate"
)

type sinkOptions struct {
	limit   int64
	md5     bool
	limiter *rate.Limiter
	saveDir string
	device  string
	path    string
}

// hashSink hashes what is written to it, refuses to go past its limit,
// paces writes with an optional rate limiter and optionally keeps a
// forensic copy. It is an io.Writer; nothing else buffers the file.
type hashSink struct {
	ctx     context.Context // the transfer's; only for the rate limiter's wait
	o       sinkOptions
	sha     hash.Hash
	md      hash.Hash
	n       int64
	save    *os.File
	saveTmp string
}

func newHashSink(ctx context.Context, o sinkOptions) (*hashSink, error) {
	s := &hashSink{ctx: ctx, o: o, sha: sha512.New()}
	if o.md5 {
		s.md = md5.New() //nolint:gosec // see import
	}
	if o.saveDir != "" {
		if err := os.MkdirAll(o.saveDir, 0o700); err != nil {
			return nil, fmt.Errorf("save image: %w", err)
		}
		f, err := os.CreateTemp(o.saveDir, ".partial-*")
		if err != nil {
			return nil, fmt.Errorf("save image: %w", err)
		}
		s.save, s.saveTmp = f, f.Name()
	}
	return s, nil
}

// Write implements io.Writer.
func (s *hashSink) Write(p []byte) (int, error) {
	if s.n+int64(len(p)) > s.o.limit {
		return 0, fmt.Errorf("%w: more than %d bytes", ErrSizeExceeded, s.o.limit)
	}
	if s.o.limiter != nil {
		for rest := p; len(rest) > 0; {
			k := min(len(rest), s.o.limiter.Burst())
			if err := s.o.limiter.WaitN(s.ctx, k); err != nil {
				return 0, fmt.Errorf("rate limit: %w", err)
			}
			rest = rest[k:]
		}
	}
	s.sha.Write(p)
	if s.md != nil {
		s.md.Write(p)
	}
	if s.save != nil {
		if _, err := s.save.Write(p); err != nil {
			return 0, fmt.Errorf("save image: %w", err)
		}
	}
	s.n += int64(len(p))
	return len(p), nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// close finishes the forensic copy: kept under DEVICE_FILE when ok, removed
// otherwise.
func (s *hashSink) close(ok bool) error {
	if s.save == nil {
		return nil
	}
	err := s.save.Close()
	if !ok || err != nil {
		_ = os.Remove(s.saveTmp)
		if err != nil {
			return fmt.Errorf("save image: %w", err)
		}
		return nil
	}
	name := unsafeName.ReplaceAllString(s.o.device+"_"+s.o.path, "_")
	final, err := keepUnder(s.saveTmp, filepath.Join(s.o.saveDir, name))
	if err != nil {
		_ = os.Remove(s.saveTmp)
		return fmt.Errorf("save image: %w", err)
	}
	s.saveTmp = final
	return nil
}

// maxCopies bounds the suffixes tried for one saved name.
const maxCopies = 1000

// keepUnder gives tmp the name want, or want.1, want.2, … when that is
// taken: two device paths that sanitize to the same name (or the same file
// saved twice) never overwrite each other's copy. os.Link fails rather
// than replace, so concurrent devices cannot race onto one name.
func keepUnder(tmp, want string) (string, error) {
	for i := range maxCopies {
		name := want
		if i > 0 {
			name = fmt.Sprintf("%s.%d", want, i)
		}
		err := os.Link(tmp, name)
		if err == nil {
			return name, os.Remove(tmp)
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: %d copies already kept", filepath.Base(want), maxCopies)
}

func (s *hashSink) result(path string, d time.Duration) FileHash {
	fh := FileHash{Path: path, Size: s.n, SHA512: hex.EncodeToString(s.sha.Sum(nil)), Duration: d}
	if s.md != nil {
		fh.MD5 = hex.EncodeToString(s.md.Sum(nil))
	}
	if s.save != nil {
		fh.SavedAs = s.saveTmp
	}
	return fh
}

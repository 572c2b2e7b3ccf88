package inventory

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxSecretFile bounds what a password or community file may hold.
const maxSecretFile = 64 << 10

// resolver reads secrets from env vars and files, once each.
type resolver struct {
	getenv func(string) (string, bool)
	log    *slog.Logger
	errs   *errList
	cache  map[string]resolved
	// unresolved are the secrets that could not be resolved, in order (not
	// deduplicated: each device that inherits one needs its reason).
	unresolved []*FieldError
}

// unresolvable records a secret that could not be resolved.
func (r *resolver) unresolvable(p pos, s subject, field, msg string) {
	r.unresolved = append(r.unresolved, &FieldError{File: p.file, Line: p.line, Device: s.device, Section: s.section, Field: field, Msg: msg})
}

// reasons returns the messages of the secrets unresolved since mark.
func (r *resolver) reasons(mark int) []string {
	var out []string
	for _, e := range r.unresolved[mark:] {
		out = append(out, e.Error())
	}
	return out
}

type resolved struct {
	s   Secret
	msg string
}

// secret resolves the one of keys that l sets (a *_env, *_file or plain
// key). It reports false when none is set or on error: a schema error is
// recorded in errs, a secret that cannot be resolved (variable unset, file
// unreadable) in unresolved.
func (r *resolver) secret(l layer, s subject, keys ...string) (Secret, bool) {
	var set []string
	for _, k := range keys {
		if _, ok := l[k]; ok {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return Secret{}, false
	}
	if len(set) > 1 {
		e := l[set[1]]
		r.errs.add(e.pos, s, set[1], "conflicts with %s; set only one", set[0])
		return Secret{}, false
	}
	key := set[0]
	e := l[key]
	v := e.str()
	if v == "" {
		return Secret{}, false // invalid value, already reported
	}
	var res resolved
	switch {
	case strings.HasSuffix(key, "_env"):
		res = r.env(v)
	case strings.HasSuffix(key, "_file"):
		res = r.file(resolvePath(e))
	default:
		r.log.Warn("plain-text secret in inventory; use an _env or _file key instead",
			"file", e.file, "line", e.line, "field", key, "subject", s.device+s.section)
		res = resolved{s: NewSecret(v)}
	}
	if res.msg != "" {
		r.unresolvable(e.pos, s, key, res.msg)
		return Secret{}, false
	}
	return res.s, true
}

func (r *resolver) env(name string) resolved {
	key := "env:" + name
	if res, ok := r.cache[key]; ok {
		return res
	}
	v, ok := r.getenv(name)
	res := resolved{s: NewSecret(v)}
	switch {
	case !ok:
		res.msg = fmt.Sprintf("environment variable %s is not set", name)
	case v == "":
		res.msg = fmt.Sprintf("environment variable %s is empty", name)
	}
	r.cache[key] = res
	return res
}

func (r *resolver) file(path string) resolved {
	key := "file:" + path
	if res, ok := r.cache[key]; ok {
		return res
	}
	v, err := readSecretFile(path, r.log)
	res := resolved{s: NewSecret(v)}
	if err != nil {
		res.msg = fmt.Sprintf("cannot read %s: %s", quote(path), describe(err))
	}
	r.cache[key] = res
	return res
}

var (
	errTooLarge = errors.New("file is larger than 64 KiB")
	errEmpty    = errors.New("file is empty")
	errNotFile  = errors.New("not a regular file")
	errExposed  = errors.New("file is readable or writable by others; chmod 600 it")
)

// readSecretFile reads a bounded secret, trailing newlines removed.
func readSecretFile(path string, log *slog.Logger) (string, error) {
	f, err := openRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("stat: %w", err)
	}
	switch perm := st.Mode().Perm(); {
	case perm&0o007 != 0: // any local user could read it: not a secret, or not ours to send
		return "", errExposed
	case perm&0o070 != 0:
		log.Warn("secret file is readable by group or others; chmod 600 it", "file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return "", fmt.Errorf("read: %w", err)
	}
	if len(b) > maxSecretFile {
		return "", errTooLarge
	}
	v := strings.TrimRight(string(b), "\r\n")
	if v == "" {
		return "", errEmpty
	}
	return v, nil
}

// openRegular opens path for reading and checks it is a regular file. It
// opens without blocking, so a FIFO (whose open waits for a writer, deaf to
// SIGINT) is refused at once; a symlink to a device (/dev/zero) is refused too.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = errNotFile
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// describe gives the reason of a file error without repeating the path.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// resolvePath makes a relative path relative to the file that set it.
func resolvePath(e entry) string {
	p := e.str()
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(e.file), p)
}

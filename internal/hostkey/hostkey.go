package hostkey

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Policy says what to do with a host that has no key in known_hosts.
type Policy string

const (
	// Strict refuses unknown hosts. It is the default.
	Strict Policy = "strict"
	// TOFU pins the key of an unknown host on first use. A changed key is
	// still refused: TOFU pins, it never re-pins.
	TOFU Policy = "tofu"
)

var (
	// ErrHostKeyChanged means the host presented a key that differs from
	// the pinned one (or a revoked key). Credentials were not sent.
	ErrHostKeyChanged = errors.New("host key changed")
	// ErrHostKeyUnknown means the host has no pinned key and the policy is
	// strict. Credentials were not sent.
	ErrHostKeyUnknown = errors.New("host key unknown")
)

// ParsePolicy returns the policy named s; "" is Strict.
func ParsePolicy(s string) (Policy, error) {
	switch Policy(s) {
	case "", Strict:
		return Strict, nil
	case TOFU:
		return TOFU, nil
	}
	return "", fmt.Errorf("unknown host key policy %q (known: strict, tofu)", s)
}

// Fingerprint returns the OpenSSH SHA256 fingerprint of k ("SHA256:…").
func Fingerprint(k ssh.PublicKey) string {
	return ssh.FingerprintSHA256(k)
}

// Store checks host keys against one known_hosts file. It is safe for
// concurrent use by many sweep workers.
type Store struct {
	path   string
	policy Policy
	log    *slog.Logger

	mu    sync.Mutex
	check ssh.HostKeyCallback // nil: the file does not exist yet
	seen  map[string]ssh.PublicKey
}

// Open reads the known_hosts file at path. A missing file is an empty
// database: under Strict every host is unknown; under TOFU the file is
// created (0600, parent directories 0700) on the first pin.
func Open(path string, policy Policy) (*Store, error) {
	if policy == "" {
		policy = Strict
	}
	if policy != Strict && policy != TOFU {
		return nil, fmt.Errorf("open known_hosts: unknown host key policy %q (known: strict, tofu)", policy)
	}
	s := &Store{path: path, policy: policy, log: slog.New(slog.DiscardHandler), seen: map[string]ssh.PublicKey{}}
	if err := s.reload(); err != nil {
		return nil, err
	}
	return s, nil
}

// SetLogger sets the logger that records TOFU pins (Info). Call it before
// the store is shared.
func (s *Store) SetLogger(l *slog.Logger) {
	if l != nil {
		s.log = l
	}
}

// Path is the known_hosts file the store reads and appends to.
func (s *Store) Path() string { return s.path }

// Policy is the store's policy.
func (s *Store) Policy() Policy { return s.policy }

func (s *Store) reload() error {
	cb, err := knownhosts.New(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		s.check = nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("read known_hosts: %w", err)
	}
	s.check = cb
	if idx, ok, err := buildPlainIndex(s.path); err != nil {
		return fmt.Errorf("read known_hosts: %w", err)
	} else if ok {
		s.check = idx.check
	}
	return nil
}

// Seen returns the key the device called name presented last, if any.
func (s *Store) Seen(name string) (ssh.PublicKey, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.seen[name]
	return k, ok
}

// Algorithms returns the host key algorithms pinned for host ("addr:port"),
// so a client asks only for key types it can verify and a host with several
// keys is not mistaken for a changed one. Nil when the host is unknown.
func (s *Store) Algorithms(host string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ke *knownhosts.KeyError
	if s.check == nil || !errors.As(s.check(host, fakeAddr(host), probeKey{}), &ke) {
		return nil
	}
	var algos []string
	for _, k := range ke.Want {
		switch t := k.Key.Type(); t {
		case ssh.KeyAlgoRSA:
			algos = append(algos, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA)
		default:
			algos = append(algos, t)
		}
	}
	return algos
}

// Callback returns the host key callback for the device called name. It
// records the key it saw (Seen), accepts a pinned key, refuses a changed one
// with ErrHostKeyChanged, and for an unknown host refuses (Strict) or pins
// (TOFU). It runs during key exchange, so a refusal sends no credentials.
func (s *Store) Callback(name string) ssh.HostKeyCallback {
	return s.callback(name, true)
}

// callback is Callback; device says whether name is a device (its
// refusal can point at `fwaudit hostkey accept NAME`) or a jump host.
func (s *Store) callback(name string, device bool) ssh.HostKeyCallback {
	return func(host string, remote net.Addr, key ssh.PublicKey) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.seen[name] = key
		var err error
		if s.check == nil {
			err = &knownhosts.KeyError{}
		} else {
			err = s.check(host, remote, key)
		}
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &re):
			return fmt.Errorf("%w: %s (%s) presented %s, which %s:%d marks @revoked; credentials were not sent",
				ErrHostKeyChanged, name, host, Fingerprint(key), re.Revoked.Filename, re.Revoked.Line)
		case errors.As(err, &ke) && len(ke.Want) > 0:
			return s.changed(name, host, key, ke.Want, device)
		case errors.As(err, &ke) && s.policy == TOFU:
			return s.pin(name, host, key)
		case errors.As(err, &ke):
			return s.unknown(name, host, key)
		}
		return fmt.Errorf("check host key: %w", err)
	}
}

func (s *Store) changed(name, host string, key ssh.PublicKey, want []knownhosts.KnownKey, device bool) error {
	old := make([]string, len(want))
	lines := make([]string, len(want))
	for i, k := range want {
		old[i] = fmt.Sprintf("%s (%s:%d)", Fingerprint(k.Key), k.Filename, k.Line)
		lines[i] = fmt.Sprintf("%s:%d", k.Filename, k.Line)
	}
	fix := fmt.Sprintf("(or: fwaudit hostkey accept %s --fingerprint <the fingerprint read on the device's console>)", name)
	if !device {
		fix = fmt.Sprintf("(%s), then pin the new key after checking it on the jump host's console", strings.Join(lines, ", "))
	}
	return fmt.Errorf("%w: %s (%s) presented %s %s, known_hosts pins %s; credentials were not sent; "+
		"if the change is expected: remove the line for %s from %s %s",
		ErrHostKeyChanged, name, host, key.Type(), Fingerprint(key), strings.Join(old, ", "),
		knownhosts.Normalize(host), s.path, fix)
}

func (s *Store) unknown(name, host string, key ssh.PublicKey) error {
	h, p, err := net.SplitHostPort(host)
	if err != nil {
		h, p = host, "22"
	}
	return fmt.Errorf("%w: %s (%s) presented %s %s, which is not in %s; credentials were not sent; "+
		"check the fingerprint out of band (the device's console), then pin it: "+
		"fwaudit hostkey accept %s --fingerprint <the fingerprint you read> (or ssh-keyscan -p %s %s >> %s); "+
		"or trust on first use: ssh: {host_key_policy: tofu} for this device in the inventory",
		ErrHostKeyUnknown, name, host, key.Type(), Fingerprint(key), s.path, name, p, h, s.path)
}

// pin appends a line for host and reloads the database. s.mu is held, so
// concurrent pins are serialized and each line is written whole.
func (s *Store) pin(name, host string, key ssh.PublicKey) error {
	line := knownhosts.Line([]string{knownhosts.Normalize(host)}, key) + "\n"
	if err := appendLine(s.path, line); err != nil {
		return fmt.Errorf("pin host key: %w", err)
	}
	if err := s.reload(); err != nil {
		return fmt.Errorf("pin host key: %w", err)
	}
	s.log.Info("pinned host key on first use", "device", name, "address", host,
		"host_key_sha256", Fingerprint(key), "file", s.path)
	return nil
}

func appendLine(path, line string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && !bytes.Equal(last, []byte("\n")) {
			line = "\n" + line
		}
	}
	if _, err := f.WriteString(line); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

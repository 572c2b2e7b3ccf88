package hostkey

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// ErrFingerprintFormat means a fingerprint given by the operator is neither
// OpenSSH's "SHA256:<base64>" nor 64 hex digits of SHA-256.
var ErrFingerprintFormat = errors.New("fingerprint format")

// PinnedKey is one key known_hosts pins for a host.
type PinnedKey struct {
	Key  ssh.PublicKey
	File string
	Line int
}

// Pinned returns the keys the known_hosts file at path pins for host
// ("addr:port"), in file order. A missing file pins nothing.
func Pinned(path, host string) ([]PinnedKey, error) {
	cb, err := knownhosts.New(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read known_hosts: %w", err)
	}
	var ke *knownhosts.KeyError
	if !errors.As(cb(host, fakeAddr(host), probeKey{}), &ke) {
		return nil, nil
	}
	out := make([]PinnedKey, len(ke.Want))
	for i, k := range ke.Want {
		out[i] = PinnedKey{Key: k.Key, File: k.Filename, Line: k.Line}
	}
	return out, nil
}

// CheckFingerprint validates an operator-supplied fingerprint's format
// (see MatchFingerprint) without a key to compare it with.
func CheckFingerprint(fp string) error {
	_, err := decodeFingerprint(fp)
	return err
}

// MatchFingerprint reports whether key has the fingerprint fp, given as
// OpenSSH prints it ("SHA256:<base64>", padding optional) or as the SHA-256
// in hex (colons and case ignored), as some device consoles print it.
func MatchFingerprint(key ssh.PublicKey, fp string) (bool, error) {
	want, err := decodeFingerprint(fp)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(key.Marshal())
	return hmac.Equal(want, sum[:]), nil
}

func decodeFingerprint(fp string) ([]byte, error) {
	fp = strings.TrimSpace(fp)
	if b64, ok := strings.CutPrefix(fp, "SHA256:"); ok {
		got, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(b64, "="))
		if err != nil || len(got) != sha256.Size {
			return nil, fmt.Errorf("%w: %q is not SHA256:<43 base64 characters>", ErrFingerprintFormat, fp)
		}
		return got, nil
	}
	got, err := hex.DecodeString(strings.ReplaceAll(fp, ":", ""))
	if err != nil || len(got) != sha256.Size {
		return nil, fmt.Errorf("%w: %q is neither SHA256:<base64> (as ssh-keygen -lf prints it) nor 64 hex digits of SHA-256", ErrFingerprintFormat, fp)
	}
	return got, nil
}

// Replace re-pins host ("addr:port") to key in the known_hosts file at
// path: every plain or hashed (|1|) entry naming exactly that host is
// removed (from a line that names other hosts too, only that name), and
// one line for key is appended. Comments, markers (@revoked,
// @cert-authority), wildcard patterns and other hosts' lines are kept. The
// file is replaced atomically (temp file, rename) with its mode; a missing
// file is created 0600. It returns the keys that were removed, and fails,
// leaving the file alone, when the result would still refuse key (revoked).
func Replace(path, host string, key ssh.PublicKey) ([]ssh.PublicKey, error) {
	old, err := os.ReadFile(path)
	mode := fs.FileMode(0o600)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("re-pin host key: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("re-pin host key: %w", err)
	default:
		st, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("re-pin host key: %w", err)
		}
		mode = st.Mode().Perm()
	}
	name := knownhosts.Normalize(host)
	out, removed := dropHost(old, name)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	out = append(out, knownhosts.Line([]string{name}, key)+"\n"...)
	if err := writeChecked(path, out, mode, host, key); err != nil {
		return nil, fmt.Errorf("re-pin host key: %w", err)
	}
	return removed, nil
}

// dropHost removes name from every unmarked line that lists it, and returns
// the new content with the keys of the lines it touched.
func dropHost(data []byte, name string) ([]byte, []ssh.PublicKey) {
	var out bytes.Buffer
	var removed []ssh.PublicKey
	for line := range bytes.Lines(data) {
		fields := bytes.Fields(line)
		if len(fields) < 3 || fields[0][0] == '#' || fields[0][0] == '@' {
			out.Write(line)
			continue
		}
		var keep []string
		for _, p := range strings.Split(string(fields[0]), ",") {
			if !namesHost(p, name) {
				keep = append(keep, p)
			}
		}
		if len(keep) == len(strings.Split(string(fields[0]), ",")) {
			out.Write(line)
			continue
		}
		if k, _, _, _, err := ssh.ParseAuthorizedKey(bytes.Join(fields[1:], []byte(" "))); err == nil {
			removed = append(removed, k)
		}
		if len(keep) > 0 {
			rest := bytes.TrimLeft(bytes.TrimLeft(line, " \t")[len(fields[0]):], " \t")
			out.WriteString(strings.Join(keep, ",") + " ")
			out.Write(rest)
		}
	}
	return out.Bytes(), removed
}

// namesHost reports whether the known_hosts pattern p is exactly name,
// plainly or hashed (|1|salt|hash, HMAC-SHA1 keyed with the salt).
func namesHost(p, name string) bool {
	if strings.EqualFold(p, name) {
		return true
	}
	parts := strings.Split(p, "|")
	if len(parts) != 4 || parts[0] != "" || parts[1] != "1" {
		return false
	}
	salt, err1 := base64.StdEncoding.DecodeString(parts[2])
	want, err2 := base64.StdEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil {
		return false
	}
	mac := hmac.New(sha1.New, salt)
	mac.Write([]byte(name))
	return hmac.Equal(mac.Sum(nil), want)
}

// writeChecked writes data to a temp file beside path, checks that it
// accepts key for host, and renames it over path.
func writeChecked(path string, data []byte, mode fs.FileMode, host string, key ssh.PublicKey) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename: a no-op
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	cb, err := knownhosts.New(tmp.Name())
	if err != nil {
		return fmt.Errorf("check new known_hosts: %w", err)
	}
	if err := cb(host, fakeAddr(host), key); err != nil {
		return fmt.Errorf("new known_hosts would still refuse %s: %w", Fingerprint(key), err)
	}
	return os.Rename(tmp.Name(), path)
}

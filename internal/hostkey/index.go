package hostkey

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// plainIndex answers host-key checks from a map, for a known_hosts file
// whose host patterns are all plain names or [addr]:port (what fwaudit,
// ssh-keyscan and the lab write). knownhosts scans every line on every
// check and Store serializes checks, so a 10,000-device fleet with one
// line per device made the checks quadratic (12 % of a sweep's CPU). A file
// with hashed names, wildcards, negations or @cert-authority lines keeps
// the knownhosts callback: the index never guesses at those semantics.
type plainIndex struct {
	hosts   map[plainAddr][]knownhosts.KnownKey
	revoked map[string]knownhosts.KnownKey // by marshalled key
}

type plainAddr struct{ host, port string }

// buildPlainIndex indexes path; ok is false when the file has a line the
// index does not cover. The file has already been accepted by
// knownhosts.New, so a line ssh.ParseKnownHosts refuses cannot occur.
func buildPlainIndex(path string) (idx *plainIndex, ok bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	idx = &plainIndex{hosts: map[plainAddr][]knownhosts.KnownKey{}, revoked: map[string]knownhosts.KnownKey{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		marker, hosts, key, _, _, err := ssh.ParseKnownHosts(line)
		if err != nil {
			return nil, false, nil // let knownhosts report or skip it as it does
		}
		kk := knownhosts.KnownKey{Key: key, Filename: path, Line: n}
		switch marker {
		case "revoked":
			idx.revoked[string(key.Marshal())] = kk
			continue
		case "":
		default:
			return nil, false, nil
		}
		for _, h := range hosts {
			a, plain := parsePlain(h)
			if !plain {
				return nil, false, nil
			}
			idx.hosts[a] = append(idx.hosts[a], kk)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("read known_hosts %s: %w", path, err)
	}
	return idx, true, nil
}

// parsePlain reads one host pattern the way knownhosts does for a name
// without wildcards: "[host]:port" or "host" (port 22).
func parsePlain(p string) (plainAddr, bool) {
	if p == "" || strings.ContainsAny(p, "*?!|") {
		return plainAddr{}, false
	}
	if p[0] != '[' {
		return plainAddr{p, "22"}, true
	}
	h, port, err := net.SplitHostPort(p)
	if err != nil {
		return plainAddr{}, false
	}
	return plainAddr{h, port}, true
}

// check has knownhosts' semantics: a revoked key is refused, the key of
// any line for the address is accepted, otherwise a KeyError lists the
// address's keys (none: unknown host).
func (idx *plainIndex) check(address string, remote net.Addr, key ssh.PublicKey) error {
	blob := key.Marshal()
	if r, ok := idx.revoked[string(blob)]; ok {
		return &knownhosts.RevokedError{Revoked: r}
	}
	if address == "" {
		address = remote.String()
	}
	h, p, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("knownhosts: SplitHostPort(%s): %w", address, err)
	}
	want := idx.hosts[plainAddr{h, p}]
	for _, k := range want {
		if bytes.Equal(k.Key.Marshal(), blob) {
			return nil
		}
	}
	return &knownhosts.KeyError{Want: want}
}

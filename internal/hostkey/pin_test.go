package hostkey_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/hostkey"
)

func TestReplace(t *testing.T) {
	oldKey, newKey, otherKey := newKey(t).PublicKey(), newKey(t).PublicKey(), newKey(t).PublicKey()
	name := knownhosts.Normalize(host) // [127.0.0.1]:2222
	line := func(hosts string, k ssh.PublicKey) string { return knownhosts.Line([]string{hosts}, k) }
	keyText := func(k ssh.PublicKey) string { return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k))) }
	other := line("[127.0.0.1]:2223", otherKey)
	want := line(name, newKey)

	tests := []struct {
		name    string
		lines   []string // nil: no file
		want    []string // the file afterwards
		removed []ssh.PublicKey
		wantErr string
	}{
		{name: "plain", lines: []string{"# comment", line(name, oldKey), other},
			want: []string{"# comment", other, want}, removed: []ssh.PublicKey{oldKey}},
		{name: "hashed", lines: []string{line(knownhosts.HashHostname(name), oldKey), other},
			want: []string{other, want}, removed: []ssh.PublicKey{oldKey}},
		{name: "several-keys", lines: []string{line(name, oldKey), line(knownhosts.HashHostname(name), otherKey)},
			want: []string{want}, removed: []ssh.PublicKey{oldKey, otherKey}},
		{name: "shared-line-keeps-other-names", lines: []string{"[127.0.0.1]:2223," + name + " " + keyText(oldKey)},
			want: []string{"[127.0.0.1]:2223 " + keyText(oldKey), want}, removed: []ssh.PublicKey{oldKey}},
		{name: "other-port-untouched", lines: []string{other, line("127.0.0.1", oldKey)},
			want: []string{other, line("127.0.0.1", oldKey), want}},
		{name: "unknown-host", lines: []string{other}, want: []string{other, want}},
		{name: "no-file", want: []string{want}},
		{name: "revoked-refused", lines: []string{"@revoked * " + keyText(newKey), line(name, oldKey)},
			wantErr: "would still refuse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sub", "known_hosts")
			if tc.lines != nil {
				path = writeKnownHosts(t, tc.lines...)
				require.NoError(t, os.Chmod(path, 0o644))
			}
			before, _ := os.ReadFile(path)
			removed, err := hostkey.Replace(path, host, newKey)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				after, _ := os.ReadFile(path)
				require.Equal(t, string(before), string(after), "file unchanged")
				return
			}
			require.NoError(t, err)
			require.Equal(t, fingerprints(tc.removed), fingerprints(removed))
			after, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Equal(t, strings.Join(tc.want, "\n")+"\n", string(after))
			st, err := os.Stat(path)
			require.NoError(t, err)
			wantMode := os.FileMode(0o644)
			if tc.lines == nil {
				wantMode = 0o600
			}
			require.Equal(t, wantMode, st.Mode().Perm())
			entries, err := os.ReadDir(filepath.Dir(path))
			require.NoError(t, err)
			require.Len(t, entries, 1, "no temp file left behind")

			s, err := hostkey.Open(path, hostkey.Strict)
			require.NoError(t, err)
			require.NoError(t, s.Callback("rtr-1")(host, remote, newKey))
			pinned, err := hostkey.Pinned(path, host)
			require.NoError(t, err)
			require.Len(t, pinned, 1)
			require.Equal(t, hostkey.Fingerprint(newKey), hostkey.Fingerprint(pinned[0].Key))
		})
	}
}

func fingerprints(keys []ssh.PublicKey) []string {
	var out []string
	for _, k := range keys {
		out = append(out, hostkey.Fingerprint(k))
	}
	return out
}

func TestMatchFingerprint(t *testing.T) {
	key, other := newKey(t).PublicKey(), newKey(t).PublicKey()
	sum := sha256.Sum256(key.Marshal())
	hexColons := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	for i := 0; i < len(hexColons); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(hexColons[i : i+2])
	}
	tests := []struct {
		name    string
		fp      string
		match   bool
		wantErr bool
	}{
		{name: "openssh", fp: hostkey.Fingerprint(key), match: true},
		{name: "openssh-padded", fp: hostkey.Fingerprint(key) + "=", match: true},
		{name: "hex", fp: hex.EncodeToString(sum[:]), match: true},
		{name: "hex-colons-upper", fp: b.String(), match: true},
		{name: "other-key", fp: hostkey.Fingerprint(other)},
		{name: "truncated", fp: hostkey.Fingerprint(key)[:20], wantErr: true},
		{name: "md5", fp: "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", wantErr: true},
		{name: "empty", fp: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := hostkey.MatchFingerprint(key, tc.fp)
			if tc.wantErr {
				require.ErrorIs(t, err, hostkey.ErrFingerprintFormat)
				require.ErrorIs(t, hostkey.CheckFingerprint(tc.fp), hostkey.ErrFingerprintFormat)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.match, ok)
		})
	}
}

func TestHopChangedMessageNamesTheFile(t *testing.T) {
	pinned, other := newKey(t).PublicKey(), newKey(t).PublicKey()
	path := writeKnownHosts(t, "# bastions", knownhosts.Line([]string{knownhosts.Normalize(host)}, pinned))
	s, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	err = s.HopCallback("core-rtr-01", 2)(host, remote, other)
	require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
	msg := err.Error()
	require.Contains(t, msg, "jump host 2 of core-rtr-01")
	require.Contains(t, msg, "remove the line for [127.0.0.1]:2222 from "+path+" ("+path+":2)")
	require.NotContains(t, msg, "fwaudit hostkey accept", "accept re-pins devices, not hops")
}

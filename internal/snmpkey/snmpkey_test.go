package snmpkey

import (
	"crypto"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/gosnmp/gosnmp"
	"github.com/stretchr/testify/require"
)

const rfcEngine = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02"

// TestRFC3414Vectors: the worked examples of RFC 3414 appendix A.3
// (password "maplesyrup", engine ID 00…02), quoted from the RFC.
func TestRFC3414Vectors(t *testing.T) {
	for _, c := range []struct {
		hash    crypto.Hash
		ku, kul string
	}{
		{crypto.MD5, "9faf3283884e92834ebc9847d8edd963", "526f5eed9fcce26f8964c2930787d82b"},
		{crypto.SHA1, "9fb5cc0381497b3793528939ff788d5d79145211", "6695febc9288e36282235fc7151f128497b38f3f"},
	} {
		t.Run(c.hash.String(), func(t *testing.T) {
			ku, err := passwordKey(c.hash, "maplesyrup")
			require.NoError(t, err)
			require.Equal(t, c.ku, hex.EncodeToString(ku))
			kul, err := localized(c.hash, "maplesyrup", rfcEngine)
			require.NoError(t, err)
			require.Equal(t, c.kul, hex.EncodeToString(kul))
		})
	}
}

// TestLocalizeMatchesGoSNMP: for every auth × privacy protocol, the keys
// are the ones gosnmp derives itself, so a session given them
// interoperates exactly as one that derived them.
func TestLocalizeMatchesGoSNMP(t *testing.T) {
	auths := []gosnmp.SnmpV3AuthProtocol{gosnmp.MD5, gosnmp.SHA, gosnmp.SHA224, gosnmp.SHA256, gosnmp.SHA384, gosnmp.SHA512}
	privs := []gosnmp.SnmpV3PrivProtocol{gosnmp.NoPriv, gosnmp.DES, gosnmp.AES, gosnmp.AES192, gosnmp.AES256, gosnmp.AES192C, gosnmp.AES256C}
	for _, a := range auths {
		for _, p := range privs {
			for _, engine := range []string{rfcEngine, "\x80\x00\x00\x09\x03\xaa\xbb\xcc\xdd\xee\xff"} {
				t.Run(fmt.Sprintf("%v/%v/%x", a, p, engine), func(t *testing.T) {
					sp := &gosnmp.UsmSecurityParameters{
						AuthoritativeEngineID: engine, AuthenticationProtocol: a, AuthenticationPassphrase: "auth-pass-1",
						PrivacyProtocol: p, PrivacyPassphrase: "priv-pass-22",
					}
					require.NoError(t, sp.InitSecurityKeys())
					k, err := Localize(a, "auth-pass-1", p, "priv-pass-22", engine)
					require.NoError(t, err)
					require.Equal(t, sp.SecretKey, k.Auth, "auth key")
					if p == gosnmp.NoPriv {
						require.Empty(t, k.Priv)
						return
					}
					require.Equal(t, sp.PrivacyKey, k.Priv, "privacy key")
				})
			}
		}
	}
}

func TestLocalizeDiffersByPasswordAndEngine(t *testing.T) {
	a, err := Localize(gosnmp.SHA, "secret-one", gosnmp.AES, "secret-two", rfcEngine)
	require.NoError(t, err)
	b, err := Localize(gosnmp.SHA, "secret-one", gosnmp.AES, "secret-twO", rfcEngine)
	require.NoError(t, err)
	c, err := Localize(gosnmp.SHA, "secret-one", gosnmp.AES, "secret-two", "\x80\x00\x00\x09\x03\x01\x02\x03\x04\x05")
	require.NoError(t, err)
	require.Equal(t, a.Auth, b.Auth)
	require.NotEqual(t, a.Priv, b.Priv)
	require.NotEqual(t, a.Auth, c.Auth)
	require.NotEqual(t, a.Priv, c.Priv)
}

func TestLocalizeRefusesEmptyPassword(t *testing.T) {
	_, err := Localize(gosnmp.SHA, "", gosnmp.NoPriv, "", rfcEngine)
	require.ErrorIs(t, err, ErrEmptyPassword)
	_, err = Localize(gosnmp.SHA, "x-password", gosnmp.AES, "", rfcEngine)
	require.ErrorIs(t, err, ErrEmptyPassword)
	k, err := Localize(gosnmp.NoAuth, "", gosnmp.NoPriv, "", rfcEngine)
	require.NoError(t, err)
	require.Empty(t, k.Auth)
}

// BenchmarkLocalize: one device's keys once the passwords are cached
// (what a sweep pays per engine) against gosnmp deriving them (what it
// paid before, per derivation; a session derived up to three times).
func BenchmarkLocalize(b *testing.B) {
	engines := make([]string, 4096)
	for i := range engines {
		engines[i] = fmt.Sprintf("\x80\x00\x00\x09\x03engine-%05d", i)
	}
	b.Run("snmpkey", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := Localize(gosnmp.SHA, "auth-pass-1", gosnmp.AES, "priv-pass-22", engines[i%len(engines)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("gosnmp", func(b *testing.B) {
		i := 0
		for b.Loop() {
			sp := &gosnmp.UsmSecurityParameters{
				AuthoritativeEngineID: engines[i%len(engines)], AuthenticationProtocol: gosnmp.SHA, AuthenticationPassphrase: "auth-pass-1",
				PrivacyProtocol: gosnmp.AES, PrivacyPassphrase: "priv-pass-22",
			}
			if err := sp.InitSecurityKeys(); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

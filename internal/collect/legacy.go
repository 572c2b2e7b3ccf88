package collect

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
)

// ErrLegacyAlgorithms means the device and fwaudit share no modern SSH
// key exchange, cipher or MAC: the device offers only legacy ones
// (diffie-hellman-group14-sha1, aes128-cbc, ...). The fix is per device:
// inventory `ssh: {legacy_algorithms: true}`.
var ErrLegacyAlgorithms = errors.New("device offers only legacy SSH algorithms")

// Legacy algorithms offered only to a device whose inventory entry asks for
// them, after the modern ones (a device that can do better still does).
var (
	legacyKex     = []string{ssh.InsecureKeyExchangeDH14SHA1, ssh.InsecureKeyExchangeDH1SHA1, ssh.InsecureKeyExchangeDHGEXSHA1}
	legacyCiphers = []string{ssh.InsecureCipherAES128CBC, ssh.InsecureCipherTripleDESCBC}
	legacyMACs    = []string{ssh.HMACSHA1, ssh.InsecureHMACSHA196}
	legacyHostKey = []string{ssh.KeyAlgoRSA}
)

// setAlgorithms sets what cfg offers: the modern algorithms only (x/crypto
// also enables diffie-hellman-group14-sha1 and hmac-sha1 by default; we do
// not), plus the legacy ones when legacy is set. Never process-wide: cfg is
// one connection's.
func setAlgorithms(cfg *ssh.ClientConfig, legacy bool) {
	modern := ssh.SupportedAlgorithms()
	cfg.KeyExchanges = slices.DeleteFunc(modern.KeyExchanges, func(k string) bool { return slices.Contains(legacyKex, k) })
	cfg.Ciphers = modern.Ciphers
	cfg.MACs = slices.DeleteFunc(modern.MACs, func(m string) bool { return slices.Contains(legacyMACs, m) })
	if !legacy {
		cfg.HostKeyAlgorithms = slices.DeleteFunc(cfg.HostKeyAlgorithms, func(a string) bool { return slices.Contains(legacyHostKey, a) })
		return
	}
	cfg.KeyExchanges = append(cfg.KeyExchanges, legacyKex...)
	cfg.Ciphers = append(cfg.Ciphers, legacyCiphers...)
	cfg.MACs = append(cfg.MACs, legacyMACs...)
	if len(cfg.HostKeyAlgorithms) == 0 {
		cfg.HostKeyAlgorithms = ssh.SupportedAlgorithms().HostKeys
	}
	if !slices.Contains(cfg.HostKeyAlgorithms, ssh.KeyAlgoRSA) {
		cfg.HostKeyAlgorithms = append(cfg.HostKeyAlgorithms, legacyHostKey...)
	}
}

// legacyHint marks a handshake that failed for want of a common algorithm
// while legacy algorithms were not offered.
func legacyHint(err error, legacy bool) error {
	if legacy || !strings.Contains(err.Error(), "no common algorithm") {
		return err
	}
	return fmt.Errorf("%w (set ssh: {legacy_algorithms: true} for this device if it cannot be upgraded): %w", ErrLegacyAlgorithms, err)
}

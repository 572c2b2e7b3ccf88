package lab

import "golang.org/x/crypto/ssh"

// applyQuirks changes a device's SSH server configuration for its quirks:
// legacy_algorithms offers only legacy key exchanges, a CBC cipher and
// hmac-sha1, like an old IOS release.
func (q Quirks) applyQuirks(cfg *ssh.ServerConfig) {
	if q.LegacyAlgorithms {
		cfg.KeyExchanges = []string{ssh.InsecureKeyExchangeDH14SHA1, ssh.InsecureKeyExchangeDH1SHA1}
		cfg.Ciphers = []string{ssh.InsecureCipherAES128CBC, ssh.InsecureCipherTripleDESCBC}
		cfg.MACs = []string{ssh.HMACSHA1}
	}
}

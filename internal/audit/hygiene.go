package audit

// checkLegacySSH is SSH-002: the device was audited with legacy SSH
// algorithms (SHA-1 key exchange, CBC ciphers, ssh-rsa) enabled for it in
// the inventory. The connection worked, so the device cannot do better:
// upgrade it or accept the risk. Never escalated.
func checkLegacySSH(in Input, r Rule) []Finding {
	if !in.LegacySSH {
		return nil
	}
	return []Finding{r.finding(
		"legacy algorithms enabled (ssh: {legacy_algorithms: true})",
		"modern SSH (curve25519 / mlkem key exchange, AES-GCM or ChaCha20, ed25519 or rsa-sha2 host keys)",
		"inventory enables diffie-hellman-group14-sha1/group1-sha1, aes128-cbc/3des-cbc, hmac-sha1 and ssh-rsa for this device, and the connection succeeded",
	)}
}

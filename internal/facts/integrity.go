package facts

// BootIntegrity holds Cisco boot-integrity visibility measurements (`show
// platform integrity sign nonce N`, with the SUDI certificate chain from
// `show platform sudi certificate sign nonce N`) and the signature state of
// the running image (`show software authenticity running`). fwaudit checks
// the signatures and recomputes the PCRs itself; nothing here is trusted as
// the device printed it.
type BootIntegrity struct {
	Platform string `json:"platform,omitempty"`
	// Nonce is the decimal nonce fwaudit sent (fresh per audit); "" when
	// the measurements were not signed on request.
	Nonce         string      `json:"nonce,omitempty"`
	Boot0Version  string      `json:"boot0_version,omitempty"`
	Boot0Hash     string      `json:"boot0_hash,omitempty"` // upper hex
	LoaderVersion string      `json:"loader_version,omitempty"`
	LoaderHash    string      `json:"loader_hash,omitempty"`
	OSVersion     string      `json:"os_version,omitempty"`
	OSHashes      []NamedHash `json:"os_hashes,omitempty"` // in measurement order
	PCR0          string      `json:"pcr0,omitempty"`
	PCR8          string      `json:"pcr8,omitempty"`
	// SignatureVersion and Signature (hex) sign nonce ‖ version ‖ PCR0 ‖ PCR8.
	SignatureVersion uint32 `json:"signature_version,omitempty"`
	Signature        string `json:"signature,omitempty"`
	// SUDI is the certificate chain (PEM, root first, device last) and its
	// signature over nonce ‖ version ‖ the certificates.
	SUDI []string `json:"sudi,omitempty"`
	// SUDISignatureVersion and SUDISignature sign the chain with the nonce.
	SUDISignatureVersion uint32 `json:"sudi_signature_version,omitempty"`
	SUDISignature        string `json:"sudi_signature,omitempty"`

	// Authenticity is `show software authenticity running`, one entry per
	// section (SYSTEM IMAGE, ROMMON, PACKAGE name, ...).
	Authenticity []ImageSignature `json:"authenticity,omitempty"`
}

// NamedHash is one measured file and its hash (upper hex).
type NamedHash struct {
	File string `json:"file"`
	Hash string `json:"hash"`
}

// ImageSignature is one section of `show software authenticity`.
type ImageSignature struct {
	Section         string `json:"section"`              // SYSTEM IMAGE, ROMMON, PACKAGE x.pkg, ...
	File            string `json:"file,omitempty"`       // File Name, when printed
	ImageType       string `json:"image_type,omitempty"` // Production | Special | ...
	CommonName      string `json:"common_name,omitempty"`
	KeyVersion      string `json:"key_version,omitempty"`
	VerifierName    string `json:"verifier_name,omitempty"`
	VerifierVersion string `json:"verifier_version,omitempty"`
}

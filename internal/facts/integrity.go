package facts

// BootIntegrity holds Cisco boot-integrity visibility measurements (`show
// platform integrity sign nonce N`) and the running image's signature state.
type BootIntegrity struct {
	Platform     string            `json:"platform,omitempty"`
	Nonce        string            `json:"nonce,omitempty"`
	Measurements map[string]string `json:"measurements,omitempty"` // stage (boot0, loader, os) → hash (upper hex)
	PCRs         map[string]string `json:"pcrs,omitempty"`         // "0", "8" → value
	Signature    string            `json:"signature,omitempty"`
	SignatureOK  *bool             `json:"signature_ok,omitempty"`
	ImageType    string            `json:"image_type,omitempty"` // show software authenticity running: Production | Special
	SignerName   string            `json:"signer_name,omitempty"`
}

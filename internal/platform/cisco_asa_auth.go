package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// ParseASAAuthenticity parses Cisco ASA `show software authenticity
// running` (and `… file <image>`): the signer of the image and, on Secure
// Boot hardware, its verifier (ROMMON):
//
//	Image type                    : Release
//	    Signer Information
//	        Common Name           : abraxas
//	        Organization Unit     : NCS_Kenton_ASA
//	        Organization Name     : CiscoSystems
//	    Certificate Serial Number : 68AFDEF8
//	    Verifier Information
//	        Verifier Name         : ROMMON
//	        Verifier Version      : Cisco ROMMON,1.1.18
//
// Older platforms and ASAv may print nothing (Cisco's guide): an empty
// output is ErrUnsupported, not a signer.
func ParseASAAuthenticity(s string) (facts.Signer, error) {
	var sg facts.Signer
	eachLine(s, func(line string) bool {
		key, val, ok := strings.Cut(strings.TrimSpace(limit(line)), ":")
		if !ok {
			return true
		}
		val = field(strings.TrimSpace(val))
		switch strings.ToLower(strings.Join(strings.Fields(key), " ")) {
		case "image type":
			sg.ImageType = val
		case "common name":
			sg.CommonName = val
		case "organization unit":
			sg.Unit = val
		case "organization name":
			sg.Organization = val
		case "certificate serial number":
			sg.Serial = val
		case "key version":
			sg.KeyVersion = val
		case "verifier name":
			sg.Verifier = val
		case "verifier version":
			sg.VerifierVer = val
		}
		return true
	})
	if sg.ImageType == "" && sg.CommonName == "" && sg.Organization == "" {
		if asaUnsupported(s) || strings.TrimSpace(s) == "" {
			return sg, fmt.Errorf("parse show software authenticity: %w", ErrUnsupported)
		}
		return sg, fmt.Errorf("parse show software authenticity: %w: no signer", ErrUnrecognized)
	}
	return sg, nil
}

// ParseASAAuthenticityKeys parses `show software authenticity keys`: one
// key per "Public Key #N Information" block, the modulus joined from its
// wrapped hex lines (upper case, colons removed).
func ParseASAAuthenticityKeys(s string) ([]facts.SigningKey, error) {
	var keys []facts.SigningKey
	var cur *facts.SigningKey
	inModulus := false
	var mod strings.Builder
	flush := func() {
		if cur != nil {
			cur.Modulus = field(mod.String())
		}
		mod.Reset()
		inModulus = false
	}
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if strings.HasPrefix(t, "Public Key #") {
			flush()
			if len(keys) == maxComponents {
				cur = nil
				return false
			}
			keys = append(keys, facts.SigningKey{})
			cur = &keys[len(keys)-1]
			return true
		}
		if cur == nil {
			return true
		}
		key, val, ok := strings.Cut(t, ":")
		k := strings.ToLower(strings.Join(strings.Fields(key), " "))
		if inModulus && (!ok || isHexPairs(t)) {
			if mod.Len() < 2048 {
				mod.WriteString(strings.ToUpper(strings.ReplaceAll(t, ":", "")))
			}
			return true
		}
		inModulus = false
		val = field(strings.TrimSpace(val))
		switch k {
		case "key type":
			cur.Type = val
		case "public key algorithm":
			cur.Algorithm = val
		case "key version":
			cur.Version = val
		case "modulus":
			inModulus = true
		}
		return true
	})
	flush()
	if len(keys) == 0 {
		if asaUnsupported(s) || strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("parse show software authenticity keys: %w", ErrUnsupported)
		}
		return nil, fmt.Errorf("parse show software authenticity keys: %w: no key", ErrUnrecognized)
	}
	return keys, nil
}

// isHexPairs: "96:A2:E6:E4:51:4D:" — a wrapped modulus line.
func isHexPairs(t string) bool {
	t = strings.ReplaceAll(t, ":", "")
	return t != "" && isHex(strings.ToLower(t))
}

func asaAuthFacts(out Outputs, f *facts.Facts, fw *facts.Firewall, keep func(error, bool) bool) {
	if s, ok := out[ASAAuthRunning]; ok {
		sg, err := ParseASAAuthenticity(s)
		if keep(err, true) {
			fw.Signer = &sg
			if strings.EqualFold(sg.Verifier, "ROMMON") {
				fw.TrustHints = append(fw.TrustHints, "show software authenticity running: Verifier Name ROMMON ("+sg.VerifierVer+")")
				asaVerifierROMMON(f, sg.VerifierVer)
			}
		}
	}
	if s, ok := out[ASAAuthKeys]; ok {
		k, err := ParseASAAuthenticityKeys(s)
		keep(err, true)
		fw.Keys = k
	}
}

// asaVerifierROMMON adds the ROMMON version the image verifier names
// ("Cisco ROMMON,1.1.18", "Cisco Systems ROMMON,1.1.18") unless another
// CLI component already reports it.
func asaVerifierROMMON(f *facts.Facts, verifier string) {
	i := strings.LastIndexByte(verifier, ',')
	if i < 0 {
		return
	}
	v := field(strings.TrimSpace(verifier[i+1:]))
	if v == "" {
		return
	}
	for _, c := range f.ROMMON {
		if c.Version == v {
			return
		}
	}
	f.ROMMON = append(f.ROMMON, facts.Component{Name: "chassis", Version: v, Source: facts.SourceCLI, Origin: ASAAuthRunning})
}

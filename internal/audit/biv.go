package audit

import (
	"errors"
	"fmt"
	"strings"

	"fwaudit/internal/attest"
	"fwaudit/internal/facts"
	"fwaudit/internal/kgv"
)

// checkKnownGood is BIV-001: a boot-integrity measurement (boot 0, boot
// loader, each OS file) is not among the known-good values. Quiet without
// a KGV file or measurements.
func checkKnownGood(in Input, r Rule) []Finding {
	bi := in.Facts.Integrity
	if in.KGV == nil || bi == nil {
		return nil
	}
	type m struct{ kind, stage, version, hash string }
	ms := []m{{kgv.Boot0, "boot 0", bi.Boot0Version, bi.Boot0Hash}, {kgv.Loader, "boot loader", bi.LoaderVersion, bi.LoaderHash}}
	for _, h := range bi.OSHashes {
		ms = append(ms, m{kgv.OSImage, "OS " + h.File, bi.OSVersion, h.Hash})
	}
	var out []Finding
	for _, x := range ms {
		if x.hash == "" {
			continue
		}
		if _, ok := in.KGV.Known(x.kind, x.hash); ok {
			continue
		}
		evidence := fmt.Sprintf("show platform integrity: %s measurement %s (version %s) is not a %s value in the known-good values %s (%d entries)",
			visible(x.stage), visible(x.hash), visible(x.version), x.kind, visible(in.KGV.Path), in.KGV.Len())
		f := r.finding(visible(x.stage)+" "+visible(x.hash), "a known-good "+x.kind+" value", evidence)
		out = append(out, f.escalate(fmt.Sprintf(
			"the %s that booted is not a published Cisco build: T1542.004 indicator; escalate", visible(x.stage))))
	}
	return out
}

// checkIntegritySignature is BIV-002: the signed measurements or the SUDI
// chain do not verify: a chain that does not lead to a trusted root, a
// signature by another key, or a signature over another nonce than the one
// fwaudit sent for this audit (a replayed answer). Quiet without trusted
// roots or without signed output.
func checkIntegritySignature(in Input, r Rule) []Finding {
	bi := in.Facts.Integrity
	if in.SUDIRoots == nil || bi == nil || (bi.Signature == "" && len(bi.SUDI) == 0) {
		return nil
	}
	fail := func(what string, err error) []Finding {
		evidence := fmt.Sprintf("%s (nonce %s sent for this audit): %s", what, visible(bi.Nonce), visible(err.Error()))
		f := r.finding(visible(err.Error()), "a signature by the device's SUDI key over this audit's nonce, chained to a trusted root", evidence)
		return []Finding{f.escalate("the boot-integrity evidence is not authentic or not fresh: the device may be replaying or forging it; playbook T1542.004: escalate")}
	}
	dev, err := attest.DeviceCert(bi, in.SUDIRoots)
	if err != nil {
		return fail("SUDI certificate chain", err)
	}
	if bi.Nonce == "" {
		return fail("signed measurements", fmt.Errorf("%w: no nonce was sent", attest.ErrIncomplete))
	}
	if bi.Signature == "" {
		return fail("show platform integrity sign", fmt.Errorf("%w: no signature", attest.ErrSignature))
	}
	body, err := attest.MeasurementBody(bi)
	if err == nil {
		var data []byte
		if data, err = attest.SignedData(bi.Nonce, bi.SignatureVersion, body); err == nil {
			err = attest.Verify(dev.PublicKey, data, bi.Signature)
		}
	}
	if err != nil {
		if errors.Is(err, attest.ErrSignature) && replayed(dev.PublicKey, bi, body) {
			err = fmt.Errorf("%w: it verifies without this audit's nonce (a replayed answer)", err)
		}
		return fail("show platform integrity sign", err)
	}
	if bi.SUDISignature != "" {
		body, err := attest.SUDIBody(bi)
		if err == nil {
			var data []byte
			if data, err = attest.SignedData(bi.Nonce, bi.SUDISignatureVersion, body); err == nil {
				err = attest.Verify(dev.PublicKey, data, bi.SUDISignature)
			}
		}
		if err != nil {
			return fail("show platform sudi certificate sign", err)
		}
	}
	return nil
}

// replayed reports whether the signature verifies over the unsigned-nonce
// form (version ‖ PCRs): an answer prepared without our nonce.
func replayed(pub any, bi *facts.BootIntegrity, body []byte) bool {
	data, err := attest.SignedData("", bi.SignatureVersion, body)
	return err == nil && attest.Verify(pub, data, bi.Signature) == nil
}

// checkPCRs is BIV-003: PCR0 or PCR8 as signed by the device does not
// recompute from the hashes it printed: the printed measurements are not
// what was measured at boot.
func checkPCRs(in Input, r Rule) []Finding {
	bi := in.Facts.Integrity
	if bi == nil || (bi.PCR0 == "" && bi.PCR8 == "") {
		return nil
	}
	p0, p8, err := attest.PCRs(bi)
	if err != nil {
		return nil // unreadable hashes are a parse matter, not a PCR mismatch
	}
	var out []Finding
	for _, c := range []struct{ name, got, want, from string }{
		{"PCR0", bi.PCR0, p0, "boot 0 and boot loader hashes"},
		{"PCR8", bi.PCR8, p8, "OS hashes"},
	} {
		if c.got == "" || c.want == "" || strings.EqualFold(c.got, c.want) {
			continue
		}
		evidence := fmt.Sprintf("show platform integrity: %s is %s; extending from zero with the printed %s gives %s",
			c.name, visible(c.got), c.from, c.want)
		f := r.finding(c.name+" "+visible(c.got), c.want, evidence)
		out = append(out, f.escalate("the device prints boot measurements that are not the ones its TPM-style registers hold: it is hiding what booted; playbook T1542.004: escalate"))
	}
	return out
}

package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/attest"
	"fwaudit/internal/kgv"
)

// IntegrityCheck is one line of what the boot-integrity rules checked, or
// did not check and why (the detail view prints them). Text is safe to print.
type IntegrityCheck struct {
	Checked bool   `json:"checked"`
	Text    string `json:"text"`
}

// IntegrityChecks says, for the device's signed boot-integrity measurements,
// what BIV-001/002/003 compared and what they could not: PCRs recomputed
// from the printed hashes, the signature and SUDI chain against which
// roots, the measurements against which known-good values file and date.
// Nil when no measurements were collected.
func IntegrityChecks(in Input) []IntegrityCheck {
	bi := in.Facts.Integrity
	if bi == nil || (bi.PCR0 == "" && bi.PCR8 == "" && bi.Signature == "" && len(bi.SUDI) == 0 &&
		bi.Boot0Hash == "" && bi.LoaderHash == "" && len(bi.OSHashes) == 0) {
		return nil
	}
	var out []IntegrityCheck
	add := func(ok bool, format string, a ...any) {
		out = append(out, IntegrityCheck{Checked: ok, Text: fmt.Sprintf(format, a...)})
	}
	nonce := "no nonce (the measurements were not signed on request)"
	if bi.Nonce != "" {
		nonce = "nonce " + visible(bi.Nonce) + ", fresh for this audit"
	}
	add(true, "measurements: boot 0, boot loader and %d OS hash(es), PCR0/PCR8 and signature from show platform integrity sign (%s)", len(bi.OSHashes), nonce)

	p0, p8, err := attest.PCRs(bi)
	switch {
	case bi.PCR0 == "" && bi.PCR8 == "":
		add(false, "PCRs not recomputed: the device printed no PCR0/PCR8 (%s did not run)", BIV003)
	case err != nil:
		add(false, "PCRs not recomputed: a printed hash is not hex (%s did not run)", BIV003)
	default:
		for _, c := range []struct{ name, got, want, from string }{
			{"PCR0", bi.PCR0, p0, "boot 0 and boot loader hashes"},
			{"PCR8", bi.PCR8, p8, "OS hashes"},
		} {
			switch {
			case c.got == "" || c.want == "":
				add(false, "%s not recomputed: no %s printed (%s)", c.name, c.from, BIV003)
			case strings.EqualFold(c.got, c.want):
				add(true, "%s recomputed from the printed %s: matches the signed value (%s)", c.name, c.from, BIV003)
			default:
				add(true, "%s recomputed from the printed %s: DIFFERS from the signed value (%s)", c.name, c.from, BIV003)
			}
		}
	}

	switch {
	case in.SUDIRoots == nil:
		add(false, "signature and SUDI chain not checked: no trusted roots given (--sudi-roots; %s did not run)", BIV002)
	case bi.Signature == "" && len(bi.SUDI) == 0:
		add(false, "signature not checked: the device printed no signature or SUDI chain (%s did not run)", BIV002)
	default:
		roots := in.SUDIRootsFrom
		if roots == "" {
			roots = "the trusted roots given"
		}
		verdict := "verifies"
		if len(checkIntegritySignature(in, Rule{ID: BIV002})) > 0 {
			verdict = "DOES NOT verify"
		}
		add(true, "signature over the nonce, PCRs and SUDI chain checked against %s: %s (%s)", visible(roots), verdict, BIV002)
	}

	if in.KGV == nil {
		add(false, "measurements not compared with known-good values: no KGV file given (--kgv; %s did not run)", BIV001)
	} else {
		unknown := 0
		total := 0
		for _, x := range []struct{ kind, hash string }{{kgv.Boot0, bi.Boot0Hash}, {kgv.Loader, bi.LoaderHash}} {
			if x.hash != "" {
				total++
				if _, ok := in.KGV.Known(x.kind, x.hash); !ok {
					unknown++
				}
			}
		}
		for _, h := range bi.OSHashes {
			total++
			if _, ok := in.KGV.Known(kgv.OSImage, h.Hash); !ok {
				unknown++
			}
		}
		date := in.KGV.Date
		if date == "" {
			date = "date unknown"
		}
		add(true, "%d measurement(s) compared with known-good values %s (%s, %d entries): %d not known (%s)",
			total, visible(in.KGV.Path), visible(date), in.KGV.Len(), unknown, BIV001)
	}
	add(false, "not checked by these rules: files on flash now (the measurements are of what booted; off-box hashes and IMG-002 cover the files)")
	return out
}

package audit

import (
	"strings"

	"fwaudit/internal/textsafe"
)

// checkHostKey is SSH-001: the sweep refused a changed host key before
// authenticating, so nothing was collected and no credential was sent.
func checkHostKey(in Input, r Rule) []Finding {
	if !in.HostKeyChanged {
		return nil
	}
	observed := visible(in.Facts.HostKeySHA256)
	if observed == "" {
		observed = "unknown key"
	}
	evidence := textsafe.Clean(strings.TrimSpace(in.HostKeyError), maxText)
	if evidence == "" {
		evidence = "host key changed; collection refused before authentication"
	}
	f := r.finding(observed, "the pinned host key", evidence)
	return []Finding{f.escalate("host key changed; possible interception or device replacement (credentials were not sent)")}
}

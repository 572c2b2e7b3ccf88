package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/inventory"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/textsafe"
)

const acceptLong = `Accept the open findings of one rule on one device: a person decided
they are known. The acceptance is recorded in the history store's hash
chain (store verify checks it) with who (the OS user), when, why (--reason),
until when (--until; none: for good) and a ticket. Nothing is deleted: the
snapshots and their evidence stay as they were.

For good (no --until), the device's current state becomes trusted for that
rule: ROM-002 / IMG-005 / BOOT-003 / REL-001 compare with it from the next
sweep on, and a LOG-001 / LOG-002 finding is no longer carried. With
--until the finding is still reported, as accepted, and is open again once
the time has passed. A new change, or a new source address, is a new
finding.

EXAMPLES
  fwaudit accept lon-wan-02 --rule ROM-002 --reason "ROMMON upgrade, CHG-0042" --ticket CHG-0042
  fwaudit accept fra-wan-01 --rule LOG-001 --reason "pentest jump host" --until 2026-12-31T00:00:00Z`

// acceptOptions are the options of fwaudit accept.
type acceptOptions struct {
	referenceFlags
	stateFlags
	Rule, Reason, Until, Ticket string
}

func newAcceptCommand(ro *rootOptions) *cobra.Command {
	var opts acceptOptions
	cmd := &cobra.Command{
		Use:   "accept DEVICE --rule RULE --reason TEXT",
		Short: "Accept a device's open findings of one rule (recorded in the store's chain)",
		Long:  acceptLong,
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAccept(cmd.Context(), opts, ro, args[0], time.Now(), cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.addInventory(fs)
	opts.addBaselines(fs)
	opts.stateFlags.addFlags(fs, true)
	fs.StringVar(&opts.Rule, "rule", "", "rule whose open findings are accepted, e.g. ROM-002 (required)")
	fs.StringVar(&opts.Reason, "reason", "", "why: recorded with the acceptance (required)")
	fs.StringVar(&opts.Until, "until", "", "RFC 3339 time the acceptance ends and the finding reopens (default: for good)")
	fs.StringVar(&opts.Ticket, "ticket", "", "change or incident ticket recorded with the acceptance")
	return cmd
}

func runAccept(ctx context.Context, opts acceptOptions, ro *rootOptions, device string, now time.Time, stdout io.Writer) error {
	a, err := opts.acceptance(now)
	if err != nil {
		return err
	}
	inv, err := pipeline.LoadInventory(opts.Inventory, ro.logger)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(inv.Devices, func(d inventory.Device) bool { return d.Name == device }) {
		return usageErrorf("device %q is not in the inventory %s", textsafe.Field(device), opts.Inventory)
	}
	st, err := pipeline.OpenStore(ctx, pipeline.History{State: opts.State, LockWait: opts.LockWait}, programVersion())
	if err != nil {
		return err
	}
	defer st.Close()
	acc, err := st.Accept(ctx, device, opts.Rule, a)
	if errors.Is(err, store.ErrNothingToAccept) || errors.Is(err, store.ErrNotFound) {
		return usageErrorf("%w", err)
	}
	if err != nil {
		return err
	}
	until := "for good"
	if !acc.Until.IsZero() {
		until = "until " + stamp(acc.Until)
	}
	_, err = fmt.Fprintf(stdout, "accepted %d finding(s) of %s on %s by %s, %s (acceptance #%d after snapshot #%d; chain %s)\n",
		len(acc.Keys), acc.Rule, textsafe.Field(acc.Device), textsafe.Field(acc.By), until, acc.ID, acc.SnapshotID, acc.Chain)
	return err
}

// acceptance checks the flags and makes the acceptance to record.
func (o acceptOptions) acceptance(now time.Time) (audit.Acceptance, error) {
	if !pipeline.HistoryEnabled(o.State) {
		return audit.Acceptance{}, usageErrorf("--state: accept records in the history store; none given")
	}
	if _, ok := audit.Lookup(o.Rule); !ok {
		return audit.Acceptance{}, usageErrorf("--rule: %q is not a rule ID (see fwaudit man rules or the README)", textsafe.Field(o.Rule))
	}
	reason := strings.TrimSpace(o.Reason)
	if reason == "" {
		return audit.Acceptance{}, usageErrorf("--reason: say why the findings are accepted")
	}
	a := audit.Acceptance{By: osUser(), At: now.UTC(), Reason: textsafe.Clean(reason, 1024),
		Ticket: textsafe.Clean(strings.TrimSpace(o.Ticket), 128)}
	if o.Until != "" {
		t, err := time.Parse(time.RFC3339, o.Until)
		if err != nil {
			return audit.Acceptance{}, usageErrorf("--until: not an RFC 3339 time: %q", textsafe.Field(o.Until))
		}
		if !t.After(now) {
			return audit.Acceptance{}, usageErrorf("--until: %s is not in the future", t.UTC().Format(time.RFC3339))
		}
		a.Until = t.UTC()
	}
	return a, nil
}

// osUser is who runs fwaudit: the OS account, else $USER / $LOGNAME.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return textsafe.Field(u.Username)
	}
	for _, k := range []string{"USER", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return textsafe.Field(v)
		}
	}
	return "unknown"
}

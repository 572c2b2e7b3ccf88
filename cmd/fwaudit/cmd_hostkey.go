package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/ssh"
	"golang.org/x/sync/errgroup"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

const hostkeyShowLong = `Show the SSH host key each device presents now, next to the key its
known_hosts pins, without logging in: fwaudit reads the key during the key
exchange and stops the handshake there, so no user name, password or key is
ever sent, whatever the device presents.

VERDICT
  match    the presented key is pinned
  CHANGED  a different key is pinned (SSH-001: sweeps refuse this device)
  unknown  nothing is pinned for the device's address and port

EXAMPLES
  fwaudit hostkey show lon-wan-02
  fwaudit hostkey show 'dc1-*' -i inventory/

EXIT STATUS
  0  every device presents its pinned key
  1  some device's key changed or is unknown
  2  some device could not be reached, and no key changed
  3  bad usage or configuration`

func newHostkeyCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hostkey",
		Short: "Show and re-pin device SSH host keys (never logs in)",
	}
	show := &cobra.Command{
		Use:   "show NAME [NAME...]",
		Short: "Show the host key each device presents and whether it is pinned",
		Long:  hostkeyShowLong,
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHostkeyShow(cmd.Context(), *g, args, cmd.OutOrStdout())
		},
	}
	cmd.AddCommand(show, newHostkeyAcceptCommand(g)) // cmd_hostkey_accept.go
	return cmd
}

// hostKeyRow is one device's line in `hostkey show`.
type hostKeyRow struct {
	dev       inventory.Device
	host      string // address:port
	presented string // "TYPE SHA256:…"
	pinned    []string
	verdict   string
	err       error
}

func runHostkeyShow(ctx context.Context, g globalOptions, names []string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	devs, err := loadSelection(g, names)
	if err != nil {
		return err
	}
	rows := make([]hostKeyRow, len(devs))
	var eg errgroup.Group
	eg.SetLimit(g.Workers)
	for i, d := range devs {
		eg.Go(func() error {
			r, err := showOne(ctx, g, d)
			rows[i] = r
			return err // a known_hosts that cannot be read: a configuration error
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	var sum report.Summary
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tADDRESS\tPRESENTED\tPINNED\tVERDICT")
	for _, r := range rows {
		pinned := "not pinned"
		if len(r.pinned) > 0 {
			pinned = strings.Join(r.pinned, ", ")
		}
		verdict := r.verdict
		switch {
		case r.err != nil:
			verdict = "error: " + textsafe.Clean(r.err.Error(), 400)
			sum.Error++
			g.logger.Error("host key not read", "device", r.dev.Name, "address", r.host, "err", r.err)
		case verdict != "match":
			sum.Drift++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.dev.Name, r.host, r.presented, pinned, verdict)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write host keys: %w", err)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	return outcome(sum)
}

// showOne reads the key d presents and compares it with its known_hosts.
// Only an unreadable known_hosts is returned as an error; a device that
// cannot be reached is a row.
func showOne(ctx context.Context, g globalOptions, d inventory.Device) (hostKeyRow, error) {
	r := hostKeyRow{dev: d, host: deviceHost(d), presented: "-", verdict: "-"}
	store, err := hostkey.Open(d.SSH.KnownHosts, hostkey.Strict) // strict: show never pins
	if err != nil {
		return r, configError(fmt.Errorf("device %s: %w", d.Name, err))
	}
	pinned, err := hostkey.Pinned(d.SSH.KnownHosts, r.host)
	if err != nil {
		return r, configError(fmt.Errorf("device %s: %w", d.Name, err))
	}
	for _, p := range pinned {
		r.pinned = append(r.pinned, fmt.Sprintf("%s %s", p.Key.Type(), hostkey.Fingerprint(p.Key)))
	}
	if r.err = probeable(d); r.err != nil {
		return r, nil
	}
	key, err := presentedKey(ctx, g, d, store.Algorithms(r.host))
	if err != nil {
		r.err = err
		return r, nil
	}
	r.presented = textsafe.Field(key.Type()) + " " + hostkey.Fingerprint(key)
	addr := &net.TCPAddr{IP: net.ParseIP(d.Address), Port: d.Port}
	switch err := store.Callback(d.Name)(r.host, addr, key); {
	case err == nil:
		r.verdict = "match"
	case errors.Is(err, hostkey.ErrHostKeyChanged):
		r.verdict = "CHANGED"
	case errors.Is(err, hostkey.ErrHostKeyUnknown):
		r.verdict = "unknown"
	default:
		r.err = err
	}
	return r, nil
}

// presentedKey reads d's host key, asking first for the algorithms pinned
// for it (as a sweep does), then for any (a device that now has only a key
// of another type presents that).
func presentedKey(ctx context.Context, g globalOptions, d inventory.Device, algos []string) (ssh.PublicKey, error) {
	p := collect.HostKeyProbe{Address: d.Address, Port: d.Port, Algorithms: algos,
		Legacy: d.SSH.LegacyAlgorithms, Timeout: probeTimeout(g)}
	key, err := collect.PresentedHostKey(ctx, p)
	if err != nil && algos != nil && !errors.Is(err, collect.ErrUnreachable) && ctx.Err() == nil {
		p.Algorithms = nil
		key, err = collect.PresentedHostKey(ctx, p)
	}
	return key, err
}

// probeable says why d's host key cannot be read directly, if it cannot.
func probeable(d inventory.Device) error {
	if !d.Collects(inventory.ChannelSSH) {
		return errors.New("not audited over SSH")
	}
	if len(d.SSH.Jump) > 0 {
		return fmt.Errorf("reached through %d jump host(s), which hostkey does not go through; "+
			"compare with ssh -J on a trusted path, and edit %s", len(d.SSH.Jump), d.SSH.KnownHosts)
	}
	return nil
}

func probeTimeout(g globalOptions) time.Duration {
	t := g.ConnectTimeout + g.AuthTimeout
	if t <= 0 {
		t = g.Timeout
	}
	return t
}

func deviceHost(d inventory.Device) string {
	port := d.Port
	if port == 0 {
		port = 22
	}
	return net.JoinHostPort(d.Address, strconv.Itoa(port))
}

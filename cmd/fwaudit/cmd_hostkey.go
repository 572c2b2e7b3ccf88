package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/crypto/ssh"
	"golang.org/x/sync/errgroup"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/pipeline"
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

// hostkeyOptions are the options of fwaudit hostkey show / accept: the
// inventory and the bounds of the key exchange.
type hostkeyOptions struct {
	Inventory      string
	Workers        int
	Timeout        time.Duration
	ConnectTimeout time.Duration
	AuthTimeout    time.Duration

	logger *slog.Logger
	stderr io.Writer
}

func (o *hostkeyOptions) addFlags(fs *pflag.FlagSet, workers bool) {
	fs.StringVarP(&o.Inventory, "inventory", "i", "inventory/", "inventory file or folder")
	if workers {
		fs.IntVar(&o.Workers, "workers", 32, "devices probed at once")
	}
	fs.DurationVar(&o.Timeout, "timeout", 2*time.Minute, "deadline for one device")
	fs.DurationVar(&o.ConnectTimeout, "connect-timeout", 10*time.Second, "deadline for the TCP connect")
	fs.DurationVar(&o.AuthTimeout, "auth-timeout", 10*time.Second, "deadline for the key exchange")
}

// withRoot returns o with the logger and stderr of ro, checked.
func (o hostkeyOptions) withRoot(ro *rootOptions) (hostkeyOptions, error) {
	o.logger, o.stderr = ro.logger, ro.stderr
	if o.Workers < 1 {
		o.Workers = 1
	}
	if o.Timeout <= 0 {
		return o, usageErrorf("--timeout: must be positive, got %s", o.Timeout)
	}
	return o, nil
}

// selectNamed loads the inventory and picks exactly the devices named.
func selectNamed(o hostkeyOptions, names []string) ([]inventory.Device, error) {
	inv, err := pipeline.LoadInventory(o.Inventory, o.logger)
	if err != nil {
		return nil, err
	}
	devs, _, err := pipeline.Select(inv, pipeline.Selection{Names: names})
	return devs, err
}

func newHostkeyCommand(ro *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hostkey",
		Short: "Show and re-pin device SSH host keys (never logs in)",
		Args:  unknownCommand,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var so hostkeyOptions
	show := &cobra.Command{
		Use:   "show NAME [NAME...]",
		Short: "Show the host key each device presents and whether it is pinned",
		Long:  hostkeyShowLong,
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := so.withRoot(ro)
			if err != nil {
				return err
			}
			return runHostkeyShow(cmd.Context(), o, args, cmd.OutOrStdout())
		},
		ValidArgsFunction: completeDevices(&so.Inventory),
	}
	so.addFlags(show.Flags(), true)
	cmd.AddCommand(show, newHostkeyAcceptCommand(ro)) // cmd_hostkey_accept.go
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

func runHostkeyShow(ctx context.Context, o hostkeyOptions, names []string, stdout io.Writer) error {
	devs, err := selectNamed(o, names)
	if err != nil {
		return err
	}
	rows := make([]hostKeyRow, len(devs))
	var eg errgroup.Group
	eg.SetLimit(o.Workers)
	for i, d := range devs {
		eg.Go(func() error {
			r, err := showOne(ctx, o, d)
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
			o.logger.Error("host key not read", "device", r.dev.Name, "address", r.host, "err", r.err)
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
func showOne(ctx context.Context, o hostkeyOptions, d inventory.Device) (hostKeyRow, error) {
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
	key, err := presentedKey(ctx, o, d, store.Algorithms(r.host))
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
func presentedKey(ctx context.Context, o hostkeyOptions, d inventory.Device, algos []string) (ssh.PublicKey, error) {
	p := collect.HostKeyProbe{Address: d.Address, Port: d.Port, Algorithms: algos,
		Legacy: d.SSH.LegacyAlgorithms, Timeout: probeTimeout(o)}
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

func probeTimeout(o hostkeyOptions) time.Duration {
	t := o.ConnectTimeout + o.AuthTimeout
	if t <= 0 {
		t = o.Timeout
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

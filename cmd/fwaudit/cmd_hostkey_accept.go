package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

const hostkeyAcceptLong = `Re-pin a device whose host key changed (or pin one that has none), after
you checked the new key out of band. fwaudit reads the key the device
presents (without logging in: no credentials are sent), and only if its
fingerprint is exactly the one you give, rewrites the device's known_hosts:
the old lines for its address and port go (hashed |1| entries too), the new
one is appended, comments and other hosts' lines stay. The file is replaced
atomically and keeps its mode.

Get the fingerprint from the device itself, over its console or another
path you trust, never from this connection: read its public key (Cisco IOS
XE: show ip ssh / show crypto key mypubkey rsa; NX-OS: show ssh key) and
run ssh-keygen -lf on it, or ask whoever replaced the key.

EXAMPLES
  fwaudit hostkey accept lon-wan-02 --fingerprint SHA256:Xq0P…

EXIT STATUS
  0  pinned (or already pinned)
  1  the device presents a different key than --fingerprint: nothing changed
  2  the device could not be reached: nothing changed
  3  bad usage or configuration (no --fingerprint: nothing changed)`

func newHostkeyAcceptCommand(ro *rootOptions) *cobra.Command {
	var fingerprint string
	var ao hostkeyOptions
	cmd := &cobra.Command{
		Use:   "accept NAME --fingerprint SHA256:…",
		Short: "Re-pin a device's host key to a fingerprint checked out of band",
		Long:  hostkeyAcceptLong,
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := ao.withRoot(ro)
			if err != nil {
				return err
			}
			return runHostkeyAccept(cmd.Context(), o, args[0], fingerprint, cmd.OutOrStdout())
		},
		ValidArgsFunction: completeDevices(&ao.Inventory),
	}
	ao.addFlags(cmd.Flags(), false)
	cmd.Flags().StringVar(&fingerprint, "fingerprint", "", "the key's fingerprint as read on the device's console (SHA256:… or 64 hex digits)")
	return cmd
}

func runHostkeyAccept(ctx context.Context, o hostkeyOptions, name, fingerprint string, stdout io.Writer) error {
	if fingerprint != "" {
		if err := hostkey.CheckFingerprint(fingerprint); err != nil {
			return usageErrorf("--fingerprint: %w", err)
		}
	}
	devs, err := selectNamed(o, []string{name})
	if err != nil {
		return err
	}
	if len(devs) != 1 {
		return usageErrorf("%q selects %d devices; accept takes exactly one device name", name, len(devs))
	}
	d := devs[0]
	if err := probeable(d); err != nil {
		return usageErrorf("%s: %w", d.Name, err)
	}
	host := deviceHost(d)
	store, err := hostkey.Open(d.SSH.KnownHosts, hostkey.Strict)
	if err != nil {
		return configError(err)
	}
	key, seen, err := keyWithFingerprint(ctx, o, d, store.Algorithms(host), fingerprint)
	if err != nil {
		return err
	}
	if fingerprint == "" {
		return usageErrorf("%s (%s) presents %s; --fingerprint is required: check this fingerprint against the "+
			"device's own, read on its console or another trusted path (not this connection), then run: "+
			"fwaudit hostkey accept %s --fingerprint <the fingerprint you read>; known_hosts unchanged",
			d.Name, host, strings.Join(seen, ", "), d.Name)
	}
	if key == nil {
		fmt.Fprintf(o.stderr, "fwaudit: refused: %s (%s) presents %s, not %s; %s unchanged. "+
			"Either the fingerprint was mistyped or something else answers for the device: do not pin it.\n",
			d.Name, host, strings.Join(seen, ", "), textsafe.Field(fingerprint), d.SSH.KnownHosts)
		return outcome(report.Summary{Drift: 1})
	}
	return pinAccepted(o, d, store, key, stdout)
}

// pinAccepted rewrites d's known_hosts entry to key, unless it is pinned.
func pinAccepted(o hostkeyOptions, d inventory.Device, store *hostkey.Store, key ssh.PublicKey, stdout io.Writer) error {
	host := deviceHost(d)
	addr := &net.TCPAddr{IP: net.ParseIP(d.Address), Port: d.Port}
	if store.Callback(d.Name)(host, addr, key) == nil {
		fmt.Fprintf(stdout, "%s (%s): %s %s is already pinned in %s\n", d.Name, host, key.Type(), hostkey.Fingerprint(key), d.SSH.KnownHosts)
		return nil
	}
	removed, err := hostkey.Replace(d.SSH.KnownHosts, host, key)
	if err != nil {
		return configError(err)
	}
	old := make([]string, len(removed))
	for i, k := range removed {
		old[i] = hostkey.Fingerprint(k)
	}
	o.logger.Info("host key re-pinned", "device", d.Name, "address", host, "file", d.SSH.KnownHosts,
		"old_sha256", strings.Join(old, ","), "new_sha256", hostkey.Fingerprint(key), "key_type", key.Type())
	was := "nothing was pinned"
	if len(old) > 0 {
		was = "replaced " + strings.Join(old, ", ")
	}
	fmt.Fprintf(stdout, "%s (%s): pinned %s %s in %s (%s)\n", d.Name, host, key.Type(), hostkey.Fingerprint(key), d.SSH.KnownHosts, was)
	return nil
}

// keyWithFingerprint reads the keys d presents, one handshake per host key
// algorithm family (a device may have several keys), until one has
// fingerprint. It returns that key (nil: none has it, or fingerprint is
// empty) and every key it saw as "TYPE SHA256:…".
func keyWithFingerprint(ctx context.Context, o hostkeyOptions, d inventory.Device, pinned []string, fingerprint string) (ssh.PublicKey, []string, error) {
	tries := [][]string{pinned, nil, {ssh.KeyAlgoED25519}, {ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521},
		{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA}}
	if pinned == nil {
		tries = tries[1:]
	}
	var seen []string
	var firstErr error
	for _, algos := range tries {
		key, err := collect.PresentedHostKey(ctx, collect.HostKeyProbe{Address: d.Address, Port: d.Port,
			Algorithms: algos, Legacy: d.SSH.LegacyAlgorithms, Timeout: probeTimeout(o)})
		if errors.Is(err, collect.ErrUnreachable) || ctx.Err() != nil {
			return nil, nil, fmt.Errorf("read host key of %s: %w", d.Name, err)
		}
		if err != nil { // no key of that family
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		desc := textsafe.Field(key.Type()) + " " + hostkey.Fingerprint(key)
		if !slices.Contains(seen, desc) {
			seen = append(seen, desc)
		}
		if fingerprint == "" {
			return nil, seen, nil
		}
		if ok, _ := hostkey.MatchFingerprint(key, fingerprint); ok {
			return key, seen, nil
		}
	}
	if len(seen) == 0 {
		return nil, nil, fmt.Errorf("read host key of %s: %w", d.Name, firstErr)
	}
	return nil, seen, nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"syscall"

	"fwaudit/internal/lab"
)

const usage = `fwlab runs a simulated fleet of Cisco IOS XE devices on loopback: each
device is a real SSH server (password, keyboard-interactive and public-key
login) with an IOS XE-like CLI and deterministic images and host keys.

Usage:
  fwlab --fleet testdata/lab/fleet.yaml --out DIR [--host 127.0.0.1] [--devices N]
  fwlab --fleet F --out DIR [--expect-exit N] -- COMMAND [ARGS...]
  fwlab --print-hashes --fleet testdata/lab/fleet.yaml

With a COMMAND after --, fwlab starts the fleet, runs COMMAND once it is ready
(with FWAUDIT_PASSWORD and FWAUDIT_ENABLE set to the lab's values), stops the
fleet and exits with COMMAND's exit code; with --expect-exit N it exits 0 when
COMMAND exited N and 1 otherwise (make demo: the sweep must find drift).

With --out, fwlab starts the fleet, writes DIR/inventory.yaml and
DIR/known_hosts, prints one line per device (name, address, model) to stderr
and "fwlab: ready" to stdout, then runs until SIGINT or SIGTERM.
Audit it with FWAUDIT_PASSWORD=%s FWAUDIT_ENABLE=%s (lab-only values).

Flags:
`

var errUsage = errors.New("usage")

type config struct {
	fleet, out, host, logLevel, authKeys string
	printHashes                          bool
	devices, expectExit                  int
	command                              []string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("fwlab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.fleet, "fleet", "testdata/lab/fleet.yaml", "fleet file to simulate")
	fs.StringVar(&c.out, "out", "", "directory for inventory.yaml and known_hosts (required unless --print-hashes)")
	fs.StringVar(&c.host, "host", "127.0.0.1", "address to listen on; every device gets its own port")
	fs.IntVar(&c.devices, "devices", 0, "instead of the fleet, run N clean clones of its first device (benchmarks)")
	fs.BoolVar(&c.printHashes, "print-hashes", false, "print 'file seed size sha512' for every distinct image and exit")
	fs.StringVar(&c.authKeys, "authorized-keys", "", "OpenSSH authorized_keys file whose keys may log in to every device")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug|info|warn|error (logs go to stderr)")
	fs.IntVar(&c.expectExit, "expect-exit", -1, "with COMMAND: exit 0 only if COMMAND exits with this code")
	fs.Usage = func() {
		fmt.Fprintf(stderr, usage, lab.DefaultPassword, lab.DefaultEnableSecret)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w: %w", errUsage, err)
	}
	c.command = fs.Args()
	if c.printHashes && len(c.command) > 0 {
		return c, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if c.out == "" && !c.printHashes {
		return c, fmt.Errorf("%w: --out DIR is required (see --help)", errUsage)
	}
	if c.devices < 0 {
		return c, fmt.Errorf("%w: --devices must be positive", errUsage)
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level: %w", errUsage, err)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	fleet, err := lab.LoadFleet(c.fleet)
	if err != nil {
		return err
	}
	if c.devices > 0 {
		fleet = fleet.Synthetic(c.devices)
	}
	if c.printHashes {
		return fleet.WriteHashes(stdout)
	}
	if err := checkFileLimit(len(fleet.Devices)); err != nil {
		return err
	}
	keys, err := readAuthorizedKeys(c.authKeys)
	if err != nil {
		return err
	}
	l, err := lab.Start(ctx, fleet, lab.Options{Host: c.host, Logger: log, AuthorizedKeys: keys})
	if err != nil {
		return err
	}
	defer l.Close()
	if err := l.WriteInventory(c.out); err != nil {
		return err
	}
	for _, d := range l.Devices() {
		fmt.Fprintf(stderr, "%-20s %-21s %s\n", d.Name(), d.Addr(), d.Spec().Model)
	}
	fmt.Fprintln(stdout, "fwlab: ready")
	if len(c.command) > 0 {
		return runCommand(ctx, c, stdout, stderr)
	}
	<-ctx.Done()
	return nil
}

func exitCode(err error) int {
	var ce *commandExit
	switch {
	case errors.As(err, &ce):
		return ce.code
	case errors.Is(err, errUsage) || errors.Is(err, lab.ErrInvalid):
		return 3
	}
	return 1
}

func readAuthorizedKeys(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	var keys []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			keys = append(keys, l)
		}
	}
	return keys, nil
}

// filesPerDevice is what one lab device holds open: its SSH listener and
// its SNMP socket; fileHeadroom covers the sessions of a sweep (one per
// worker) and the process's own files.
const (
	filesPerDevice = 2
	fileHeadroom   = 512
)

// checkFileLimit refuses, before any device starts, a fleet the open-file
// limit cannot hold (Go has raised the soft limit to the hard one already),
// instead of failing at device 9,996 with "too many open files".
func checkFileLimit(devices int) error {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return nil // unknown: let the lab try
	}
	need := uint64(devices*filesPerDevice + fileHeadroom)
	if rl.Cur >= need {
		return nil
	}
	return fmt.Errorf("%d devices need about %d open files and the limit is %d (hard limit %d): "+
		"raise it (ulimit -n %d, as root or in limits.conf), or run the fleet in several fwlab processes of fewer devices "+
		"(the 10,000-device benchmark runs 4,000 a process)", devices, need, rl.Cur, rl.Max, need)
}

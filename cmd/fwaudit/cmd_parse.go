package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"fwaudit/internal/facts"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/platform"
)

// maxParseInput bounds what parse and ingest read from one file.
const maxParseInput = 64 << 20

var parseLong = `Parse one saved command output and print the facts it gives as JSON
(the facts object of the report, with per-platform detail such as ROMMON
regions and files). No device is contacted.

--platform is one of: ` + strings.Join(platform.Names(), ", ") + `.
When it is omitted and the command is "show version", the platform is
detected from the output. The input is FILE, or stdin when FILE is - or
absent; at most 64 MiB is read.

Signed boot-integrity outputs (IOS XE "show platform integrity [sign nonce N]",
"show platform sudi certificate [sign nonce N]") parse into the facts'
integrity object: measurements, PCRs, signature, SUDI chain.

EXAMPLES
  fwaudit parse --platform cisco_iosxe --command "show platform integrity sign nonce 42" integrity.txt
  fwaudit parse --platform cisco_nxos --command "show version" nx1-show-version.txt
  ssh admin@mx1 'show chassis firmware' | fwaudit parse --platform juniper_junos --command "show chassis firmware"

EXIT STATUS
  0 parsed · 3 bad usage, unreadable or unparseable input`

type parseOptions struct{ platform, command string }

func newParseCommand() *cobra.Command {
	var opts parseOptions
	cmd := &cobra.Command{
		Use:   "parse [FILE|-]",
		Short: "Parse a saved command output into facts (offline)",
		Long:  parseLong,
		Args:  usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			return runParse(opts, path, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.platform, "platform", "", "platform of the device that printed the output (detected from show version when omitted)")
	cmd.Flags().StringVar(&opts.command, "command", "show version", "the command whose output this is, exactly as the platform runs it")
	return cmd
}

func runParse(opts parseOptions, path string, stdin io.Reader, stdout io.Writer) error {
	text, err := readBounded(path, stdin)
	if err != nil {
		return err
	}
	name := opts.platform
	if name == "" {
		if opts.command != "show version" && opts.command != "show version detail" {
			return usageErrorf("--platform is required for %q (detection reads show version)", opts.command)
		}
		var ok bool
		if name, ok = platform.Detect(text); !ok {
			return usageErrorf("cannot tell the platform from this show version; pass --platform")
		}
	}
	p, err := platform.Lookup(name)
	if err != nil {
		return usageErrorf("--platform: %w", err)
	}
	f, err := pipeline.ParseOutputs(p, platform.Outputs{integrityCommand(p, opts.command): text})
	if err != nil {
		return configError(fmt.Errorf("parse %s %q: %w", p.Name, opts.command, err))
	}
	if reflect.DeepEqual(f, facts.Facts{}) && !platform.Parses(p, opts.command) {
		return usageErrorf("platform %s does not parse %q (it parses: %s)", p.Name, opts.command, strings.Join(platform.ParsedCommands(p), "; "))
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// integrityCommand maps a boot-integrity command as an analyst typed it
// (with or without "sign nonce N") to the form the platform's integrity
// parser reads; other commands pass unchanged.
func integrityCommand(p platform.Platform, cmd string) string {
	if p.Integrity == nil {
		return cmd
	}
	c := strings.Join(strings.Fields(cmd), " ")
	for _, prefix := range []string{platform.IOSXEIntegritySign, platform.IOSXESUDISign} {
		base := strings.TrimSuffix(prefix, " sign nonce ")
		if strings.HasPrefix(c, prefix) {
			return c
		}
		if c == base || c == base+" sign" || c == base+" sign nonce" {
			return prefix // unsigned, or signed without a nonce: no nonce to match
		}
	}
	return cmd
}

var errTooLarge = errors.New("input too large")

// readBounded reads path (stdin for "-") up to maxParseInput bytes.
func readBounded(path string, stdin io.Reader) (string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", configError(fmt.Errorf("read input: %w", err))
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxParseInput+1))
	if err != nil {
		return "", configError(fmt.Errorf("read input: %w", err))
	}
	if len(b) > maxParseInput {
		return "", configError(fmt.Errorf("read input %s: %w: more than %d bytes", path, errTooLarge, maxParseInput))
	}
	return string(b), nil
}

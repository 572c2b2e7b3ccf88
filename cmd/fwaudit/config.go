package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// configFileName is looked up in the working directory, then in
// $XDG_CONFIG_HOME/fwaudit/, then in /etc/fwaudit/.
const configFileName = "fwaudit.yaml"

// maxConfigFile bounds the config file.
const maxConfigFile = 1 << 20

// secretKeyRE matches keys that would put a secret in the config file.
var secretKeyRE = regexp.MustCompile(`(?i)pass|secret|token|community|key-file|credential`)

// applyConfig registers --config and sets the defaults of every flag from
// the config file: keys are flag names (kebab case, as typed after --),
// values are what the flag takes (a list for repeatable flags). A flag
// given on the command line wins. Unknown keys are errors naming the file,
// line and key; secrets are refused.
func applyConfig(root *cobra.Command, ro *rootOptions, args []string) error {
	root.PersistentFlags().String("config", "", "defaults for the commands' flags (default ./fwaudit.yaml, then $XDG_CONFIG_HOME/fwaudit/fwaudit.yaml, then /etc/fwaudit/fwaudit.yaml; /dev/null for none)")
	path, explicit := configArg(args)
	if !explicit {
		path = findConfig()
	}
	if path == "" {
		return nil
	}
	data, err := readConfig(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return configError(fmt.Errorf("config %s: %w", path, err))
	}
	ro.configFile = path
	return applyConfigData(root, path, data)
}

// configArg finds --config FILE / --config=FILE before cobra parses.
func configArg(args []string) (string, bool) {
	for i, a := range args {
		switch {
		case a == "--":
			return "", false
		case a == "--config" && i+1 < len(args):
			return args[i+1], true
		case strings.HasPrefix(a, "--config="):
			return strings.TrimPrefix(a, "--config="), true
		}
	}
	return "", false
}

func findConfig() string {
	dirs := []string{"."}
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" {
		dirs = append(dirs, filepath.Join(x, "fwaudit"))
	} else if h, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(h, ".config", "fwaudit"))
	}
	dirs = append(dirs, "/etc/fwaudit")
	for _, d := range dirs {
		p := filepath.Join(d, configFileName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().IsRegular() && st.Mode().Perm()&0o002 != 0 {
		// Anyone could point the audit at other baselines or turn history off.
		return nil, fmt.Errorf("writable by every user (mode %s): chmod o-w %s", st.Mode().Perm(), path)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(io.LimitReader(f, maxConfigFile+1)); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if b.Len() > maxConfigFile {
		return nil, fmt.Errorf("larger than %d KiB", maxConfigFile>>10)
	}
	return b.Bytes(), nil
}

// applyConfigData sets flag defaults from the config file. A top-level
// key is a flag name and applies to every command that has the flag and
// accepts the value (output: markdown sets sweep's -o, not history's); a
// key that is a command name holds keys for that command only
// (sweep: {output: json}). A key no command has, or a value no command
// accepts, is an error naming the file, line and key.
func applyConfigData(root *cobra.Command, path string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return configError(fmt.Errorf("%s: %w", path, yamlerr.Locate(data, err)))
	}
	if len(doc.Content) == 0 {
		return nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return configError(fmt.Errorf("%s:%d: must be a map of flag-name: value", path, top.Line))
	}
	errs := applyConfigMap(root, path, "", top)
	if len(errs) > 0 {
		return configError(errors.Join(errs...))
	}
	return nil
}

func applyConfigMap(scope *cobra.Command, path, prefix string, m *yaml.Node) []error {
	flags := flagsByName(scope)
	var errs []error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := fmt.Sprintf("%s:%d: %s%s", path, k.Line, prefix, k.Value)
		if sub := subCommand(scope, k.Value); sub != nil && v.Kind == yaml.MappingNode {
			errs = append(errs, applyConfigMap(sub, path, prefix+k.Value+".", v)...)
			continue
		}
		fl := flags[k.Value]
		switch {
		case secretKeyRE.MatchString(k.Value):
			errs = append(errs, fmt.Errorf("%s: secrets are not accepted in the config file; use environment variables or files named in the inventory", at))
		case len(fl) == 0 || k.Value == "config" || k.Value == "help":
			errs = append(errs, fmt.Errorf("%s: unknown key (keys are flag names without --, e.g. inventory, log-format, or a command name holding its own keys)", at))
		default:
			if err := setDefault(fl, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", at, err))
			}
		}
	}
	return errs
}

func subCommand(c *cobra.Command, name string) *cobra.Command {
	for _, sub := range c.Commands() {
		if sub.Name() == name {
			return sub
		}
	}
	return nil
}

// flagsByName collects every flag of the command tree by long name.
func flagsByName(root *cobra.Command) map[string][]*pflag.Flag {
	out := map[string][]*pflag.Flag{}
	seen := map[*pflag.Flag]bool{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		add := func(f *pflag.Flag) {
			if !seen[f] {
				seen[f] = true
				out[f.Name] = append(out[f.Name], f)
			}
		}
		c.PersistentFlags().VisitAll(add)
		c.LocalNonPersistentFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// setDefault sets the value of flags without marking them changed, so a
// command-line value replaces it.
func setDefault(flags []*pflag.Flag, v *yaml.Node) error {
	var vals []string
	switch v.Kind {
	case yaml.ScalarNode:
		vals = []string{v.Value}
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("list items must be single values")
			}
			vals = append(vals, c.Value)
		}
	default:
		return fmt.Errorf("must be a value or a list of values")
	}
	// The value applies to every flag of that name that accepts it; it is
	// an error only when none does.
	var first error
	applied := 0
	for _, f := range flags {
		var err error
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			if err = sv.Replace(vals); err != nil {
				err = fmt.Errorf("invalid value: %w", err)
			}
		} else if len(vals) != 1 {
			err = fmt.Errorf("takes one value, not a list")
		} else if err = f.Value.Set(vals[0]); err != nil {
			err = fmt.Errorf("invalid value %q: %w", vals[0], err)
		}
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		applied++
		f.DefValue = f.Value.String()
	}
	if applied == 0 {
		return first
	}
	return nil
}

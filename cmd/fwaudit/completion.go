package main

import (
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"fwaudit/internal/pipeline"
)

// completeDevices completes device names from the inventory the command
// line names (-i, else its default). A broken inventory completes nothing
// and prints nothing: completion runs on every TAB.
func completeDevices(inventoryPath *string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		inv, err := pipeline.LoadInventory(*inventoryPath, slog.New(slog.DiscardHandler))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		given := map[string]bool{}
		for _, a := range args {
			given[a] = true
		}
		var out []cobra.Completion
		for _, d := range inv.Devices {
			if strings.HasPrefix(d.Name, toComplete) && !given[d.Name] {
				out = append(out, cobra.CompletionWithDesc(d.Name, strings.TrimSpace(d.Platform+" "+d.Site+" "+d.Role)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// registerChoiceCompletions completes every fixed-choice flag of the tree
// (-o of each command with that command's own formats, --format, …) and
// the flags given explicit word lists.
func registerChoiceCompletions(c *cobra.Command, words map[string][]string) {
	c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		var choices []string
		if cv, ok := f.Value.(*choiceValue); ok {
			choices = cv.choices
		} else if w, ok := words[f.Name]; ok {
			choices = w
		}
		if choices != nil {
			_ = c.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp))
		}
	})
	for _, sub := range c.Commands() {
		registerChoiceCompletions(sub, words)
	}
}

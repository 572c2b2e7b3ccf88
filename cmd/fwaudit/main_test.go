package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps every test hermetic: the default history store and config
// file live under XDG directories, which point into a temp dir here, so no
// test reads or writes the developer's ~/.local/state or ~/.config (a
// shared store would make one run's devices the next run's history).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fwaudit-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, k := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME"} {
		if err := os.Setenv(k, dir+"/"+k); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

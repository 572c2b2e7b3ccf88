// Command fwlab runs a simulated Cisco IOS XE fleet on loopback for demos
// and tests. It is not part of the fwaudit binary.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fwlab:", err)
		os.Exit(exitCode(err))
	}
}

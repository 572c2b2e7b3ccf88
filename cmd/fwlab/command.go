package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"fwaudit/internal/lab"
)

// commandExit carries the exit code fwlab should end with after COMMAND.
type commandExit struct {
	code int
	msg  string
}

func (e *commandExit) Error() string { return e.msg }

// runCommand runs COMMAND against the running lab with the lab's
// credentials in its environment, and maps its exit code.
func runCommand(ctx context.Context, c config, stdout, stderr io.Writer) error {
	cmd := exec.CommandContext(ctx, c.command[0], c.command[1:]...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = append(os.Environ(),
		"FWAUDIT_PASSWORD="+lab.DefaultPassword,
		"FWAUDIT_ENABLE="+lab.DefaultEnableSecret)
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		return fmt.Errorf("run %s: %w", c.command[0], err)
	}
	if c.expectExit < 0 {
		if code == 0 {
			return nil
		}
		return &commandExit{code: code, msg: fmt.Sprintf("%s exited %d", c.command[0], code)}
	}
	if code != c.expectExit {
		return &commandExit{code: 1, msg: fmt.Sprintf("%s exited %d, expected %d", c.command[0], code, c.expectExit)}
	}
	fmt.Fprintf(stderr, "fwlab: %s exited %d as expected\n", c.command[0], code)
	return nil
}

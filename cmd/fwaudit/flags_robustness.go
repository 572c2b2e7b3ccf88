package main

import (
	"time"

	"github.com/spf13/pflag"

	"fwaudit/internal/inventory"
)

// robustnessOptions are the deadline, retry and sharding flags: the
// defences against slow, hanging and unreachable devices, and the way to
// split a large fleet between processes.
type robustnessOptions struct {
	ConnectTimeout time.Duration
	AuthTimeout    time.Duration
	CommandTimeout time.Duration
	Retries        int
	Shard          string
}

func (o *robustnessOptions) addFlags(fs *pflag.FlagSet) {
	fs.DurationVar(&o.ConnectTimeout, "connect-timeout", 10*time.Second, "deadline for the TCP connect to a device")
	fs.DurationVar(&o.AuthTimeout, "auth-timeout", 10*time.Second, "deadline for the SSH handshake, login and shell")
	fs.DurationVar(&o.CommandTimeout, "command-timeout", 30*time.Second, "deadline for one command's answer")
	fs.IntVar(&o.Retries, "retries", 2, "retries (jittered exponential backoff) when the TCP connect fails; never after an authentication or host-key failure")
	fs.StringVar(&o.Shard, "shard", "", "audit only shard K/N of the selection (stable hash of the device name; K from 0, e.g. $JOB_COMPLETION_INDEX/4)")
}

// validate checks the flags; errors are usage errors (exit 3).
func (o *robustnessOptions) validate() error {
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--connect-timeout", o.ConnectTimeout}, {"--auth-timeout", o.AuthTimeout}, {"--command-timeout", o.CommandTimeout}} {
		if d.v < 0 {
			return usageErrorf("%s: must not be negative, got %s", d.name, d.v)
		}
	}
	if o.Retries < 0 {
		return usageErrorf("--retries: must not be negative, got %d", o.Retries)
	}
	if _, err := inventory.ParseShard(o.Shard); err != nil {
		return usageErrorf("--shard: %s", err)
	}
	return nil
}

// sweepRetries maps --retries to sweep.Options.Retries (0 there means the
// default; negative means none).
func (o *robustnessOptions) sweepRetries() int {
	if o.Retries == 0 {
		return -1
	}
	return o.Retries
}

// selectShard keeps the devices of --shard K/N.
func (o *robustnessOptions) selectShard(devs []inventory.Device) ([]inventory.Device, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	s, _ := inventory.ParseShard(o.Shard)
	return s.Select(devs), nil
}

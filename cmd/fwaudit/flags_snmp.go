package main

import (
	"time"

	"github.com/spf13/pflag"

	"fwaudit/internal/sweep"
)

// snmpOptions are the SNMP channel's bounds: a hostile agent can answer
// slowly, loop OIDs or send huge tables.
type snmpOptions struct {
	SNMPTimeout        time.Duration
	SNMPRetries        int
	SNMPMaxRepetitions uint32
	SNMPMaxVarbinds    int
}

func (o *snmpOptions) addFlags(fs *pflag.FlagSet) {
	fs.DurationVar(&o.SNMPTimeout, "snmp-timeout", 3*time.Second, "deadline for one SNMP request")
	fs.IntVar(&o.SNMPRetries, "snmp-retries", 1, "retries of one SNMP request after a timeout")
	fs.Uint32Var(&o.SNMPMaxRepetitions, "snmp-max-repetitions", 25, "GETBULK max-repetitions")
	fs.IntVar(&o.SNMPMaxVarbinds, "snmp-max-varbinds", 10000, "cap on the entPhysicalTable rows read from one device")
}

// sweep maps the flags to sweep.SNMPOptions (0 retries there means the
// default; negative means none). Non-positive values take the defaults.
func (o *snmpOptions) sweep() sweep.SNMPOptions {
	retries := o.SNMPRetries
	if retries == 0 {
		retries = -1
	}
	return sweep.SNMPOptions{Timeout: o.SNMPTimeout, Retries: retries,
		MaxRepetitions: o.SNMPMaxRepetitions, MaxVarbinds: o.SNMPMaxVarbinds}
}

package collect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/gosnmp/gosnmp"

	"fwaudit/internal/facts"
)

// SNMP bounds; a hostile agent can loop OIDs, answer slowly or send huge
// strings, so every one of these is set explicitly on every session.
const (
	defaultSNMPTimeout    = 3 * time.Second
	defaultSNMPRetries    = 1
	defaultMaxRepetitions = 25
	// DefaultMaxVarbinds caps the entPhysicalTable walk.
	DefaultMaxVarbinds = 10000
	// DefaultMaxValueBytes caps one value kept from the agent.
	DefaultMaxValueBytes   = 512
	maxRawEvidenceVarbinds = DefaultMaxVarbinds
)

// SNMPTarget is one device as the SNMP collector needs it; secrets are
// already resolved and never logged.
type SNMPTarget struct {
	Address string
	Port    int    // 0 → 161
	Version string // "2c" or "3"
	// Community is the v2c community.
	Community string
	// Version 3 (USM): names as in the inventory (SHA256, AES256, ...).
	User, SecurityLevel, AuthProtocol, AuthPassword, PrivProtocol, PrivPassword string

	Timeout        time.Duration // one request; 0 → 3s
	Retries        int           // per request; negative → 0, 0 → 1
	MaxRepetitions uint32        // GETBULK max-repetitions; 0 → 25
	MaxVarbinds    int           // cap on the entPhysicalTable walk; 0 → 10000
	MaxValueBytes  int           // cap on one value kept; 0 → 512
	// DebugLogger, when set, receives gosnmp's protocol log (--debug-protocol).
	DebugLogger *slog.Logger
}

// Varbind is one raw answer, kept as evidence. Value is textsafe.
type Varbind struct {
	OID   string `json:"oid"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// SNMPResult is what an SNMP collection returns.
type SNMPResult struct {
	SNMP facts.SNMP
	// Components are the boot-firmware rows (chassis / RP / supervisor
	// entPhysicalFirmwareRev), Source snmp.
	Components []facts.Component
	// Model and Serial come from the chassis row (entPhysicalModelName /
	// SerialNum), for devices audited over SNMP alone.
	Model, Serial string
	Varbinds      []Varbind
}

// ErrTooManyVarbinds means the agent returned more rows than MaxVarbinds.
var ErrTooManyVarbinds = errors.New("too many varbinds")

// snmpClient is the part of gosnmp the collector uses.
type snmpClient interface {
	Connect() error
	Get(oids []string) (*gosnmp.SnmpPacket, error)
	BulkWalk(root string, fn gosnmp.WalkFunc) error
}

func (t *SNMPTarget) setDefaults() {
	if t.Port == 0 {
		t.Port = 161
	}
	if t.Timeout <= 0 {
		t.Timeout = defaultSNMPTimeout
	}
	switch {
	case t.Retries < 0:
		t.Retries = 0
	case t.Retries == 0:
		t.Retries = defaultSNMPRetries
	}
	if t.MaxRepetitions == 0 {
		t.MaxRepetitions = defaultMaxRepetitions
	}
	if t.MaxVarbinds <= 0 {
		t.MaxVarbinds = DefaultMaxVarbinds
	}
	if t.MaxValueBytes <= 0 {
		t.MaxValueBytes = DefaultMaxValueBytes
	}
}

// CollectSNMP reads the system group, the engine counters, Cisco's ROM and
// configuration-register objects and the ENTITY-MIB entPhysicalTable. The
// context bounds the whole collection.
func CollectSNMP(ctx context.Context, t SNMPTarget, log *slog.Logger) (SNMPResult, error) {
	t.setDefaults()
	g, err := newGoSNMP(ctx, t)
	if err != nil {
		return SNMPResult{}, err
	}
	if err := g.Connect(); err != nil {
		return SNMPResult{}, fmt.Errorf("snmp connect: %w: %w", ErrConnect, err)
	}
	defer func() { _ = g.Conn.Close() }()
	if err := discoverEngine(ctx, g); err != nil {
		return SNMPResult{}, snmpError(ctx, "snmp engine discovery", err)
	}
	start := time.Now()
	res, err := collectSNMP(ctx, g, t)
	log.Debug("snmp collected", "channel", "snmp", "varbinds", len(res.Varbinds),
		"entities", len(res.SNMP.Entities), "duration_ms", time.Since(start).Milliseconds())
	return res, err
}

func collectSNMP(ctx context.Context, c snmpClient, t SNMPTarget) (SNMPResult, error) {
	var res SNMPResult
	keep := func(pdu gosnmp.SnmpPDU) Varbind {
		vb := varbind(pdu, t.MaxValueBytes)
		if len(res.Varbinds) < maxRawEvidenceVarbinds {
			res.Varbinds = append(res.Varbinds, vb)
		}
		return vb
	}
	pkt, err := c.Get(append(append([]string(nil), scalarOIDs...), ciscoOIDs...))
	if err != nil {
		return res, snmpError(ctx, "get system group", err)
	}
	if pkt.Error != gosnmp.NoError {
		return res, fmt.Errorf("get system group: agent error %s", pkt.Error)
	}
	for _, pdu := range pkt.Variables {
		if present(pdu) {
			setScalar(&res.SNMP, pdu, keep(pdu))
		}
	}
	rows := newEntityRows()
	n := 0
	err = c.BulkWalk(oidEntPhysicalEntry, func(pdu gosnmp.SnmpPDU) error {
		if n++; n > t.MaxVarbinds {
			return fmt.Errorf("%w: more than %d in entPhysicalTable", ErrTooManyVarbinds, t.MaxVarbinds)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rows.add(pdu, keep(pdu))
		return nil
	})
	if err != nil {
		return res, snmpError(ctx, "walk entPhysicalTable", err)
	}
	res.SNMP.Entities = rows.entities()
	res.Components = firmwareComponents(res.SNMP.Entities)
	res.Model, res.Serial = chassisIdentity(res.SNMP.Entities)
	return res, nil
}

// snmpError classifies a gosnmp error: ctx's deadline, a request timeout
// and a refused port become ErrTimeout / ErrConnect.
func snmpError(ctx context.Context, what string, err error) error {
	var ne net.Error
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%s: %w: %w", what, ErrTimeout, ctx.Err())
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%s: %w: %w", what, ErrTimeout, err)
	case errors.Is(err, gosnmp.ErrMaxRetriesExceeded):
		return fmt.Errorf("%s: %w: %w", what, ErrTimeout, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func newGoSNMP(ctx context.Context, t SNMPTarget) (*gosnmp.GoSNMP, error) {
	g := &gosnmp.GoSNMP{
		Context: ctx, Target: t.Address, Port: uint16(t.Port), Transport: "udp",
		Timeout: t.Timeout, Retries: t.Retries, MaxRepetitions: t.MaxRepetitions,
		MaxOids: gosnmp.MaxOids, ExponentialTimeout: false,
		Logger: gosnmp.NewLogger(nil),
	}
	if t.DebugLogger != nil {
		g.Logger = gosnmp.NewLogger(slog.NewLogLogger(t.DebugLogger.Handler(), slog.LevelDebug))
	}
	switch t.Version {
	case "2c", "":
		g.Version, g.Community = gosnmp.Version2c, t.Community
	case "3":
		if err := setUSM(g, t); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("snmp version %q: %w", t.Version, ErrSNMPSettings)
	}
	return g, nil
}

package collect

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/gosnmp/gosnmp"

	"fwaudit/internal/snmpkey"
)

// ErrSNMPSettings means the SNMP settings cannot be used (unknown version,
// protocol or security level).
var ErrSNMPSettings = errors.New("invalid snmp settings")

var authProtocols = map[string]gosnmp.SnmpV3AuthProtocol{
	"MD5": gosnmp.MD5, "SHA": gosnmp.SHA, "SHA224": gosnmp.SHA224,
	"SHA256": gosnmp.SHA256, "SHA384": gosnmp.SHA384, "SHA512": gosnmp.SHA512,
}

var privProtocols = map[string]gosnmp.SnmpV3PrivProtocol{
	"DES": gosnmp.DES, "AES": gosnmp.AES, "AES192": gosnmp.AES192, "AES256": gosnmp.AES256,
	"AES192C": gosnmp.AES192C, "AES256C": gosnmp.AES256C,
}

// setUSM configures g for SNMPv3 with the user security model.
func setUSM(g *gosnmp.GoSNMP, t SNMPTarget) error {
	sp := &gosnmp.UsmSecurityParameters{UserName: t.User, AuthenticationProtocol: gosnmp.NoAuth, PrivacyProtocol: gosnmp.NoPriv}
	g.Version, g.SecurityModel = gosnmp.Version3, gosnmp.UserSecurityModel
	switch t.SecurityLevel {
	case "noAuthNoPriv":
		g.MsgFlags = gosnmp.NoAuthNoPriv
	case "authNoPriv", "authPriv":
		a, ok := authProtocols[t.AuthProtocol]
		if !ok {
			return fmt.Errorf("snmp auth protocol %q: %w", t.AuthProtocol, ErrSNMPSettings)
		}
		sp.AuthenticationProtocol, sp.AuthenticationPassphrase = a, t.AuthPassword
		g.MsgFlags = gosnmp.AuthNoPriv
		if t.SecurityLevel == "authPriv" {
			p, ok := privProtocols[t.PrivProtocol]
			if !ok {
				return fmt.Errorf("snmp priv protocol %q: %w", t.PrivProtocol, ErrSNMPSettings)
			}
			sp.PrivacyProtocol, sp.PrivacyPassphrase = p, t.PrivPassword
			g.MsgFlags = gosnmp.AuthPriv
		}
	default:
		return fmt.Errorf("snmp security level %q: %w", t.SecurityLevel, ErrSNMPSettings)
	}
	g.SecurityParameters = sp
	return nil
}

// maxReport bounds the discovery reply read: a USM report (engine ID of at
// most 32 bytes, boots, time and one usmStats counter) is ~150 bytes; a
// larger datagram is truncated by the read, fails to decode and counts as
// no answer. (A 64 KiB buffer per device was 9 % of a sweep's allocations.)
const maxReport = 4096

// discoverEngine runs the RFC 3414 §4 engine discovery on g's connection
// and hands g the engine's ID, boots and time with the user's keys
// already localized to it (internal/snmpkey), so gosnmp skips its own
// discovery and never derives keys itself (its per-engine derivation was
// the largest CPU cost of a big sweep). The report is unauthenticated,
// as in gosnmp: it only names the engine; every later answer must
// authenticate with keys the device cannot know without the password.
func discoverEngine(ctx context.Context, g *gosnmp.GoSNMP) error {
	sp, ok := g.SecurityParameters.(*gosnmp.UsmSecurityParameters)
	if !ok || g.MsgFlags&gosnmp.AuthNoPriv == 0 {
		return nil // noAuthNoPriv: no keys to localize
	}
	msgID := rand.Uint32() >> 1
	probe := &gosnmp.SnmpPacket{
		Version: gosnmp.Version3, MsgFlags: gosnmp.Reportable | gosnmp.NoAuthNoPriv,
		SecurityModel: gosnmp.UserSecurityModel, SecurityParameters: &gosnmp.UsmSecurityParameters{},
		PDUType: gosnmp.GetRequest, MsgID: msgID, RequestID: rand.Uint32() >> 1, ContextName: g.ContextName,
	}
	out, err := probe.MarshalMsg()
	if err != nil {
		return err
	}
	dec := &gosnmp.GoSNMP{Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel,
		MsgFlags: gosnmp.NoAuthNoPriv, SecurityParameters: &gosnmp.UsmSecurityParameters{UserName: sp.UserName}, Logger: g.Logger}
	buf := make([]byte, maxReport)
	var last error = gosnmp.ErrMaxRetriesExceeded
	for try := 0; try <= g.Retries; try++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		deadline := time.Now().Add(g.Timeout)
		if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
			deadline = d
		}
		_ = g.Conn.SetDeadline(deadline)
		if _, err := g.Conn.Write(out); err != nil {
			return err
		}
		for {
			n, err := g.Conn.Read(buf)
			if err != nil {
				if errors.Is(err, os.ErrDeadlineExceeded) {
					break // retry
				}
				return err
			}
			rep, err := dec.SnmpDecodePacket(buf[:n])
			if err != nil || rep.MsgID != msgID {
				last = fmt.Errorf("undecodable or unrelated reply (%v): %w", err, gosnmp.ErrMaxRetriesExceeded)
				continue // a stray datagram: keep waiting for ours
			}
			usp, ok := rep.SecurityParameters.(*gosnmp.UsmSecurityParameters)
			if !ok || len(usp.AuthoritativeEngineID) < 5 || len(usp.AuthoritativeEngineID) > 32 {
				return errors.New("the reply has an invalid authoritative engine ID")
			}
			keys, err := snmpkey.Localize(sp.AuthenticationProtocol, sp.AuthenticationPassphrase,
				sp.PrivacyProtocol, sp.PrivacyPassphrase, usp.AuthoritativeEngineID)
			if err != nil {
				return fmt.Errorf("snmp user %q: %w: %w", sp.UserName, ErrSNMPSettings, err)
			}
			_ = g.Conn.SetDeadline(time.Time{})
			sp.AuthoritativeEngineID = usp.AuthoritativeEngineID
			sp.AuthoritativeEngineBoots, sp.AuthoritativeEngineTime = usp.AuthoritativeEngineBoots, usp.AuthoritativeEngineTime
			sp.SecretKey, sp.PrivacyKey = keys.Auth, keys.Priv
			g.ContextEngineID = usp.AuthoritativeEngineID
			return nil
		}
	}
	return last
}

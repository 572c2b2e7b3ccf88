package lab

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/gosnmp/gosnmp"
)

// Lab SNMP defaults, used when the fleet sets none.
const (
	DefaultSNMPCommunity    = "fwlab-community"
	DefaultSNMPUser         = "fwaudit"
	DefaultSNMPAuthPassword = "fwlab-auth-pass"
	DefaultSNMPPrivPassword = "fwlab-priv-pass"
	defaultSNMPAuthProtocol = "SHA"
	defaultSNMPPrivProtocol = "AES"
)

// Agent bounds: a request is one datagram; answers are capped.
const (
	// snmpMaxRequest is the receive buffer: requests are small (a GET of 60
	// OIDs is ~1.5 KB) and a larger one is dropped. A 64 KB buffer per
	// device was 62 MB of a 1,000-device lab.
	snmpMaxRequest   = 16 << 10
	snmpMaxVarbinds  = 256 // per response
	snmpMaxRepeaters = 64  // GETBULK max-repetitions honoured
)

// snmpAgent answers SNMPv2c and SNMPv3 (USM) GET / GETNEXT / GETBULK for one
// device from the same profile its SSH side prints.
type snmpAgent struct {
	dev      *Device
	conn     *net.UDPConn
	engineID string

	mu        sync.Mutex
	bootCount uint32
	lastBoot  time.Time
	usm       *usmUser // lazily keyed to the engine ID
	salt      uint64

	cached    mib // table of cachedFor (serve goroutine only)
	cachedFor *profile
}

// listenSNMP binds the device's UDP agent on host:0.
func (d *Device) listenSNMP(host string) error {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP(host)})
	if err != nil {
		return fmt.Errorf("listen snmp for %s: %w", d.name, err)
	}
	sum := sha256.Sum256([]byte("fwlab-engine:" + d.name))
	// RFC 3411 engine ID: enterprise 9 (Cisco) with the format bit, then
	// format 4 (text) and 8 bytes derived from the name.
	eid := append([]byte{0x80, 0x00, 0x00, 0x09, 0x04}, sum[:8]...)
	d.snmp = &snmpAgent{dev: d, conn: c, engineID: string(eid), bootCount: 1}
	return nil
}

// SNMPPort is the device's UDP agent port.
func (d *Device) SNMPPort() int { return d.snmp.conn.LocalAddr().(*net.UDPAddr).Port }

// SNMPAddr is the agent address, "127.0.0.1:PORT".
func (d *Device) SNMPAddr() string { return d.snmp.conn.LocalAddr().String() }

// serveSNMP answers requests until ctx ends.
func (d *Device) serveSNMP(ctx context.Context) {
	a := d.snmp
	stop := context.AfterFunc(ctx, func() { _ = a.conn.Close() })
	defer stop()
	buf := make([]byte, snmpMaxRequest)
	for {
		n, addr, err := a.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if out := a.handle(buf[:n]); out != nil {
			_, _ = a.conn.WriteToUDP(out, addr)
		}
	}
}

// boots is snmpEngineBoots: it goes up by one each time the device
// reloads (its restart time moves).
func (a *snmpAgent) boots(p *profile) uint32 {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := p.restarted()
	if a.lastBoot.IsZero() {
		a.lastBoot = r
	} else if r.Sub(a.lastBoot) > time.Second {
		a.bootCount++
		a.lastBoot = r
	}
	if p.spec.SNMPEngineBoots > 0 {
		return uint32(p.spec.SNMPEngineBoots)
	}
	return a.bootCount
}

// handle decodes one datagram and returns the reply, or nil to drop it.
func (a *snmpAgent) handle(raw []byte) []byte {
	ver, ok := peekVersion(raw)
	if !ok {
		return nil
	}
	p := a.dev.prof.Load()
	switch ver {
	case gosnmp.Version2c:
		return a.handleV2c(raw, p)
	case gosnmp.Version3:
		return a.handleV3(raw, p)
	}
	return nil
}

func (a *snmpAgent) handleV2c(raw []byte, p *profile) []byte {
	dec := &gosnmp.GoSNMP{Version: gosnmp.Version2c}
	req, err := dec.UnmarshalTrap(raw, false)
	if err != nil || req.Community != snmpCommunity(p.spec) {
		return nil
	}
	resp := &gosnmp.SnmpPacket{Version: gosnmp.Version2c, Community: req.Community, PDUType: gosnmp.GetResponse,
		RequestID: req.RequestID, Variables: a.answer(req, p)}
	if resp.Variables == nil {
		return nil
	}
	out, err := resp.MarshalMsg()
	if err != nil {
		return nil
	}
	return out
}

// answer runs GET / GETNEXT / GETBULK on the profile's table; nil for
// anything else (SET is not supported: the lab is read-only).
func (a *snmpAgent) answer(req *gosnmp.SnmpPacket, p *profile) []gosnmp.SnmpPDU {
	m := a.table(p, time.Now())
	if len(req.Variables) > snmpMaxVarbinds {
		return nil
	}
	var out []gosnmp.SnmpPDU
	switch req.PDUType {
	case gosnmp.GetRequest:
		for _, v := range req.Variables {
			out = append(out, m.get(v.Name))
		}
	case gosnmp.GetNextRequest:
		for _, v := range req.Variables {
			out = append(out, m.next(v.Name))
		}
	case gosnmp.GetBulkRequest:
		out = bulk(m, req)
	default:
		return nil
	}
	if out == nil {
		out = []gosnmp.SnmpPDU{}
	}
	return out
}

// bulk implements GETBULK (RFC 3416 §4.2.3) with the response capped at
// snmpMaxVarbinds.
func bulk(m mib, req *gosnmp.SnmpPacket) []gosnmp.SnmpPDU {
	nonRep := min(int(req.NonRepeaters), len(req.Variables))
	reps := min(int(req.MaxRepetitions), snmpMaxRepeaters)
	var out []gosnmp.SnmpPDU
	for _, v := range req.Variables[:nonRep] {
		out = append(out, m.next(v.Name))
	}
	cur := make([]string, 0, len(req.Variables)-nonRep)
	for _, v := range req.Variables[nonRep:] {
		cur = append(cur, v.Name)
	}
	for r := 0; r < reps && len(cur) > 0; r++ {
		allEnd := true
		for i, name := range cur {
			if len(out) >= snmpMaxVarbinds {
				return out
			}
			pdu := m.next(name)
			out = append(out, pdu)
			if pdu.Type != gosnmp.EndOfMibView {
				allEnd = false
				cur[i] = pdu.Name
			}
		}
		if allEnd {
			break
		}
	}
	return out
}

// peekVersion reads the version INTEGER at the start of a message.
func peekVersion(b []byte) (gosnmp.SnmpVersion, bool) {
	if len(b) < 2 || b[0] != 0x30 {
		return 0, false
	}
	i := 2
	if b[1]&0x80 != 0 {
		i += int(b[1] & 0x7f)
	}
	if i+3 > len(b) || b[i] != 0x02 || b[i+1] != 1 {
		return 0, false
	}
	return gosnmp.SnmpVersion(b[i+2]), true
}

func snmpCommunity(s DeviceSpec) string {
	if s.SNMPCommunity != "" {
		return s.SNMPCommunity
	}
	return DefaultSNMPCommunity
}

package lab

import (
	"cmp"
	"encoding/binary"
	"time"

	"github.com/gosnmp/gosnmp"

	"fwaudit/internal/snmpkey"
)

// usmUser is the device's one SNMPv3 user with keys localized to its
// engine ID.
type usmUser struct {
	name  string
	level gosnmp.SnmpV3MsgFlags
	dec   *gosnmp.GoSNMP // decoder holding the user's security parameters
	keys  *gosnmp.UsmSecurityParameters
}

var labAuthProtocols = map[string]gosnmp.SnmpV3AuthProtocol{
	"MD5": gosnmp.MD5, "SHA": gosnmp.SHA, "SHA224": gosnmp.SHA224,
	"SHA256": gosnmp.SHA256, "SHA384": gosnmp.SHA384, "SHA512": gosnmp.SHA512,
}

var labPrivProtocols = map[string]gosnmp.SnmpV3PrivProtocol{
	"DES": gosnmp.DES, "AES": gosnmp.AES, "AES192": gosnmp.AES192, "AES256": gosnmp.AES256,
	"AES192C": gosnmp.AES192C, "AES256C": gosnmp.AES256C,
}

// user returns the v3 user of spec, building its keys on first use and
// again when the fleet's credentials change.
func (a *snmpAgent) user(s DeviceSpec) *usmUser {
	name := cmp.Or(s.SNMPUser, DefaultSNMPUser)
	authP, ok1 := labAuthProtocols[cmp.Or(s.SNMPAuthProtocol, defaultSNMPAuthProtocol)]
	privP, ok2 := labPrivProtocols[cmp.Or(s.SNMPPrivProtocol, defaultSNMPPrivProtocol)]
	if !ok1 || !ok2 {
		return nil
	}
	authPass := cmp.Or(s.SNMPAuthPassword, DefaultSNMPAuthPassword)
	privPass := cmp.Or(s.SNMPPrivPassword, DefaultSNMPPrivPassword)
	a.mu.Lock()
	defer a.mu.Unlock()
	if u := a.usm; u != nil && u.name == name && u.keys.AuthenticationProtocol == authP &&
		u.keys.PrivacyProtocol == privP && u.keys.AuthenticationPassphrase == authPass && u.keys.PrivacyPassphrase == privPass {
		return u
	}
	sp := &gosnmp.UsmSecurityParameters{
		AuthoritativeEngineID: a.engineID, UserName: name,
		AuthenticationProtocol: authP, AuthenticationPassphrase: authPass,
		PrivacyProtocol: privP, PrivacyPassphrase: privPass,
	}
	keys, err := snmpkey.Localize(authP, authPass, privP, privPass, a.engineID)
	if err != nil {
		return nil
	}
	sp.SecretKey, sp.PrivacyKey = keys.Auth, keys.Priv
	u := &usmUser{name: name, level: gosnmp.AuthPriv, keys: sp, dec: &gosnmp.GoSNMP{
		Version: gosnmp.Version3, SecurityModel: gosnmp.UserSecurityModel, MsgFlags: gosnmp.AuthPriv, SecurityParameters: sp,
	}}
	a.usm = u
	return u
}

// handleV3 answers engine discovery with a report and authenticated,
// encrypted requests of the device's user with a response.
func (a *snmpAgent) handleV3(raw []byte, p *profile) []byte {
	u := a.user(p.spec)
	if u == nil {
		return nil
	}
	req, err := u.dec.UnmarshalTrap(raw, false)
	if err != nil {
		return nil
	}
	rsp, ok := req.SecurityParameters.(*gosnmp.UsmSecurityParameters)
	if !ok {
		return nil
	}
	boots := a.boots(p)
	etime := uint32(p.engineUptime(time.Now()) / time.Second)
	if rsp.UserName == "" && rsp.AuthoritativeEngineID == "" {
		return a.report(req, boots, etime)
	}
	if rsp.AuthoritativeEngineID != a.engineID || rsp.UserName != u.name || req.MsgFlags&gosnmp.AuthPriv < u.level {
		return nil
	}
	vars := a.answer(req, p)
	if vars == nil {
		return nil
	}
	a.mu.Lock()
	a.salt++
	salt := binary.BigEndian.AppendUint64(nil, a.salt)
	a.mu.Unlock()
	sp := &gosnmp.UsmSecurityParameters{
		AuthoritativeEngineID: a.engineID, AuthoritativeEngineBoots: boots, AuthoritativeEngineTime: etime,
		UserName: u.name, AuthenticationProtocol: u.keys.AuthenticationProtocol, PrivacyProtocol: u.keys.PrivacyProtocol,
		SecretKey: u.keys.SecretKey, PrivacyKey: u.keys.PrivacyKey, PrivacyParameters: salt,
	}
	resp := &gosnmp.SnmpPacket{
		Version: gosnmp.Version3, MsgFlags: req.MsgFlags & gosnmp.AuthPriv, SecurityModel: gosnmp.UserSecurityModel,
		SecurityParameters: sp, PDUType: gosnmp.GetResponse, MsgID: req.MsgID, RequestID: req.RequestID,
		ContextEngineID: a.engineID, ContextName: req.ContextName, Variables: vars,
	}
	out, err := resp.MarshalMsg()
	if err != nil {
		return nil
	}
	return out
}

// report answers an engine-discovery probe (RFC 3414 §4) with the engine
// ID, boots and time in an unauthenticated report.
func (a *snmpAgent) report(req *gosnmp.SnmpPacket, boots, etime uint32) []byte {
	resp := &gosnmp.SnmpPacket{
		Version: gosnmp.Version3, MsgFlags: gosnmp.NoAuthNoPriv, SecurityModel: gosnmp.UserSecurityModel,
		SecurityParameters: &gosnmp.UsmSecurityParameters{
			AuthoritativeEngineID: a.engineID, AuthoritativeEngineBoots: boots, AuthoritativeEngineTime: etime,
			AuthenticationProtocol: gosnmp.NoAuth, PrivacyProtocol: gosnmp.NoPriv,
		},
		PDUType: gosnmp.Report, MsgID: req.MsgID, RequestID: req.RequestID, ContextEngineID: a.engineID,
		Variables: []gosnmp.SnmpPDU{{Name: ".1.3.6.1.6.3.15.1.1.4.0", Type: gosnmp.Counter32, Value: uint32(1)}},
	}
	out, err := resp.MarshalMsg()
	if err != nil {
		return nil
	}
	return out
}

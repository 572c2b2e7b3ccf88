package collect

import (
	"errors"
	"fmt"

	"github.com/gosnmp/gosnmp"
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

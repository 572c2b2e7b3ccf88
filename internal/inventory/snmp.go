package inventory

// snmp builds and checks the SNMP settings of a device from its merged layer.
func (b *builder) snmp(eff layer, raw rawDevice) *SNMPSettings {
	s := subject{device: raw.name}
	str := func(k string) string { v, _, _ := get[string](eff, k); return v }
	need := func(k, why string) {
		if _, ok := eff[k]; !ok {
			b.errs.add(eff["snmp"].pos, s, k, "required %s", why)
		}
	}
	c := &SNMPSettings{Version: str("snmp.version"), Port: DefaultSNMPPort, User: str("snmp.user"),
		SecurityLevel: str("snmp.security_level"), AuthProtocol: str("snmp.auth_protocol"), PrivProtocol: str("snmp.priv_protocol")}
	if p, _, ok := get[int](eff, "snmp.port"); ok {
		c.Port = p
	}
	switch c.Version {
	case "":
		need("snmp.version", `("2c" or "3")`)
	case "2c":
		var ok bool
		if c.Community, ok = b.res.secret(eff, s, "snmp.community_env", "snmp.community_file"); !ok {
			if _, set := eff["snmp.community_file"]; !set {
				need("snmp.community_env", "for version 2c (or community_file)")
			}
		}
	case "3":
		need("snmp.user", "for version 3")
		need("snmp.security_level", "for version 3 (noAuthNoPriv, authNoPriv or authPriv)")
		if c.SecurityLevel == "authNoPriv" || c.SecurityLevel == "authPriv" {
			need("snmp.auth_protocol", "for "+c.SecurityLevel)
			b.v3secret(eff, s, "snmp.auth_password", c.SecurityLevel, &c.AuthPassword)
		}
		if c.SecurityLevel == "authPriv" {
			need("snmp.priv_protocol", "for authPriv")
			b.v3secret(eff, s, "snmp.priv_password", c.SecurityLevel, &c.PrivPassword)
		}
	}
	return c
}

func (b *builder) v3secret(eff layer, s subject, key, level string, dst *Secret) {
	_, env := eff[key+"_env"]
	_, file := eff[key+"_file"]
	if !env && !file {
		b.errs.add(eff["snmp"].pos, s, key+"_env", "required for %s (or %s_file)", level, key[len("snmp."):])
		return
	}
	*dst, _ = b.res.secret(eff, s, key+"_env", key+"_file")
}

package lab

// SNMPSpec is the SNMP side of a simulated device (inline in DeviceSpec).
// Left empty, the agent answers v2c community "fwlab-community" and the v3
// user "fwaudit" (authPriv, SHA / AES, DefaultSNMPAuthPassword /
// DefaultSNMPPrivPassword). These fields are read from the device entry
// itself: models: and defaults: do not set them.
type SNMPSpec struct {
	// SNMPFirmware makes entPhysicalFirmwareRev (and romId) report this
	// instead of the CLI's ROMMON: the channels disagree (ROM-003).
	SNMPFirmware string `yaml:"snmp_firmware"`
	// SNMPUptime makes snmpEngineTime / sysUpTime claim this uptime while
	// the CLI prints the real one (REL-002).
	SNMPUptime Duration `yaml:"snmp_uptime"`
	// SNMPEngineBoots overrides snmpEngineBoots (default: 1, plus one per
	// reload while the lab runs).
	SNMPEngineBoots int `yaml:"snmp_engine_boots"`

	SNMPCommunity    string `yaml:"snmp_community"`
	SNMPUser         string `yaml:"snmp_user"`
	SNMPAuthProtocol string `yaml:"snmp_auth_protocol"` // SHA (default), SHA256, ...
	SNMPAuthPassword string `yaml:"snmp_auth_password"`
	SNMPPrivProtocol string `yaml:"snmp_priv_protocol"` // AES (default), AES256, ...
	SNMPPrivPassword string `yaml:"snmp_priv_password"`
}

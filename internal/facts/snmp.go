package facts

// SNMP is what the device's SNMP agent reported. Its components also go into
// Facts.ROMMON with Source snmp, so rules can compare channels.
type SNMP struct {
	SysDescr    string `json:"sys_descr,omitempty"`
	SysObjectID string `json:"sys_object_id,omitempty"`
	SysName     string `json:"sys_name,omitempty"`
	// SysUpTimeSeconds is the agent's uptime, not the device's.
	SysUpTimeSeconds  int64  `json:"sys_uptime_seconds,omitempty"`
	EngineBoots       int64  `json:"engine_boots,omitempty"`
	EngineTimeSeconds int64  `json:"engine_time_seconds,omitempty"`
	ConfigRegister    string `json:"config_register,omitempty"`
	ConfigRegNext     string `json:"config_register_next,omitempty"`
	ROMID             string `json:"rom_id,omitempty"`
	ROMSysVersion     string `json:"rom_sys_version,omitempty"`
	// Entities are the ENTITY-MIB entPhysicalTable rows.
	Entities []Entity `json:"entities,omitempty"`
}

// Entity is one entPhysicalTable row.
type Entity struct {
	Index       int    `json:"index"`
	Descr       string `json:"descr,omitempty"`
	ContainedIn int    `json:"contained_in,omitempty"`
	Class       int    `json:"class,omitempty"` // entPhysicalClass: 3 chassis, 9 module, ...
	Name        string `json:"name,omitempty"`
	HardwareRev string `json:"hardware_rev,omitempty"`
	FirmwareRev string `json:"firmware_rev,omitempty"`
	SoftwareRev string `json:"software_rev,omitempty"`
	SerialNum   string `json:"serial_num,omitempty"`
	ModelName   string `json:"model_name,omitempty"`
}

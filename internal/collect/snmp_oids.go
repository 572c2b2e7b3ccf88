package collect

// OIDs the SNMP collector reads (vendor-integrity reference §4). Leading dot,
// as gosnmp returns names.
const (
	oidSysDescr    = ".1.3.6.1.2.1.1.1.0"
	oidSysObjectID = ".1.3.6.1.2.1.1.2.0"
	oidSysUpTime   = ".1.3.6.1.2.1.1.3.0"
	oidSysName     = ".1.3.6.1.2.1.1.5.0"

	// SNMP-FRAMEWORK-MIB snmpEngine group: boots increments at every
	// re-initialisation of the engine, time counts seconds since then.
	oidEngineBoots = ".1.3.6.1.6.3.10.2.1.2.0"
	oidEngineTime  = ".1.3.6.1.6.3.10.2.1.3.0"

	// Cisco OLD-CISCO-SYSTEM-MIB romId and OLD-CISCO-CHASSIS-MIB
	// romSysVersion / configRegister / configRegNext (deprecated; answered
	// by many IOS and IOS XE builds, absent elsewhere).
	oidCiscoROMID         = ".1.3.6.1.4.1.9.2.1.1.0"
	oidCiscoROMSysVersion = ".1.3.6.1.4.1.9.3.6.5.0"
	oidCiscoConfigReg     = ".1.3.6.1.4.1.9.3.6.9.0"
	oidCiscoConfigRegNext = ".1.3.6.1.4.1.9.3.6.10.0"

	// ENTITY-MIB entPhysicalEntry; columns are .<col>.<entPhysicalIndex>.
	oidEntPhysicalEntry = ".1.3.6.1.2.1.47.1.1.1.1"

	oidCiscoEnterprise = ".1.3.6.1.4.1.9."
)

// entPhysicalEntry columns the collector keeps.
const (
	entDescr       = 2
	entContainedIn = 4
	entClass       = 5
	entName        = 7
	entHardwareRev = 8
	entFirmwareRev = 9
	entSoftwareRev = 10
	entSerialNum   = 11
	entModelName   = 13
)

// entPhysicalClass values used to pick firmware rows.
const (
	entClassChassis = 3
	entClassModule  = 9
	entClassCPU     = 12
)

// scalarOIDs are read with one GET.
var scalarOIDs = []string{
	oidSysDescr, oidSysObjectID, oidSysUpTime, oidSysName,
	oidEngineBoots, oidEngineTime,
}

// ciscoOIDs are read with a second GET when sysObjectID is Cisco's.
var ciscoOIDs = []string{oidCiscoROMID, oidCiscoROMSysVersion, oidCiscoConfigReg, oidCiscoConfigRegNext}

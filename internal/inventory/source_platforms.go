package inventory

// Built-in platform name tables of the foreign sources (lower case). A name
// missing here is used as it is, so a source that already uses our names
// (cisco_iosxe…) needs no mapping; `platform_map=` adds or overrides entries.
var (
	ansiblePlatforms = map[string]string{
		"cisco.ios.ios": "cisco_ios", "ios": "cisco_ios",
		"cisco.iosxr.iosxr": "cisco_iosxr", "iosxr": "cisco_iosxr",
		"cisco.nxos.nxos": "cisco_nxos", "nxos": "cisco_nxos",
		"arista.eos.eos": "arista_eos", "eos": "arista_eos",
		"junipernetworks.junos.junos": "juniper_junos", "juniper.junos.junos": "juniper_junos", "junos": "juniper_junos",
	}
	// nornirPlatforms covers NAPALM and Netmiko names.
	nornirPlatforms = map[string]string{
		"ios": "cisco_ios", "cisco_ios": "cisco_ios",
		"iosxe": "cisco_iosxe", "cisco_xe": "cisco_iosxe", "cisco_iosxe": "cisco_iosxe",
		"iosxr": "cisco_iosxr", "cisco_xr": "cisco_iosxr", "cisco_iosxr": "cisco_iosxr",
		"nxos": "cisco_nxos", "nxos_ssh": "cisco_nxos", "cisco_nxos": "cisco_nxos",
		"eos": "arista_eos", "arista_eos": "arista_eos",
		"junos": "juniper_junos", "juniper": "juniper_junos", "juniper_junos": "juniper_junos",
	}
	oxidizedPlatforms = map[string]string{
		"ios": "cisco_ios", "iosxe": "cisco_iosxe", "nxos": "cisco_nxos",
		"iosxr": "cisco_iosxr", "eos": "arista_eos", "junos": "juniper_junos",
	}
	// netboxPlatforms are the slugs NetBox installations commonly use.
	netboxPlatforms = map[string]string{
		"ios": "cisco_ios", "cisco-ios": "cisco_ios",
		"ios-xe": "cisco_iosxe", "iosxe": "cisco_iosxe", "cisco-ios-xe": "cisco_iosxe", "cisco-iosxe": "cisco_iosxe",
		"ios-xr": "cisco_iosxr", "iosxr": "cisco_iosxr", "cisco-ios-xr": "cisco_iosxr", "cisco-iosxr": "cisco_iosxr",
		"nx-os": "cisco_nxos", "nxos": "cisco_nxos", "cisco-nx-os": "cisco_nxos", "cisco-nxos": "cisco_nxos",
		"eos": "arista_eos", "arista-eos": "arista_eos",
		"junos": "juniper_junos", "juniper-junos": "juniper_junos",
	}
)

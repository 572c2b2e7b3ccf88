package sweep

import (
	"context"
	"errors"
	"fmt"

	"fwaudit/internal/collect"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
	"fwaudit/internal/textsafe"
)

// ErrPlatformUnknown is returned for a device with no platform in the
// inventory whose SNMP identity and show version name none we know.
var ErrPlatformUnknown = errors.New("platform not detected")

// ErrPlatformUnassessed: the device runs a platform fwaudit recognises but
// does not audit (Cisco FTD, FXOS): it is reported with why, never clean.
var ErrPlatformUnassessed = errors.New("unassessed: platform detected but not audited")

// unassessedErr is the error of a device running u.
func unassessedErr(u platform.Unassessed) error {
	return fmt.Errorf("%w: %s: %s", ErrPlatformUnassessed, u.Name, u.Why)
}

// detectPlatform names the platform of a device whose inventory entry has
// none (or `platform: auto`). SNMP first when the device collects over it:
// sysObjectID and sysDescr (platform.DetectSNMP); the SNMP answers are
// returned so the later SNMP step does not ask again. Else, or when SNMP
// does not settle it, a first SSH session with a generic driver (no
// enable, no platform on-open steps) runs only `show version`
// (platform.Detect); the audit then logs in again with the detected
// platform's scrapligo definition. That session goes through the same
// host-key store: a changed key is refused before credentials are sent,
// and the error wraps hostkey.ErrHostKeyChanged with res.Facts carrying the
// key's fingerprint, as collectSSH leaves them.
func detectPlatform(ctx context.Context, d inventory.Device, keys *hostKeyStores, opts Options, res *Result) (string, *collect.SNMPResult, error) {
	log := opts.Logger.With("device", d.Name)
	var pre *collect.SNMPResult
	var snmpErr error
	if d.Collects(inventory.ChannelSNMP) && d.SNMP != nil {
		out, err := collect.CollectSNMP(ctx, snmpTarget(d, opts.SNMP), log.With("channel", "snmp"))
		if err == nil {
			pre = &out
			if u, ok := platform.DetectUnassessedSNMP(out.SNMP.SysDescr); ok {
				return "", nil, fmt.Errorf("detect platform: %w", unassessedErr(u))
			}
			if name, ok := platform.DetectSNMP(out.SNMP.SysObjectID, out.SNMP.SysDescr); ok {
				log.Info("platform detected", "platform", name, "via", "snmp", "sys_object_id", textsafe.Clean(out.SNMP.SysObjectID, 128))
				return name, pre, nil
			}
		}
		snmpErr = err
	}
	if !d.Collects(inventory.ChannelSSH) {
		if snmpErr != nil {
			return "", nil, fmt.Errorf("detect platform: snmp: %w", snmpErr)
		}
		return "", nil, fmt.Errorf("detect platform: %w: sysObjectID %q and sysDescr name no known platform (set platform: in the inventory)",
			ErrPlatformUnknown, textsafe.Clean(pre.SNMP.SysObjectID, 128))
	}
	if snmpErr != nil {
		log.Warn("SNMP did not answer for platform detection; trying SSH", "err", snmpErr)
	}
	if err := collectSSH(ctx, d, collect.DetectPlatform, keys, opts, res); err != nil {
		return "", nil, fmt.Errorf("detect platform: %w", err)
	}
	if u, ok := platform.DetectUnassessed(res.Outputs[collect.DetectCommand]); ok {
		return "", nil, fmt.Errorf("detect platform: %w", unassessedErr(u))
	}
	name, ok := platform.Detect(res.Outputs[collect.DetectCommand])
	if !ok {
		return "", nil, fmt.Errorf("detect platform: %w: show version names no known platform (set platform: in the inventory)", ErrPlatformUnknown)
	}
	log.Info("platform detected", "platform", name, "via", "ssh")
	return name, pre, nil
}

// useDetectionSNMP merges the SNMP answers detection already read, as
// collectSNMP would have.
func useDetectionSNMP(res *Result, out collect.SNMPResult, opts Options, name string) error {
	if len(out.Components) == 0 && len(res.Facts.ROMMON) > 0 {
		opts.Logger.Warn("SNMP gave no entPhysicalFirmwareRev for the chassis / RP / supervisor; ROM-003 cross-check not made",
			"device", name, "channel", "snmp", "entities", len(out.SNMP.Entities))
	}
	mergeSNMP(&res.Facts, out)
	return keepVarbinds(res, out, opts.budget)
}

// contradiction checks the declared platform against what the device
// says of itself in its show version output. It returns the platform they name and which answer named it
// when that is another platform; "" when they agree or say nothing.
func contradiction(declared string, res *Result) (detected, from string) {
	if name, ok := platform.Detect(res.Outputs[collect.DetectCommand]); ok && name != declared {
		return name, "its show version"
	}
	return "", ""
}

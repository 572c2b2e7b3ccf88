package lab

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// family is what show version prints that depends on the hardware model.
type family struct {
	software string // "ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)"
	cpu      string // "1RU", "X86", ...
	memory   string
	cat9k    bool
	fp       string // forwarding processor PID in show platform
	flashKB  int64
}

func familyOf(model string) family {
	switch {
	case strings.HasPrefix(model, "C9"):
		return family{software: "Catalyst L3 Switch Software (CAT9K_IOSXE)", cpu: "X86", memory: "1331521K/6147K",
			cat9k: true, fp: model + "-FP", flashKB: 11087104}
	case strings.HasPrefix(model, "ISR4"):
		return family{software: "ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)", cpu: "1RU", memory: "1795979K/6147K",
			fp: "ISR4331-FP", flashKB: 7341807}
	case strings.HasPrefix(model, "ASR1"):
		return family{software: "ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)", cpu: "1NG", memory: "3752400K/6147K",
			fp: "ASR1001-X-FP", flashKB: 7341807}
	case strings.HasPrefix(model, "C8"):
		return family{software: "c8000be Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)", cpu: "1RU", memory: "3753522K/6147K",
			fp: model + "-FP", flashKB: 7057407}
	}
	return family{software: "IOS-XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)", cpu: "1RU", memory: "1795979K/6147K",
		fp: model + "-FP", flashKB: 7341807}
}

// trains maps a major.minor release to its IOS XE train name.
var trains = map[string]string{
	"16.9": "Fuji", "16.12": "Gibraltar", "17.3": "Amsterdam", "17.6": "Bengaluru",
	"17.9": "Cupertino", "17.12": "Dublin", "17.15": "IOSXE",
}

// shortVersion turns 17.09.04a into 17.9.4a, as the IOS line prints it.
func shortVersion(v string) string {
	parts := strings.Split(v, ".")
	for i, p := range parts {
		digits := strings.TrimLeft(p, "0")
		if digits == "" || (digits[0] < '0' || digits[0] > '9') {
			digits = "0" + digits
		}
		parts[i] = digits
	}
	return strings.Join(parts, ".")
}

func train(v string) string {
	parts := strings.Split(shortVersion(v), ".")
	if len(parts) < 2 {
		return ""
	}
	return trains[parts[0]+"."+parts[1]]
}

// iosUptime formats an uptime as IOS does: "1 year, 2 weeks, 3 days, 4 hours, 5 minutes".
func iosUptime(d time.Duration) string {
	mins := int64(d / time.Minute)
	units := []struct {
		name string
		mins int64
	}{{"year", 525600}, {"week", 10080}, {"day", 1440}, {"hour", 60}, {"minute", 1}}
	var parts []string
	for _, u := range units {
		n := mins / u.mins
		mins %= u.mins
		if n == 0 && !(u.name == "minute" && len(parts) == 0) {
			continue
		}
		s := strconv.FormatInt(n, 10) + " " + u.name
		if n != 1 {
			s += "s"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// insertTime formats an age as show platform does: 00:27:28, 3d05h, 13w6d.
func insertTime(d time.Duration) string {
	h := int64(d / time.Hour)
	switch {
	case h < 24:
		m := int64(d/time.Minute) % 60
		s := int64(d/time.Second) % 60
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	case h < 24*7:
		return fmt.Sprintf("%dd%02dh", h/24, h%24)
	}
	return fmt.Sprintf("%dw%dd", h/(24*7), (h/24)%7)
}

// uptime and restart time of the profile at now.
func (p *profile) uptime(now time.Time) time.Duration {
	return time.Duration(p.spec.Uptime) + now.Sub(p.since)
}

func (p *profile) restarted() time.Time {
	return p.since.Add(-time.Duration(p.spec.Uptime)).UTC()
}

const iosTime = "15:04:05 MST Mon Jan 2 2006"

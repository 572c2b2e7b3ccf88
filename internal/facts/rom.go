package facts

// ROMRegions describes routers with two ROMMON copies (ISR G2 `show
// rom-monitor`: ReadOnly and Upgrade regions; ASR1k: Boot ROM0 / ROM1).
// A box running its upgrade region that no change record upgraded is an
// indicator of a ROMMON implant.
type ROMRegions struct {
	ReadOnly string `json:"read_only,omitempty"` // version in the read-only (golden) region
	Upgrade  string `json:"upgrade,omitempty"`   // version in the upgrade region
	Running  string `json:"running,omitempty"`   // region running now: "readonly" | "upgrade" | "rom0" | "rom1"
	NextBoot string `json:"next_boot,omitempty"` // region selected for next boot
}

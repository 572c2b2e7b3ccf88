package collect

import (
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/util"

	"fwaudit/internal/facts"
	"fwaudit/internal/platform"
)

// genericScrapliPlatform is the scrapli platform of DetectPlatform: it logs
// in to any CLI and stays at the privilege the device gives (no enable, no
// platform on-open steps), so it works before the platform is known.
const genericScrapliPlatform = "fwaudit_generic"

// genericDef waits for the prompt of any registered platform (each
// descriptor's Detection.Prompt: IOS "r1>", XR "RP/0/RP0/CPU0:r1#", Junos
// "user@mx1>"), so a new platform's prompt is detected once it registers.
var genericDef = &scrapliDef{
	opts:  []util.Option{options.WithDefaultDesiredPriv("exec")},
	privs: network.PrivilegeLevels{"exec": {Name: "exec", Pattern: platform.PromptPattern()}},
}

// DetectPlatform is the platform CollectSSH runs to name an unknown device:
// "terminal length 0" (so show version does not page; a Junos box just
// rejects it) and "show version", whose output platform.Detect reads.
var DetectPlatform = platform.Platform{
	Name:            "auto",
	ScrapliPlatform: genericScrapliPlatform,
	Commands:        []string{"terminal length 0", DetectCommand},
	Parse:           func(platform.Outputs) (facts.Facts, error) { return facts.Facts{}, nil },
}

// DetectCommand is the command whose output names the platform.
const DetectCommand = "show version"

// scrapliDefFor returns the definition of a scrapli platform name,
// genericScrapliPlatform included.
func scrapliDefFor(name string) (*scrapliDef, error) {
	if name == genericScrapliPlatform {
		return genericDef, nil
	}
	return loadScrapliDef(name)
}

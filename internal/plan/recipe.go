package plan

import (
	"maps"
	"slices"

	"fwaudit/internal/baseline"
	"fwaudit/internal/platform"
)

// recipe is one platform's way of doing each kind of step. A nil func
// means the platform has no such step (NX-OS has no configuration register).
type recipe struct {
	fs          string // where approved files go: "bootflash:", "flash:", "/var/tmp/"
	ansible     string // Ansible module prefix: "cisco.ios.ios" gives ios_command / ios_config
	evidence    func(t target) []Step
	containment func(t target) []Option
	stage       func(t target, im baseline.Image, present bool) []Step // copy im.File in (unless present) and verify it against the baseline digest
	quarantine  func(t target, file string) []Step                     // keep a suspect file as evidence, out of the boot path
	rommon      func(t target, pkg *baseline.Package) []Step           // stage (when it takes a file) and install; pkg may be nil
	regionFall  func(t target) []Step                                  // fall back to the read-only ROMMON region, nil when the platform has none
	boot        func(t target, image string) []Step
	register    func(t target, value string) []Step
	save        func(t target) []Step
	reload      func(t target, rommon bool) []Step
	post        func(t target, image *baseline.Image) []Step
	// findings are platform actions no revert does (ASA: replace
	// end-of-support hardware, console checks); nil: none.
	findings func(t target) (steps []Step, manual []string)
}

// recipes is the explicit table of plan recipes, by the key a platform
// descriptor names (platform.Platform.Plan).
var recipes = map[string]recipe{
	"cisco_iosxe":   iosxeRecipe(),
	"cisco_ios":     iosRecipe(),
	"cisco_nxos":    nxosRecipe(),
	"cisco_iosxr":   iosxrRecipe(),
	"arista_eos":    eosRecipe(),
	"juniper_junos": junosRecipe(),
	"cisco_asa":     asaRecipe(),
}

// Recipes returns the recipe keys, sorted.
func Recipes() []string { return slices.Sorted(maps.Keys(recipes)) }

// Platforms returns the registered platforms whose descriptor names a
// recipe of this package, sorted.
func Platforms() []string {
	var names []string
	for _, p := range platform.All() {
		if _, ok := recipes[p.Plan]; ok {
			names = append(names, p.Name)
		}
	}
	slices.Sort(names)
	return names
}

// recipeOf returns the recipe the descriptor of the platform named name
// names; ok is false for an unknown platform or one without a recipe.
func recipeOf(name string) (recipe, bool) {
	p, err := platform.Lookup(name)
	if err != nil {
		return recipe{}, false
	}
	r, ok := recipes[p.Plan]
	return r, ok
}

// ansibleModule returns the Ansible module prefix of a platform ("" if none).
func ansibleModule(name string) string {
	r, _ := recipeOf(name)
	return r.ansible
}

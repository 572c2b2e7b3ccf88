// Package baseline loads and validates the approved firmware baselines, the
// management-network policy and the change windows, and answers "is version X
// approved for model Y". It imports nothing from fwaudit.
package baseline

// Package kgv loads Cisco known-good-values (KGV) files and answers whether
// a boot-integrity measurement is a published good value.
package kgv

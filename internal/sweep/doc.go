// Package sweep audits a selection of devices concurrently: collect, parse, evaluate, one result per device.
package sweep

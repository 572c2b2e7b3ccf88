// Package attest checks signed boot-integrity evidence itself: it
// recomputes PCRs from the reported hashes, verifies the SUDI certificate
// chain against trusted roots and verifies signatures over a fresh nonce.
package attest

package main

import "fwaudit/internal/store"

// checkState refuses a --state the store must not open: a postgres:// URL
// carrying a password. The password of a shared PostgreSQL store comes
// from the environment (FWAUDIT_STATE_PASSWORD, PGPASSWORD) or a password
// file (PGPASSFILE, ~/.pgpass), never from argv, where ps, shell history
// and CronJob specs would keep it.
func checkState(state string) error {
	if !store.IsPostgres(state) {
		return nil
	}
	if err := store.CheckDSN(state); err != nil {
		return usageErrorf("--state: %w", err)
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxPrepared bounds the statements a Store keeps prepared: the hot
// queries are a handful of constant texts; anything beyond runs unprepared.
const maxPrepared = 64

// preparedDB is a querier over the database that prepares each query
// text once per Store and reuses it (SQLite only; PostgreSQL's driver
// caches statements itself). A sweep reads every device's history with
// the same few queries (Previous: newest snapshot, acceptances, trusted
// snapshots); modernc's prepare was a third of that cost.
type preparedDB struct {
	db      *sql.DB
	enabled bool
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
}

func (p *preparedDB) stmt(ctx context.Context, query string) *sql.Stmt {
	if !p.enabled {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.stmts[query]; ok {
		return st
	}
	if len(p.stmts) >= maxPrepared {
		return nil
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the plain call reports the error
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[query] = st
	return st
}

func (p *preparedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, query, args...)
}

func (p *preparedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, query, args...)
}

func (p *preparedDB) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.stmts {
		_ = st.Close()
	}
	p.stmts = nil
}

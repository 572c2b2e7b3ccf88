package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"
	"time"
)

// runLocks holds, per PostgreSQL run in progress, the connection whose
// session owns the run's advisory lock (lockClassRun). A poller that dies
// loses its connection, hence the lock, and the next Open marks the run
// interrupted. Unused with SQLite.
type runLocks struct {
	mu    sync.Mutex
	conns map[int64]*sql.Conn
}

func (l *runLocks) add(id int64, c *sql.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conns == nil {
		l.conns = map[int64]*sql.Conn{}
	}
	l.conns[id] = c
}

// release drops run id's lock by closing its session.
func (l *runLocks) release(id int64) {
	l.mu.Lock()
	c := l.conns[id]
	delete(l.conns, id)
	l.mu.Unlock()
	if c != nil {
		dropConn(c)
	}
}

func (l *runLocks) releaseAll() {
	l.mu.Lock()
	ids := make([]int64, 0, len(l.conns))
	for id := range l.conns {
		ids = append(ids, id)
	}
	l.mu.Unlock()
	for _, id := range ids {
		l.release(id)
	}
}

// dropConn ends the session locks of c: it unlocks them and returns c to
// the pool, or, when the server does not answer, closes the session (the
// server then drops its locks itself).
func dropConn(c *sql.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`); err != nil {
		_ = c.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = c.Close()
}

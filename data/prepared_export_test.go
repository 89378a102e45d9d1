package data

// PreparedStatements is how many hot statements the DB holds prepared (0
// until the first transaction, and after Close).
func (db *DB) PreparedStatements() int {
	db.prepared.mu.Lock()
	defer db.prepared.mu.Unlock()
	return len(db.prepared.stmts)
}

// NumHotQueries is how many hot statements there are.
const NumHotQueries = int(numHotQueries)

package data

import (
	"context"
	"time"
)

// SaveSettingUnchecked stores a setting body as it is, for the tests of the
// settings history that need no valid rule set.
func (db *DB) SaveSettingUnchecked(ctx context.Context, name string, municipality int, body, savedBy string, now time.Time) (StoredSetting, error) {
	return db.saveSetting(ctx, name, municipality, body, savedBy, now, AnyVersion, nil)
}

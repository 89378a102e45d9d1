package data

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// tokenRow is a row of medcom_tokens: an integration's access to the
// MedCom endpoint. Only the SHA-256 of the token is stored.
type tokenRow struct {
	bun.BaseModel `bun:"table:medcom_tokens,alias:mt"`
	ID            string     `bun:"id,pk"`
	Name          string     `bun:"name"`
	Municipality  int        `bun:"municipality_code"`
	TokenHash     string     `bun:"token_hash"`
	CreatedAt     time.Time  `bun:"created_at"`
	CreatedBy     string     `bun:"created_by"`
	RevokedAt     *time.Time `bun:"revoked_at"`
	LastUsedAt    *time.Time `bun:"last_used_at"`
}

// MedComToken describes an integration token (never the token itself).
type MedComToken struct {
	Name         string
	Municipality int
	CreatedAt    time.Time
	CreatedBy    string
	RevokedAt    *time.Time
	LastUsedAt   *time.Time
}

// tokenPrefix marks Dosis MedCom tokens, so a leaked one is recognisable.
const tokenPrefix = "dmc_"

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateMedComToken creates the token of an integration (a system that
// posts MedCom messages for a municipality) and returns it; it is shown
// once and stored only as its SHA-256. Only admins create tokens.
func (db *DB) CreateMedComToken(ctx context.Context, a workflow.Actor, name string, municipality int, now time.Time) (string, error) {
	if a.Role != workflow.RoleAdmin {
		return "", workflow.Forbidden("err.medcom.admins_create_tokens")
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", workflow.Invalid("err.medcom.integration_name_invalid")
	}
	token := tokenPrefix + rand.Text() + rand.Text()
	r := tokenRow{ID: workflow.NewID(), Name: name, Municipality: municipality, TokenHash: hashToken(token),
		CreatedAt: now.UTC(), CreatedBy: a.UserID}
	if _, err := db.bun.NewInsert().Model(&r).Exec(ctx); err != nil {
		switch {
		case isUniqueViolation(err):
			return "", workflow.Invalid("err.medcom.integration_exists", name)
		case isForeignKeyViolation(err):
			return "", workflow.Invalid("err.municipality.unknown", municipality)
		}
		return "", fmt.Errorf("store integration token: %w", err)
	}
	return token, nil
}

// MedComTokens lists the integration tokens.
func (db *DB) MedComTokens(ctx context.Context) ([]MedComToken, error) {
	var rows []tokenRow
	if err := db.bun.NewSelect().Model(&rows).Order("mt.name").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list integration tokens: %w", err)
	}
	out := make([]MedComToken, len(rows))
	for i, r := range rows {
		out[i] = MedComToken{Name: r.Name, Municipality: r.Municipality, CreatedAt: r.CreatedAt.UTC(), CreatedBy: r.CreatedBy,
			RevokedAt: utcPtr(r.RevokedAt), LastUsedAt: utcPtr(r.LastUsedAt)}
	}
	return out, nil
}

// RevokeMedComToken revokes the integration's token.
func (db *DB) RevokeMedComToken(ctx context.Context, a workflow.Actor, name string, now time.Time) error {
	if a.Role != workflow.RoleAdmin {
		return workflow.Forbidden("err.medcom.admins_revoke_tokens")
	}
	res, err := db.bun.NewUpdate().Table("medcom_tokens").Set("revoked_at = ?", now.UTC()).
		Where("name = ? AND revoked_at IS NULL", name).Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke integration token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return workflow.NotFound("err.medcom.integration_not_found")
	}
	return nil
}

// MedComTokenActor returns the actor of a valid integration token: a
// nurse-role actor of the token's municipality named after the
// integration ("api:NAME" in the audit trail). An unknown or revoked
// token is forbidden.
func (db *DB) MedComTokenActor(ctx context.Context, token string, now time.Time) (workflow.Actor, error) {
	denied := workflow.Forbidden("err.medcom.token_unknown")
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 200 {
		return workflow.Actor{}, denied
	}
	var r tokenRow
	err := db.bun.NewSelect().Model(&r).Where("mt.token_hash = ? AND mt.revoked_at IS NULL", hashToken(token)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Actor{}, denied
	}
	if err != nil {
		return workflow.Actor{}, fmt.Errorf("check integration token: %w", err)
	}
	if _, err := db.bun.NewUpdate().Table("medcom_tokens").Set("last_used_at = ?", now.UTC()).Where("id = ?", r.ID).Exec(ctx); err != nil {
		return workflow.Actor{}, fmt.Errorf("note token use: %w", err)
	}
	return workflow.Actor{UserID: "api:" + r.Name, Name: r.Name, Role: workflow.RoleNurse, Municipality: r.Municipality}, nil
}

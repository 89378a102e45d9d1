package imports

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// An upload is a file kept between its dry-run preview and its commit (the
// web application's two steps): the admin sees what the file would change,
// then commits exactly those bytes, checked by their SHA-256, in one
// transaction that also deletes the upload, so a second commit of the same
// token finds nothing.

// MaxUploadBytes bounds one uploaded import file (the xlsx limits of
// ReadTable apply inside it as well).
const MaxUploadBytes = 8 << 20

// UploadTTL is how long an upload waits for its commit.
const UploadTTL = 30 * time.Minute

// Upload is a stored file with what the preview was run with.
type Upload struct {
	Token        string
	Kind         Kind
	Municipality int
	FileName     string
	SHA256       string
	Content      []byte
	ExpiresAt    time.Time
}

type uploadRow struct {
	bun.BaseModel `bun:"table:import_uploads"`
	TokenHash     string    `bun:"token_hash,pk"`
	Actor         string    `bun:"actor"`
	Kind          string    `bun:"kind"`
	Municipality  *int      `bun:"municipality_code"`
	FileName      string    `bun:"file_name"`
	SHA256        string    `bun:"sha256"`
	Content       []byte    `bun:"content"`
	CreatedAt     time.Time `bun:"created_at"`
	ExpiresAt     time.Time `bun:"expires_at"`
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// ContentHash is the hex SHA-256 of a file, as an upload keeps it.
func ContentHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func errUploadTooLarge() error {
	return workflow.Invalid("err.import.file_too_large", MaxUploadBytes>>20)
}

func errUploadGone() error {
	return &workflow.Error{Kind: workflow.KindConflict,
		Key: "err.import.upload_expired"}
}

// Preview checks an uploaded file as a dry run and, when no row is bad,
// keeps it for Commit under a new random token (in the returned upload).
// Expired uploads are deleted on the way. A file with bad rows is not kept:
// the report lists every problem and the returned upload has no token.
func Preview(ctx context.Context, db *data.DB, actor workflow.Actor, k Kind, fileName string, b []byte, o Options) (*Report, Upload, error) {
	up := Upload{Kind: k, Municipality: o.Municipality, FileName: fileName, SHA256: ContentHash(b)}
	if len(b) > MaxUploadBytes {
		return nil, up, errUploadTooLarge()
	}
	o.DryRun = true
	rep, err := Run(ctx, db, actor, k, b, o)
	if err != nil || rep == nil {
		return rep, up, err
	}
	now := o.Now.UTC()
	up.Token, up.Content, up.ExpiresAt = rand.Text(), b, now.Add(UploadTTL)
	r := uploadRow{TokenHash: tokenHash(up.Token), Actor: actor.UserID, Kind: string(k), FileName: fileName,
		SHA256: up.SHA256, Content: b, CreatedAt: now, ExpiresAt: up.ExpiresAt}
	if o.Municipality != 0 {
		r.Municipality = &o.Municipality
	}
	err = db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*uploadRow)(nil)).Where("expires_at <= ?", now).Exec(ctx); err != nil {
			return fmt.Errorf("delete expired uploads: %w", err)
		}
		_, err := tx.NewInsert().Model(&r).Exec(ctx)
		return err
	})
	if err != nil {
		return rep, Upload{}, fmt.Errorf("keep upload: %w", err)
	}
	return rep, up, nil
}

// PendingUpload loads the actor's unexpired upload by token, without its
// content (for the page that asks to commit it).
func PendingUpload(ctx context.Context, db *data.DB, actor workflow.Actor, token string, now time.Time) (Upload, error) {
	var r uploadRow
	err := db.Bun().NewSelect().Model(&r).ExcludeColumn("content").
		Where("token_hash = ? AND actor = ? AND expires_at > ?", tokenHash(token), actor.UserID, now.UTC()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Upload{}, errUploadGone()
	}
	if err != nil {
		return Upload{}, fmt.Errorf("load upload: %w", err)
	}
	return r.upload(token), nil
}

func (r uploadRow) upload(token string) Upload {
	u := Upload{Token: token, Kind: Kind(r.Kind), FileName: r.FileName, SHA256: r.SHA256, Content: r.Content, ExpiresAt: r.ExpiresAt.UTC()}
	if r.Municipality != nil {
		u.Municipality = *r.Municipality
	}
	return u
}

// Commit imports the actor's upload by token, exactly the bytes previewed:
// their SHA-256 must be wantSHA (what the preview page showed), and the
// upload is deleted in the import's transaction, so the file is imported
// once or not at all. Every check runs again, against the database as it
// is now; a row that has become bad fails the whole file.
func Commit(ctx context.Context, db *data.DB, actor workflow.Actor, token, wantSHA string, now time.Time) (*Report, Upload, error) {
	var r uploadRow
	err := db.Bun().NewSelect().Model(&r).
		Where("token_hash = ? AND actor = ? AND expires_at > ?", tokenHash(token), actor.UserID, now.UTC()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Upload{}, errUploadGone()
	}
	if err != nil {
		return nil, Upload{}, fmt.Errorf("load upload: %w", err)
	}
	up := r.upload(token)
	if ContentHash(r.Content) != r.SHA256 || r.SHA256 != wantSHA {
		return nil, up, &workflow.Error{Kind: workflow.KindConflict,
			Key: "err.import.upload_mismatch"}
	}
	o := Options{Municipality: up.Municipality, Now: now, claim: func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*uploadRow)(nil)).Where("token_hash = ?", r.TokenHash).Exec(ctx)
		if err != nil {
			return fmt.Errorf("claim upload: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errUploadGone()
		}
		return nil
	}}
	rep, err := Run(ctx, db, actor, up.Kind, r.Content, o)
	return rep, up, err
}

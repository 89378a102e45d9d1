package imports

import (
	"time"

	"github.com/uptrace/bun"
)

// The rows an import reads and writes; their columns mirror the data
// package's models.

type citizenRow struct {
	bun.BaseModel `bun:"table:citizens"`
	ID            string    `bun:"id,pk"`
	CPR           string    `bun:"cpr"`
	Name          string    `bun:"name"`
	BirthDate     time.Time `bun:"birth_date"`
	Sex           string    `bun:"sex"`
	Municipality  int       `bun:"municipality_code"`
	GPID          *string   `bun:"gp_id"`
	MedicineHelp  bool      `bun:"medicine_help"`
	CreatedAt     time.Time `bun:"created_at"`
}

type gpRow struct {
	bun.BaseModel `bun:"table:gps"`
	ID            string    `bun:"id,pk"`
	Ydernummer    string    `bun:"ydernummer"`
	Name          string    `bun:"name"`
	Clinic        string    `bun:"clinic"`
	Municipality  *int      `bun:"municipality_code"`
	CreatedAt     time.Time `bun:"created_at"`
}

type pharmacyRow struct {
	bun.BaseModel       `bun:"table:pharmacies"`
	ID                  string    `bun:"id,pk"`
	Name                string    `bun:"name"`
	Municipality        int       `bun:"municipality_code"`
	PeriodDays          int       `bun:"period_days"`
	DeadlineWorkingDays int       `bun:"deadline_working_days"`
	LeadTimeHours       int       `bun:"lead_time_hours"`
	ExtraClosingDays    string    `bun:"extra_closing_days"`
	CreatedAt           time.Time `bun:"created_at"`
}

type accessRow struct {
	bun.BaseModel `bun:"table:access_log"`
	ID            int64     `bun:"id,pk,autoincrement"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	CitizenID     string    `bun:"citizen_id"`
	What          string    `bun:"what"`
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

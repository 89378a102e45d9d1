// Package rows holds the bun models of the tables that both the data
// package and its importers write (citizens, GPs, pharmacies, the access
// log), so their columns are declared once.
package rows

import (
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// Citizen is a row of citizens.
type Citizen struct {
	bun.BaseModel `bun:"table:citizens,alias:ci"`
	ID            string        `bun:"id,pk"`
	CPR           string        `bun:"cpr"`
	Name          string        `bun:"name"`
	BirthDate     calendar.Date `bun:"birth_date"`
	Sex           string        `bun:"sex"`
	Municipality  int           `bun:"municipality_code"`
	GPID          *string       `bun:"gp_id"`
	MedicineHelp  bool          `bun:"medicine_help"`
	// MedicineHelpSince is the civil date the help started (zero, NULL, when unknown).
	MedicineHelpSince calendar.Date `bun:"medicine_help_since"`
	CreatedAt         time.Time     `bun:"created_at"`
}

// GP is a row of gps.
type GP struct {
	bun.BaseModel `bun:"table:gps"`
	ID            string    `bun:"id,pk"`
	Ydernummer    string    `bun:"ydernummer"`
	Name          string    `bun:"name"`
	Clinic        string    `bun:"clinic"`
	Municipality  *int      `bun:"municipality_code"`
	CreatedAt     time.Time `bun:"created_at"`
	// SOR and EAN identify the clinic in MedCom messages ("" when unknown).
	SOR string `bun:"sor"`
	EAN string `bun:"ean"`
}

// Pharmacy is a row of pharmacies.
type Pharmacy struct {
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

// Access is a row of the append-only access_log.
type Access struct {
	bun.BaseModel `bun:"table:access_log"`
	ID            int64     `bun:"id,pk,autoincrement"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	CitizenID     string    `bun:"citizen_id"`
	What          string    `bun:"what"`
}

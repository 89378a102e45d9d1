package workflow

import (
	"time"

	"github.com/dosis-dk/dosis/i18n"
)

// PeriodStatus is where a roll period is in its cycle (shaped on FMK's
// dose-dispensing period statuses).
type PeriodStatus string

// The roll period statuses.
const (
	// PeriodPlanned: scheduled, changes still reach it (FMK "Planlagt").
	PeriodPlanned PeriodStatus = "planned"
	// PeriodReady: past its deadline, ready for packing ("Klar til pakning").
	PeriodReady PeriodStatus = "ready"
	// PeriodNotDispensed: not packed because the case was paused ("Ekspederes ikke").
	PeriodNotDispensed PeriodStatus = "not_dispensed"
	// PeriodDispensed: packed and delivered by the pharmacy ("Ekspederet").
	PeriodDispensed PeriodStatus = "dispensed"
	// PeriodReceived: the municipality did its receipt control.
	PeriodReceived PeriodStatus = "received"
)

// UrgentStatus is where an urgent roll (akutrulle) request is.
type UrgentStatus string

// The urgent roll statuses (shaped on FHIR Task).
const (
	UrgentRequested UrgentStatus = "requested"
	UrgentAccepted  UrgentStatus = "accepted"
	UrgentRejected  UrgentStatus = "rejected"
	UrgentPacked    UrgentStatus = "packed"
	UrgentDelivered UrgentStatus = "delivered"
	UrgentCancelled UrgentStatus = "cancelled"
)

// The reasons an urgent roll is requested.
const (
	UrgentReasonMedicationChange  = "medication_change"
	UrgentReasonHospitalDischarge = "hospital_discharge"
	UrgentReasonLostOrDamaged     = "lost_or_damaged"
	UrgentReasonStart             = "start"
)

// UrgentReasons lists the urgent roll reasons.
func UrgentReasons() []string {
	return []string{UrgentReasonMedicationChange, UrgentReasonHospitalDischarge, UrgentReasonLostOrDamaged, UrgentReasonStart}
}

// DeviationKinds lists the receipt-control deviation kinds (modtagekontrol).
func DeviationKinds() []string {
	return []string{"wrong_drug", "wrong_strength", "missing_pouch", "wrong_citizen", "damaged", "late"}
}

// The hospital notification kinds (MedCom HospitalNotification).
const (
	HospitalAdmission = "admission"
	HospitalLeave     = "leave"
	HospitalDischarge = "discharge"
)

// The decisions on a medication change.
const (
	ChangeNextRoll   = "next_roll"
	ChangeUrgentRoll = "urgent_roll"
	ChangeBridge     = "bridge"
)

// UrgentRequest is a request for an urgent roll, as a nurse fills it in or
// as the tool prefills it after a late medication change or a discharge.
type UrgentRequest struct {
	CaseID   string
	Reason   string
	NeededBy time.Time
	Note     string
	// Key identifies the request across retries and double submissions
	// (the web form carries one per rendering); empty for none.
	Key string
}

// labelIn is the label of code k in lang from the message catalogue, under
// the key prefix+k; an unknown k is shown as itself.
func labelIn[K ~string](prefix string, k K, lang i18n.Lang) string {
	if m, ok := i18n.Lookup(prefix + string(k)); ok {
		return m.In(lang)
	}
	return string(k)
}

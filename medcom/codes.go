package medcom

import "strings"

// Code systems and identifier systems (MedCom terminology 1.8.1, MedCom core).
const (
	SystemEventCodes     = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
	SystemActivityCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
	SystemDestinationUse = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse"
	SystemCategoryCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
	SystemAckErrorCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-acknowledgement-error-codes"
	SystemResponseCode   = "http://hl7.org/fhir/response-code"
	SystemIssueSeverity  = "http://hl7.org/fhir/issue-severity"
	SystemIssueType      = "http://hl7.org/fhir/issue-type"
	SystemActCode        = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	// SystemCPR identifies a Danish CPR number (Patient.identifier).
	SystemCPR = "urn:oid:1.2.208.176.1.2"
	// SystemSOR identifies an organisation by SOR code.
	SystemSOR = "urn:oid:1.2.208.176.1.1"
	// SystemEAN identifies an organisation by EAN/GLN location number.
	SystemEAN = "https://www.gs1.org/gln"
	// sorEndpoint prefixes a SOR code to form a MessageHeader endpoint.
	sorEndpoint = "https://sor2.sum.dsdn.dk/#id="
)

// Event codes (MessageHeader.eventCoding).
const (
	EventHospitalNotification = "hospital-notification-message"
	EventCareCommunication    = "care-communication-message"
	EventAcknowledgement      = "acknowledgement-message"
)

// Profiles of the Bundle (Bundle.meta.profile) and of the parts Dosis writes.
const (
	ProfileHospitalNotification     = "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message"
	ProfileCareCommunication        = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message"
	ProfileAcknowledgement          = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement"
	profileAckHeader                = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgementHeader"
	profileAckOutcome               = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome"
	profileCCHeader                 = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"
	profileCCCommunication          = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-communication"
	profileCCProvenance             = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-provenance"
	profileProvenance               = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance"
	profileOrganization             = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization"
	profilePatient                  = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient"
	profilePractitioner             = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner"
	profilePractitionerRole         = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitionerrole"
	extDestinationUse               = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
	extCCDateTime                   = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-datetime-extension"
	extCCAuthor                     = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-author-extension"
	extCCAuthorContact              = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-author-contact-extension"
	extCCSegmentIdentifier          = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-identifier-extension"
	careCommunicationDefinition     = "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0"
	acknowledgementProfileSeparator = "|"
)

// profileFor is the Bundle profile expected for each event.
var profileFor = map[string]string{
	EventHospitalNotification: ProfileHospitalNotification,
	EventCareCommunication:    ProfileCareCommunication,
	EventAcknowledgement:      ProfileAcknowledgement,
}

// profileMatches reports whether a claimed profile is want, allowing a
// "|version" suffix.
func profileMatches(claimed, want string) bool {
	base, _, _ := strings.Cut(claimed, acknowledgementProfileSeparator)
	return base == want
}

// Acknowledgement response codes (MessageHeader.response.code).
const (
	AckOK             = "ok"
	AckTransientError = "transient-error"
	AckFatalError     = "fatal-error"
)

// Stay is what a HospitalNotification reports about the stay.
type Stay string

// The stay events of the HospitalNotification activity value set.
const (
	StayAdmit      Stay = "admit"
	StayStartLeave Stay = "start-leave"
	StayEndLeave   Stay = "end-leave"
	StayDischarge  Stay = "discharge"
)

// Variant tells a first notification from a correction or a cancellation
// of an earlier one.
type Variant string

// The variants.
const (
	VariantNew    Variant = "new"
	VariantRevise Variant = "revise"
	VariantCancel Variant = "cancel"
)

// Activity is one code of the HospitalNotification activity value set
// (ValueSet medcom-hospitalNotification-messageActivities).
type Activity struct {
	Code    string
	Stay    Stay
	Variant Variant
	// Emergency is set for the acute ambulant codes (class EMER).
	Emergency bool
	// DA and EN are the standard's designations.
	DA, EN string
}

// HospitalActivities lists the 18 codes of the value set in its order.
func HospitalActivities() []Activity {
	type base struct {
		code, da, en string
		stay         Stay
		emergency    bool
	}
	bases := []base{
		{"admit-emergency", "Start sygehusophold - akut ambulant", "Start hospital stay - acute ambulant", StayAdmit, true},
		{"admit-inpatient", "Start sygehusophold - indlagt", "Start hospital stay - admission", StayAdmit, false},
		{"start-leave-inpatient", "Start orlov", "Start leave", StayStartLeave, false},
		{"end-leave-inpatient", "Slut orlov", "End leave", StayEndLeave, false},
		{"discharge-emergency-home", "Slut sygehusophold - afsluttet til hjemmet/primær sektor (akut ambulant)",
			"End hospital stay - completed to home/primary sector (acute ambulant)", StayDischarge, true},
		{"discharge-inpatient-home", "Slut sygehusophold - afsluttet til hjemmet/primær sektor",
			"End hospital stay - completed to home/primary sector", StayDischarge, false},
	}
	var out []Activity
	for _, b := range bases {
		out = append(out,
			Activity{Code: b.code, Stay: b.stay, Variant: VariantNew, Emergency: b.emergency, DA: b.da, EN: b.en},
			Activity{Code: "revise-" + b.code, Stay: b.stay, Variant: VariantRevise, Emergency: b.emergency,
				DA: "Rettelse " + b.da, EN: "Update " + b.en},
			Activity{Code: "cancel-" + b.code, Stay: b.stay, Variant: VariantCancel, Emergency: b.emergency,
				DA: "Annullering " + b.da, EN: "Cancellation " + b.en})
	}
	return out
}

// LookupActivity returns the activity with the code.
func LookupActivity(code string) (Activity, bool) {
	for _, a := range HospitalActivities() {
		if a.Code == code {
			return a, true
		}
	}
	return Activity{}, false
}

// CareCommunication activity codes (ValueSet medcom-careCommunication-messagingActivities).
const (
	ActivityNewMessage     = "new-message"
	ActivityReplyMessage   = "reply-message"
	ActivityForwardMessage = "forward-message"
	activityAcknowledgment = "acknowledgement"
)

// Package medcom reads and writes the MedCom FHIR messages Dosis exchanges
// with hospitals and general practitioners: HospitalNotification (advis om
// sygehusophold), CareCommunication (korrespondancemeddelelse) and
// Acknowledgement (kvittering). Each is a FHIR R4 Bundle of type message,
// in XML or JSON.
//
// The package is pure: bytes in, typed values or a typed [*Problem] out, and
// typed values in, bytes out. It knows nothing of cases or storage. Every
// input is bounded ([MaxMessageBytes], [maxDepth], [maxNodes]) and no input
// makes it panic (see the fuzz tests).
//
// Codes and profiles follow the standards' own repositories
// (medcomdk/dk-medcom-hospitalnotification, -messaging, -acknowledgement,
// -carecommunication, -core and -terminology); see docs/medcom.md.
package medcom

// Package workflow is the case state machine of the dose-dispensing
// programme and the domain around it: the transition table
// ([Transitions], [Decide]) with its guards and reason codes, the
// [Service] that runs each transition, its audit row and its reminders in
// one transaction of a [Store], roll periods and their deadlines, urgent
// rolls, medication changes, hospital notifications, GP absences, receipt
// control and worklists. It defines the types and errors ([Error], [Kind])
// the edges map to exit codes and HTTP statuses; the data package
// implements its storage, and the clock is injected.
//
// See docs/workflow.md for the states, guards and reason codes.
package workflow

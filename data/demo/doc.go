// Package demo fills a Dosis database with synthetic but realistic demo
// data: the 98 municipalities' pharmacies, GPs and citizens with municipal
// medicine help, cases in every state with three years of history whose
// audit trails follow the state machine, roll periods, urgent rolls,
// receipt deviations, medication changes and hospital notifications.
//
// Generation is deterministic: the same Options.Seed and Options.Now give
// the same rows, ids included. Every id the package writes begins with
// "demo-" (real ids are upper-case base32 and never do). Generate writes
// only into a database without citizens; each municipality is written in
// its own transaction, so an interrupted run leaves whole municipalities,
// and Options.Resume completes it as the uninterrupted run would have.
//
// The package lives under data because it writes with bun directly, in
// batched multi-row inserts; see docs/demo.md for the distributions and the
// measured timings.
package demo

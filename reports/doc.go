// Package reports computes what the dose-dispensing programme achieves —
// adoption, the case funnel, nursing hours freed, pharmacy and GP service —
// for a period and a set of municipalities, and renders it as an Excel
// workbook and a self-contained offline HTML dashboard.
//
// The package owns the report types and the small [Source] interface of
// aggregate queries it needs; package data implements Source with GROUP BY
// queries in the database, so no report ever loads every row. [Build]
// combines the aggregates with the nursing-hours model ([Params]) and
// [Suppress] applies the statistics practice (counts under 5 hidden, small
// municipalities left out). No CPR number or personal name ever enters a
// Report.
package reports

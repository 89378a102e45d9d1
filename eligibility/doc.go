// Package eligibility assesses whether a citizen is suitable for dose-dispensed
// medicine (dosispakket medicin): facts in, an explained verdict out.
//
// The package is pure. It reads no database and does no I/O except reading a
// rule-set file in [LoadFile]. No national checklist is published (the 2023
// MUUSMANN analysis for KL et al., recommendation #2, asks for one), so the
// criteria are data: a versioned [RuleSet] that a municipality may replace.
// [Evaluate] applies a rule set to [Facts] and returns a [Verdict] that says,
// for every criterion, whether it passed, failed or was unknown, and why, in
// plain Danish and in English.
//
// # Outcome
//
// Any required criterion failed gives [NotEligible]. Otherwise any criterion
// unknown, or any advisory criterion failed, gives [NeedsReview]. Otherwise the
// outcome is [Eligible]. A rule set without criteria gives [NeedsReview]:
// nothing was assessed.
//
// # Rule-set file format
//
// A rule set is a JSON object with snake_case keys; unknown keys are an error,
// so a misspelt key is caught instead of silently ignored:
//
//	{
//	  "id": "dk-default",          // required; stable name of the rule set
//	  "version": "2024.1",         // required; change it whenever a criterion changes
//	  "title": "…",                // optional; shown to users
//	  "published": "2024-01-01",   // optional; yyyy-mm-dd
//	  "criteria": [                // required; at least one
//	    {
//	      "id": "packable_medicine_count", // required; unique in the rule set
//	      "fact": "packable_medicine_count", // required; key in Facts
//	      "op": "gte",             // required; eq | gte | lte | in
//	      "value": 3,              // required; see below
//	      "severity": "required",  // required; required | advisory
//	      "label_da": "…",         // required; Danish name of the criterion
//	      "label_en": "…",         // optional; falls back to label_da
//	      "source": "…",           // required; where the criterion comes from
//	      "messages_da": {"pass": "…", "fail": "…", "unknown": "…"},
//	      "messages_en": {"pass": "…", "fail": "…", "unknown": "…"}
//	    }
//	  ]
//	}
//
// The value must fit the op: "eq" takes a boolean, a string or a number;
// "gte" and "lte" take a number; "in" takes a non-empty list of strings.
// Strings are compared exactly.
//
// Messages are optional templates; a missing one falls back to a generic
// sentence built from the label. Templates may use {value} (the citizen's
// fact), {threshold} (the criterion's value) and {label}, and a counted
// number with its word, {value:måned|måneder} or {threshold:…|…}: the
// singular form when the number is exactly 1, the plural otherwise ("1
// måned", "2,5 måneder"). Any other {name} is an error. Numbers are
// written with a decimal comma in Danish.
//
// # Facts
//
// [Facts] maps fact keys to bool, number (any Go integer or float type) or
// string values. A missing key or a nil value means unknown. A value of the
// wrong type (for example the string "3" where a number is expected) also
// gives unknown, with a reason saying the value was not understood.
// [KnownFacts] lists the keys the default rule set uses, so forms and the CLI
// can ask for them.
package eligibility

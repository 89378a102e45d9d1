package reports

// recommendations writes the Anbefalinger sheet: for each recommendation
// Dosis can measure its definition and its table, under the same
// disclosure control as the rest of the workbook.
func (x *xl) recommendations() error {
	s, rec := x.st, &x.r.Recs
	cols := []column{{"Kode", 7, s.int}, {"Kommune", 22, s.text}, {"Vurderinger", 12, s.int}}
	for _, v := range rec.Versions {
		cols = append(cols, column{v, 11, s.int})
	}
	cols = append(cols, column{"Andel under den mest brugte version", 14, s.pct})
	var rows [][]any
	for _, v := range append(append([]VersionRow(nil), rec.Assess...), rec.AssessTotal) {
		row := []any{codeCell(v.Code), v.Name, count(v.Total)}
		for _, c := range v.Counts {
			row = append(row, count(c))
		}
		rows = append(rows, append(row, ratio(v.Uniform)))
	}
	consents := [][]any{{x.head(RecConsentDefinition)},
		{x.head("Kode"), x.head("Kommune"), x.head("Samtykker"), x.head("Uden for den daglige pleje"), x.head("Andel")}}
	for _, c := range append(append([]ConsentRow(nil), rec.Consents...), rec.ConsentTotal) {
		consents = append(consents, []any{x.num(codeCell(c.Code), s.int), c.Name, x.num(count(c.Consents), s.int),
			x.num(count(c.Outside), s.int), x.num(ratio(c.Share), s.pct)})
	}
	l := rec.Lead
	lead := [][]any{{x.head(RecLeadDefinition)},
		{x.head("Apoteker"), x.head("Median af medianerne (timer)"), x.head("Laveste"), x.head("Højeste"), x.head("Spredning (timer)")},
		{x.num(l.Pharmacies, s.int), x.num(ratio(l.Median), s.int), x.num(ratio(l.Lowest), s.int), x.num(ratio(l.Highest), s.int),
			x.num(ratio(l.Spread), s.int)}}
	recorders := [][]any{{x.head(RecRecorderDefinition)},
		{x.head("Kode"), x.head("Kommune"), x.head("Sager åbnet"), x.head("Medarbejdere"), x.head("Sager pr. medarbejder"),
			x.head("Største andel hos én medarbejder")}}
	for _, c := range append(append([]RecorderRow(nil), rec.Recorders...), rec.RecorderTotal) {
		recorders = append(recorders, []any{x.num(codeCell(c.Code), s.int), c.Name, x.num(count(c.Cases), s.int),
			x.num(count(c.Staff), s.int), x.num(ratio(c.PerStaff), s.dec), x.num(ratio(c.TopShare), s.pct)})
	}
	return x.table(SheetRecommendations, "Anbefalingerne fulgt: "+RecAssessDefinition, cols, rows,
		consents, lead, recorders, [][]any{{RecSource}})
}

// codeCell is a municipality code, or nil for a total row.
func codeCell(code int) any {
	if code > 0 {
		return code
	}
	return nil
}

// recFigures are the recommendations' key figures.
func (r Report) recFigures() []KeyFigure {
	rec := r.Recs
	return []KeyFigure{
		{LabelDA: "Anbefaling 2/9: andel af vurderinger under den mest brugte regelversion",
			LabelEN: "Recommendation 2/9: share of assessments under the most used rule version", Value: ratio(rec.AssessTotal.Uniform), Kind: KindPercent},
		{LabelDA: "Anbefaling 14: andel af samtykker registreret uden for den daglige pleje",
			LabelEN: "Recommendation 14: share of consents recorded outside daily care", Value: ratio(rec.ConsentTotal.Share), Kind: KindPercent},
		{LabelDA: "Anbefaling 17: spredning i apotekernes median leveringstid for akutruller (timer)",
			LabelEN: "Recommendation 17: spread of the pharmacies' median urgent-roll lead times (hours)", Value: ratio(rec.Lead.Spread), Kind: KindDecimal},
		{LabelDA: "Anbefaling 13: sager åbnet pr. registrerende medarbejder",
			LabelEN: "Recommendation 13: cases opened per recording staff member", Value: ratio(rec.RecorderTotal.PerStaff), Kind: KindDecimal},
	}
}

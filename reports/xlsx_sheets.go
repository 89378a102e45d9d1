package reports

import (
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func (x *xl) municipalities() error {
	s := x.st
	cols := []column{{"Placering (andel 75+)", 11, s.int}, {"Kode", 7, s.int}, {"Kommune", 18, s.text},
		{"Borgere 75+ (skøn)", 11, s.int}, {"Borgere med medicinhjælp", 13, s.int}, {"Vurderet egnede", 11, s.int},
		{"Aktive ved periodens slut", 11, s.int}, {"Heraf 75+", 10, s.int}, {"Pauserede", 10, s.int},
		{"Potentiale (egnede, ikke startet)", 14, s.int}, {"Andel af medicinhjælp", 11, s.pct}, {"Andel af 75+ (skøn)", 10, s.pct},
		{"Borgermåneder", 13, s.dec}, {"Akutruller", 11, s.int}, {"Akutruller pr. 100 borgermåneder", 14, s.dec}}
	var rows [][]any
	for _, m := range byRank(x.r.Municipalities) {
		rows = append(rows, municipalityCells(m))
	}
	rows = append(rows, municipalityCells(x.r.Total))
	return x.table(SheetMunicipalities, "Kommuner: udbredelse af dosispakket medicin", cols, rows)
}

func municipalityCells(m MunicipalityRow) []any {
	var rank, code any
	if m.Rank > 0 {
		rank = m.Rank
	}
	if m.Code > 0 {
		code = m.Code
	}
	return []any{rank, code, m.Name, count(m.Population75), count(m.MedicineHelp), count(m.Eligible), count(m.Active),
		count(m.Active75), count(m.Paused), count(m.Potential), ratio(m.ShareOfHelp), ratio(m.ShareOf75),
		ratio(m.CitizenMonths), count(m.Urgent), ratio(m.UrgentPer100)}
}

func (x *xl) funnel() error {
	s := x.st
	cols := []column{{"Kode", 7, s.int}, {"Kommune", 18, s.text}}
	for _, l := range FunnelStageLabels() {
		cols = append(cols, column{l, 11, s.int})
	}
	cols = append(cols, column{"Åbnet → startet", 11, s.pct})
	var rows [][]any
	for _, f := range append(append([]FunnelRow(nil), x.r.Funnel.Rows...), x.r.Funnel.Total) {
		var code any
		if f.Code > 0 {
			code = f.Code
		}
		row := []any{code, f.Name}
		for _, c := range f.Stages {
			row = append(row, count(c))
		}
		rows = append(rows, append(row, ratio(f.Conversion)))
	}
	stages := [][]any{{x.head("Tid mellem trin"), x.head("Sager"), x.head("Median (dage)")}}
	for _, st := range x.r.Funnel.Stages {
		stages = append(stages, []any{st.LabelDA, x.num(count(st.N), s.int), x.num(ratio(st.Median), s.int)})
	}
	reasons := [][]any{{x.head("Udfald"), x.head("Årsag"), x.head("Sager")}}
	for _, rr := range x.r.Funnel.Reasons {
		reasons = append(reasons, []any{rr.StateLabel, rr.ReasonLabel, x.num(count(rr.Count), s.int)})
	}
	reasons = append(reasons, []any{"I alt", "", x.num(count(x.r.Funnel.ReasonTotal), s.int)})
	return x.table(SheetFunnel, "Tragt: sager åbnet i perioden og hvor langt de nåede", cols, rows, stages, reasons)
}

func (x *xl) hours() error {
	s := x.st
	cols := []column{{"Kode", 7, s.int}, {"Kommune", 18, s.text}, {"Ruller", 10, s.int}, {"Borgerperioder", 13, s.dec},
		{"Frigjorte timer", 13, s.dec}, {"Frigjorte årsværk", 12, s.dec2}, {"Potentiale (borgere)", 12, s.int},
		{"Potentiale, årsværk pr. år", 13, s.dec2}, {"Hvis-scenarie, årsværk pr. år (se Antagelser)", 13, s.dec2}, {"Egne parametre", 10, s.text}}
	var rows [][]any
	for _, m := range append(append([]MunicipalityRow(nil), x.r.Municipalities...), x.r.Total) {
		var code any
		own := ""
		if m.Code > 0 {
			code, own = m.Code, "nej"
			if m.Hours.Overridden {
				own = "ja"
			}
		}
		rows = append(rows, []any{code, m.Name, count(m.Rolls), ratio(m.Hours.Periods), ratio(m.Hours.Hours),
			ratio(m.Hours.FTE), count(m.Potential), ratio(m.Hours.PotentialFTE), ratio(m.Hours.WhatIfFTE), own})
	}
	model := [][]any{{x.head("Model")}, {"Frigjorte timer = borgerperioder på dosispakning × (manuelle minutter − minutter med dosispakning) / 60; årsværk = timer / timer pr. årsværk."},
		{"Borgerperioder = dage på dispenserede eller modtagne ruller / dage pr. periode. Parametre og kilder: se arket Antagelser."},
		{x.r.CalibrationText()}}
	return x.table(SheetHours, "Frigjorte sygeplejetimer og årsværk", cols, rows, model)
}

func (x *xl) pharmacies() error {
	s := x.st
	cols := []column{{"Apotek", 22, s.text}, {"Kommune", 9, s.int}, {"Lovet leveringstid (arbejdstimer)", 12, s.int},
		{"Lovet, median (timer på uret)", 12, s.int},
		{"Ruller", 10, s.int}, {"Akutruller", 10, s.int}, {"Leveret", 10, s.int}, {"Leveringstid, median (timer på uret)", 13, s.int},
		{"Leveringstid, 90 %-fraktil (timer på uret)", 13, s.int}, {"Til tiden", 10, s.pct}, {"Akutruller pr. 100 borgermåneder", 14, s.dec},
		{"Afvigelser", 10, s.int}, {"Afvigelser pr. 1.000 ruller", 12, s.dec}}
	var rows [][]any
	for _, p := range x.r.Pharmacies {
		rows = append(rows, []any{p.Name, p.Municipality, p.PromiseHours, ratio(p.PromiseMedian), count(p.Rolls), count(p.Urgent), count(p.Delivered),
			ratio(p.LeadMedian), ratio(p.LeadP90), ratio(p.OnTimeShare), ratio(p.UrgentPer100), count(p.Deviations), ratio(p.DevPer1000)})
	}
	return x.table(SheetPharmacies, "Apoteker: akutruller og modtagekontrol", cols, rows)
}

func (x *xl) gps() error {
	s := x.st
	cols := []column{{"Kode", 7, s.int}, {"Kommune", 18, s.text}, {"Anmodninger", 12, s.int}, {"Godkendt", 10, s.int},
		{"Afvist", 10, s.int}, {"Ikke besvaret", 10, s.int}, {"Godkendelsesandel", 12, s.pct}, {"Svartid, median (dage)", 12, s.int}}
	cells := func(g GPRow) []any {
		var code any
		if g.Code > 0 {
			code = g.Code
		}
		return []any{code, g.Name, count(g.Requests), count(g.Approved), count(g.Rejected), count(g.Undecided),
			ratio(g.ApprovalRate), ratio(g.MedianDays)}
	}
	var rows [][]any
	for _, g := range append(append([]GPRow(nil), x.r.GPs...), x.r.GPTotal) {
		rows = append(rows, cells(g))
	}
	renewals := [][]any{{x.head("Fornyelser af dosisordinationen (en anmodning på en sag, hvis ordination lægen allerede har godkendt)")}}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = x.head(c.head)
	}
	renewals = append(renewals, head)
	for _, g := range append(append([]GPRow(nil), x.r.Renewals...), x.r.RenewalTotal) {
		row := cells(g)
		for i, v := range row {
			row[i] = x.num(v, cols[i].style)
		}
		renewals = append(renewals, row)
	}
	return x.table(SheetGPs, "Praktiserende læger: første forslag om dosispakning (pr. kommune, ingen navne)", cols, rows, renewals)
}

func (x *xl) trend() error {
	s := x.st
	cols := []column{{"Måned", 10, s.month}, {"Kode", 7, s.int}, {"Kommune", 18, s.text}, {"Borgere med rulle", 11, s.int},
		{"Startet", 9, s.int}, {"Ruller", 9, s.int}, {"Borgermåneder", 12, s.dec}, {"Frigjorte timer", 12, s.dec}}
	var rows [][]any
	for _, t := range append(append([]TrendRow(nil), x.r.Trend...), x.r.TrendTotal...) {
		var code any
		if t.Code > 0 {
			code = t.Code
		}
		rows = append(rows, []any{t.Month.UTC(), code, t.Name, count(t.Citizens), count(t.Starts), count(t.Rolls),
			ratio(t.CitizenMonths), ratio(t.Hours)})
	}
	return x.table(SheetTrend, "Udvikling pr. måned og kommune (nederst: i alt pr. måned)", cols, rows)
}

func (x *xl) assumptions() error {
	s := x.st
	cols := []column{{"Gælder", 14, s.text}, {"Parameter", 40, s.text}, {"Nøgle", 24, s.text}, {"Værdi", 10, s.dec},
		{"Enhed", 9, s.text}, {"Kilde", 100, s.text}}
	var rows [][]any
	add := func(scope string, p Param) {
		rows = append(rows, []any{scope, p.LabelDA, p.Key, p.Value, p.Unit, p.Source})
	}
	for _, p := range x.r.Params.Default.List() {
		add("Standard", p)
	}
	add("Standard", x.r.Params.WhatIfPercent)
	rows = append(rows, []any{"Standard", "Grundlag for hvis-scenariet: " + x.r.Params.WhatIfBase.LabelDA(), "what_if_base",
		x.r.Params.WhatIfBase.Key, "", x.r.Params.WhatIfBase.Source})
	for _, code := range sortedCodes(x.r.Params.Overrides) {
		for _, p := range x.r.Params.Overrides[code].List() {
			add(municipalityLabel(code), p)
		}
	}
	rows = append(rows,
		[]any{"Regel", "Mindste viste antal", "min_count", float64(MinCount), "borgere", "MedCom / nationale lægemiddelstatistik: tal under 5 vises ikke."},
		[]any{"Regel", "Mindste antal aktive borgere for at vise en kommune", "min_active", float64(MinActive), "borgere", "MedCom / nationale lægemiddelstatistik: kommuner med under 30 brugere udelades."},
		[]any{"Regel", "Dage pr. år", "days_per_year", DaysPerYear, "dage", "Gennemsnitligt år; bruges til potentiale pr. år."})
	return x.table(SheetAssumptions, "Antagelser: alle parametre, deres værdi og kilde", cols, rows,
		[][]any{{x.r.CalibrationText()}, {"Rapporten er dannet " + calendar.DayOf(x.r.Generated).Format() + "."}})
}

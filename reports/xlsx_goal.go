package reports

// goal writes the Mål sheet: each municipality's share of the national
// goal, the FTE freed now and when the trend reaches it, and the monthly
// pace of the total.
func (x *xl) goal() error {
	s := x.st
	cols := []column{{"Kode", 7, s.int}, {"Kommune", 24, s.text}, {"Andel af målet (medicinhjælp)", 13, s.pct},
		{"Mål, 600-andel (årsværk)", 12, s.dec2}, {"Mål, 900-andel (årsværk)", 12, s.dec2},
		{"Årsværk nu (pr. år, seneste måneds tempo)", 14, s.dec2}, {"Tendens (årsværk pr. år, ændring pr. måned)", 14, s.dec2},
		{"600-andelen nås", 14, s.text}, {"900-andelen nås", 14, s.text}}
	var rows [][]any
	for _, g := range append(append([]GoalRow(nil), x.r.Goal.Rows...), x.r.Goal.Total) {
		rows = append(rows, goalCells(g))
	}
	pace := [][]any{{x.head("Måned"), x.head("Årsværk pr. år i månedens tempo (" + x.r.Goal.Total.Name + ")")}}
	for i, m := range x.r.Goal.Months {
		v := any(HiddenValue{})
		if !x.r.Goal.Total.Hidden {
			v = ratio(x.r.Goal.Total.Monthly[i])
		}
		pace = append(pace, []any{x.num(m, s.month), x.num(v, s.dec2)})
	}
	return x.table(SheetGoal, "Det nationale mål: frigjorte årsværk mod 600–900 årsværk", cols, rows, [][]any{{GoalSource}}, pace)
}

// goalCells is one row of the Mål sheet; a hidden row shows only its name.
func goalCells(g GoalRow) []any {
	var code any
	if g.Code > 0 {
		code = g.Code
	}
	if g.Hidden {
		h := HiddenValue{}
		return []any{code, g.Name, h, h, h, h, h, h, h}
	}
	return []any{code, g.Name, ratio(g.Share), ratio(g.TargetLow), ratio(g.TargetHigh), ratio(g.NowFTE), ratio(g.Slope),
		ReachText(g.ReachLow, g.ReachedLow), ReachText(g.ReachHigh, g.ReachedHigh)}
}

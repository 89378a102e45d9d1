package reports

import (
	"math"
	"sort"
)

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of the values a histogram
// holds, by the nearest-rank method: the smallest value with at least
// ⌈q·n⌉ observations at or below it. Invalid when the histogram is empty.
func Quantile(h []Bucket, q float64) Ratio {
	n := 0
	for _, b := range h {
		n += b.Count
	}
	if n == 0 {
		return Ratio{}
	}
	sorted := append([]Bucket(nil), h...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Value < sorted[j].Value })
	rank := max(int(math.Ceil(q*float64(n))), 1)
	seen := 0
	for _, b := range sorted {
		seen += b.Count
		if seen >= rank {
			return R(float64(b.Value))
		}
	}
	return R(float64(sorted[len(sorted)-1].Value))
}

// histograms groups buckets by key.
func histograms(bs []Bucket) map[string][]Bucket {
	out := map[string][]Bucket{}
	for _, b := range bs {
		out[b.Key] = append(out[b.Key], b)
	}
	return out
}

func total(h []Bucket) int {
	n := 0
	for _, b := range h {
		n += b.Count
	}
	return n
}

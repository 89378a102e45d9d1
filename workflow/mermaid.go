package workflow

import (
	"fmt"
	"strings"
)

// Mermaid renders the transition table as a Mermaid state diagram. The
// README and docs/workflow.md carry its output; a test keeps them in step.
func Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s: open\n", StateIdentified)
	for _, t := range Transitions() {
		for _, from := range t.From {
			for _, to := range t.Targets() {
				label := string(t.Event)
				if t.Event == EventAssess {
					if to == StateAwaitingConsent {
						label += " (eligible)"
					} else {
						label += " (not eligible / needs review)"
					}
				}
				if len(t.Guards) > 0 {
					codes := make([]string, len(t.Guards))
					for i, g := range t.Guards {
						codes[i] = g.Code
					}
					label += " [" + strings.Join(codes, ", ") + "]"
				}
				fmt.Fprintf(&b, "    %s --> %s: %s\n", from, to, label)
			}
		}
	}
	for _, s := range States() {
		if s.Terminal() {
			fmt.Fprintf(&b, "    %s --> [*]\n", s)
		}
	}
	return b.String()
}

package values

import (
	"fmt"
	"time"
)

// Seconds formats d as Go would, except that a whole number of seconds is
// written in seconds (350s, not 5m50s): vendors document limits that way.
func Seconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// DurationExpr writes d as Go source in the largest unit that divides it:
// 90 * time.Second, 2 * time.Minute, time.Minute, 1500 * time.Millisecond.
func DurationExpr(d time.Duration, timeName string) string {
	q := timeName + "."
	if timeName == "" {
		q = "" // a dot import
	}
	units := []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"},
		{time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}, {time.Nanosecond, "Nanosecond"}}
	for _, u := range units {
		switch {
		case d == u.unit:
			return q + u.name
		case d%u.unit == 0:
			return fmt.Sprintf("%d * %s%s", d/u.unit, q, u.name)
		}
	}
	return q + "Duration(0)" // unreachable: every duration is whole nanoseconds
}

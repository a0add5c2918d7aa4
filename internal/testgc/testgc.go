// Package testgc sets the garbage collector's pace for the test suites:
// CPU is what the 2-core machines they run on lack, memory they have.
package testgc

import (
	"os"
	"runtime/debug"
)

// ForThroughput sets GOGC=400 for the test process and for the commands
// it starts, unless GOGC is set. Each analysistest run, and each cold run
// of the command, type-checks net/http and its dependencies from source;
// at the default 100 a fifth of that CPU went to collecting a heap that
// lives as long as the run (one analysistest run: 5.6 s of CPU at 100,
// 4.4 s at 400, peak RSS 0.5 GB either way). Only the collector's pace
// differs from a user's run.
func ForThroughput() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(400)
	os.Setenv("GOGC", "400")
}

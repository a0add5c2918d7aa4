package proofs

import (
	"testing"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

func TestProbe(t *testing.T) { _ = natsim.AwaitingReplyFactor }

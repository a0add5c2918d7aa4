// Package scheduler reproduces the incident that motivated keepalivelint.
//
// Once an hour the job posts the pending payouts to the payment provider
// through a shared client. Its transport keeps idle connections forever (no
// IdleConnTimeout) and dials through egress.Dialer, which turns TCP
// keepalive off. Between two runs the pooled connection sits idle for an
// hour with nothing on the wire; the AWS NAT Gateway in front of the
// service forgets the flow after 350s and answers the next packet with a
// TCP reset. net/http only replays idempotent requests on a fresh
// connection, so the first POST of every run fails with "connection reset
// by peer". (internal/natsim's TestIncidentModule replays it on loopback
// with this transport.)
package scheduler

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"example.com/incident/egress"
)

// client is shared by every run of the job.
var client = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		DialContext:         egress.Dialer.DialContext,
		MaxIdleConnsPerHost: 4,
		TLSHandshakeTimeout: 10 * time.Second,
	},
}

// Run posts the payouts returned by pending every interval until ctx is done.
func Run(ctx context.Context, url string, interval time.Duration, pending func() [][]byte) error {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		for _, payout := range pending() {
			if err := post(ctx, url, payout); err != nil {
				return err
			}
		}
	}
}

func post(ctx context.Context, url string, payout []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payout))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("post payout: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("post payout: %s", resp.Status)
	}
	return nil
}

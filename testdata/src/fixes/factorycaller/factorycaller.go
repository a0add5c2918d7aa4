package factorycaller

import "net/http"

// newTransport is used once and closed by one caller and kept by the
// other: the fix goes into the factory's literal.
func newTransport() *http.Transport {
	return &http.Transport{MaxIdleConns: 10} // want `\(no-idle-timeout\)$`
}

func once(req *http.Request) {
	t := newTransport()
	defer t.CloseIdleConnections()
	_, _ = t.RoundTrip(req)
}

var kept *http.Client

func keep() {
	t := newTransport()
	kept = &http.Client{Transport: t}
}

// newNoFields: new(T) returned; the fix replaces new(T), not the caller's
// call.
func newNoFields() *http.Transport {
	return new(http.Transport) // want `\(no-idle-timeout\)$`
}

var keptNew *http.Client

func keepNew() {
	t := newNoFields()
	keptNew = &http.Client{Transport: t}
}

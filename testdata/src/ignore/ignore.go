package ignore

import "net/http"

func sameLine() *http.Transport {
	return &http.Transport{} //keepalivelint:ignore only dials a sidecar on loopback
}

func lineAbove() *http.Transport {
	//keepalivelint:ignore the process exits after one request
	return &http.Transport{}
}

func noReason() *http.Transport {
	return &http.Transport{} /* want `keepalivelint:ignore directive needs a reason` */ //keepalivelint:ignore
}

func notCovered() *http.Transport {
	//keepalivelint:ignore covers the next line only

	return &http.Transport{} // want `http.Transport has no IdleConnTimeout`
}

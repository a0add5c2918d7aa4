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

// A space after // makes the directive an ordinary comment: reported, and
// the finding it meant to hide is reported too.
func spaceAfterSlashes() *http.Transport {
	return &http.Transport{} // keepalivelint:ignore dials a sidecar // want `\(no-idle-timeout\)$` `malformed directive.*\(malformed-ignore\)$`
}

func malformedAbove() *http.Transport {
	//keepalivelint: ignore loopback // want `\(malformed-ignore\)$`
	return &http.Transport{} // want `\(no-idle-timeout\)$`
}

func malformedBlock() *http.Transport {
	return /*keepalivelint:ignore loopback*/ &http.Transport{} // want `\(malformed-ignore\)$` `\(no-idle-timeout\)$`
}

func malformedCase() *http.Transport {
	return &http.Transport{} //KeepAliveLint:Ignore loopback // want `\(malformed-ignore\)$` `\(no-idle-timeout\)$`
}

func malformedSuffix() *http.Transport {
	return &http.Transport{} //keepalivelint:ignored loopback // want `\(malformed-ignore\)$` `\(no-idle-timeout\)$`
}

// Ordinary comments that mention keepalivelint are not directives.
func notDirectives() {
	// keepalivelint reports transports without an idle timeout.
	// keepalivelint: checked by CI.
	//nolint:keepalivelint // golangci-lint's directive
}

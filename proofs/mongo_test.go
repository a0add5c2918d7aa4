package proofs_test

// The MongoDB Go driver v2.10.0 (go.mongodb.org/mongo-driver/v2) over the
// loopback NAT relay, against mongoServer, a minimal server built on the
// driver's own bson, bsoncore and wiremessage packages.
//
// Defaults, from the v2.10.0 source:
//   - maxIdleTimeMS (SetMaxConnIdleTime) defaults to 0, no limit
//     (mongo/options/clientoptions.go:888-893; the pool sets an idle timeout
//     only when it is not 0, x/mongo/driver/topology/pool.go:194-196). When
//     set, it is checked when a connection is checked out
//     (getOrQueueForIdleConn, pool.go:1095-1108, connectionPerished,
//     pool.go:168-190) and every 10 s in the background (pool.go:204,
//     removePerishedConns).
//   - Retryable writes are on by default (mongo/client.go:184-188), but the
//     driver retries a write only when the server reports
//     logicalSessionTimeoutMinutes and is not a standalone
//     (x/mongo/driver/operation.go:2324-2326, retryWritesSupported): replica
//     sets and sharded clusters, not a standalone server.
//   - A non-timeout network error on an operation marks the server Unknown
//     and clears the whole pool (x/mongo/driver/topology/server.go:561-567),
//     so one reset discards every idle connection to that server; the retry
//     then waits for the monitor's next check, rate-limited to one per
//     500 ms (minHeartbeatInterval, server.go:30; the ticker at server.go:629).
//   - The heartbeat runs every 10 s (server_options.go:51) on a connection
//     of its own, which a 350 s NAT therefore never forgets.
//   - The default dialer is a zero net.Dialer
//     (x/mongo/driver/topology/connection_options.go:40 and 82-86): Go's TCP
//     keepalive, 15 s idle, which keeps a flow through a NAT whose timer
//     probes reset (not visible to the relay, which counts payload only).
//   - The driver does not check a pooled connection's liveness before use:
//     connectionPerished looks only at closed, idle-expired and stale
//     (pool.go:168-190).

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/bsonx/bsoncore"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/wiremessage"

	"github.com/keepalivelint/keepalivelint/internal/natsim"
)

const (
	// mongoRelayTimeout is 350 s scaled down; mongoHeartbeat is the
	// driver's 10 s heartbeat scaled down with it (to its 500 ms floor,
	// x/mongo/driver/topology/server.go:30), so that the monitoring
	// connection, which goes through the relay too, is never idle long
	// enough to be forgotten, as in production.
	mongoRelayTimeout = 2 * time.Second
	mongoHeartbeat    = 500 * time.Millisecond
	mongoIdleTime     = 300 * time.Millisecond // the fix: below the NAT's timeout
)

// mongoServer answers the commands the driver sends for a connection, a
// heartbeat and InsertOne: the legacy OP_QUERY isMaster of the handshake,
// and hello, isMaster, ping, insert and endSessions over OP_MSG. It
// pretends to be a MongoDB 7.0 server (maxWireVersion 21), standalone or,
// with setName, a replica set's primary. Unknown commands are logged and
// answered with CommandNotFound.
type mongoServer struct {
	t       *testing.T
	setName string // "" for a standalone server
	ln      net.Listener
	mu      sync.Mutex
	ins     []string // x of every inserted document, in order
	txns    []int64  // txnNumber of every insert command (0: none), in order
	cmds    map[string]int
}

func startMongoServer(t *testing.T, setName string) *mongoServer {
	t.Helper()
	s := &mongoServer{t: t, setName: setName, cmds: map[string]int{}}
	s.ln = serveLoopback(t, s.serve)
	return s
}

func (s *mongoServer) inserts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ins...)
}

func (s *mongoServer) txnNumbers() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.txns...)
}

func (s *mongoServer) commands() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.cmds)
}

func (s *mongoServer) hello(connID int32) bson.D {
	d := bson.D{
		{Key: "helloOk", Value: true},
		{Key: "ismaster", Value: true},
		{Key: "isWritablePrimary", Value: true},
		{Key: "maxBsonObjectSize", Value: int32(16 * 1024 * 1024)},
		{Key: "maxMessageSizeBytes", Value: int32(48000000)},
		{Key: "maxWriteBatchSize", Value: int32(100000)},
		{Key: "localTime", Value: bson.NewDateTimeFromTime(time.Now())},
		{Key: "logicalSessionTimeoutMinutes", Value: int32(30)},
		{Key: "connectionId", Value: connID},
		{Key: "minWireVersion", Value: int32(0)},
		{Key: "maxWireVersion", Value: int32(21)},
		{Key: "readOnly", Value: false},
	}
	if s.setName != "" {
		d = append(d,
			bson.E{Key: "setName", Value: s.setName},
			bson.E{Key: "setVersion", Value: int32(1)},
			bson.E{Key: "hosts", Value: bson.A{s.ln.Addr().String()}},
			bson.E{Key: "primary", Value: s.ln.Addr().String()},
			bson.E{Key: "electionId", Value: bson.ObjectID{0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1}},
		)
	}
	return append(d, bson.E{Key: "ok", Value: 1.0})
}

// command runs one command and returns the reply document.
func (s *mongoServer) command(connID int32, body bsoncore.Document, seqs map[string][]bsoncore.Document) bson.D {
	elems, err := body.Elements()
	if err != nil || len(elems) == 0 {
		return bson.D{{Key: "ok", Value: 0.0}, {Key: "errmsg", Value: "empty command"}}
	}
	name := elems[0].Key()
	s.mu.Lock()
	s.cmds[name]++
	s.mu.Unlock()
	switch strings.ToLower(name) {
	case "hello", "ismaster":
		return s.hello(connID)
	case "ping", "endsessions":
		return bson.D{{Key: "ok", Value: 1.0}}
	case "insert":
		docs := seqs["documents"]
		if arr, ok := body.Lookup("documents").ArrayOK(); ok {
			vals, _ := arr.Values()
			for _, v := range vals {
				docs = append(docs, v.Document())
			}
		}
		txn, _ := body.Lookup("txnNumber").Int64OK()
		s.mu.Lock()
		s.txns = append(s.txns, txn)
		for _, d := range docs {
			s.ins = append(s.ins, d.Lookup("x").StringValue())
		}
		s.mu.Unlock()
		return bson.D{{Key: "n", Value: int32(len(docs))}, {Key: "ok", Value: 1.0}}
	}
	s.t.Logf("mongoServer: unknown command %q: %v", name, body)
	return bson.D{{Key: "ok", Value: 0.0}, {Key: "errmsg", Value: "no such command: " + name}, {Key: "code", Value: int32(59)}, {Key: "codeName", Value: "CommandNotFound"}}
}

func (s *mongoServer) serve(c net.Conn, connID int32) {
	for {
		var lenBuf [4]byte
		if _, err := io.ReadFull(c, lenBuf[:]); err != nil {
			return
		}
		n := int32(binary.LittleEndian.Uint32(lenBuf[:]))
		if n < 16 || n > 48000000 {
			s.t.Logf("mongoServer: bad message length %d", n)
			return
		}
		wm := make([]byte, n)
		copy(wm, lenBuf[:])
		if _, err := io.ReadFull(c, wm[4:]); err != nil {
			return
		}
		_, reqID, _, opcode, rem, _ := wiremessage.ReadHeader(wm)
		var reply []byte
		switch opcode {
		case wiremessage.OpQuery: // the handshake's legacy isMaster
			_, rem, _ = wiremessage.ReadQueryFlags(rem)
			_, rem, _ = wiremessage.ReadQueryFullCollectionName(rem)
			_, rem, _ = wiremessage.ReadQueryNumberToSkip(rem)
			_, rem, _ = wiremessage.ReadQueryNumberToReturn(rem)
			query, _, ok := wiremessage.ReadQueryQuery(rem)
			if !ok {
				s.t.Logf("mongoServer: bad OP_QUERY")
				return
			}
			doc, _ := bson.Marshal(s.command(connID, query, nil))
			idx, dst := wiremessage.AppendHeaderStart(nil, wiremessage.NextRequestID(), reqID, wiremessage.OpReply)
			dst = wiremessage.AppendReplyFlags(dst, 0)
			dst = wiremessage.AppendReplyCursorID(dst, 0)
			dst = wiremessage.AppendReplyStartingFrom(dst, 0)
			dst = wiremessage.AppendReplyNumberReturned(dst, 1)
			dst = append(dst, doc...)
			reply = bsoncore.UpdateLength(dst, idx, int32(len(dst[idx:])))
		case wiremessage.OpMsg:
			flags, rem, _ := wiremessage.ReadMsgFlags(rem)
			if flags&wiremessage.ChecksumPresent != 0 {
				rem = rem[:len(rem)-4]
			}
			var body bsoncore.Document
			seqs := map[string][]bsoncore.Document{}
			for len(rem) > 0 {
				var st wiremessage.SectionType
				var ok bool
				st, rem, ok = wiremessage.ReadMsgSectionType(rem)
				if !ok {
					return
				}
				switch st {
				case wiremessage.SingleDocument:
					body, rem, ok = wiremessage.ReadMsgSectionSingleDocument(rem)
				case wiremessage.DocumentSequence:
					var id string
					var docs []bsoncore.Document
					id, docs, rem, ok = wiremessage.ReadMsgSectionDocumentSequence(rem)
					seqs[id] = docs
				}
				if !ok {
					s.t.Logf("mongoServer: bad OP_MSG section")
					return
				}
			}
			doc, _ := bson.Marshal(s.command(connID, body, seqs))
			idx, dst := wiremessage.AppendHeaderStart(nil, wiremessage.NextRequestID(), reqID, wiremessage.OpMsg)
			dst = wiremessage.AppendMsgFlags(dst, 0)
			dst = wiremessage.AppendMsgSectionType(dst, wiremessage.SingleDocument)
			dst = append(dst, doc...)
			reply = bsoncore.UpdateLength(dst, idx, int32(len(dst[idx:])))
		default:
			s.t.Logf("mongoServer: unsupported opcode %v", opcode)
			return
		}
		if _, err := c.Write(reply); err != nil {
			return
		}
	}
}

// newMongo starts a server (a replica set's primary when setName is not
// empty), a relay to it, and a client through the relay with the URI
// options query added, and disconnects the client when the test ends.
func newMongo(t *testing.T, setName, query string) (*mongoServer, *natsim.Relay, *mongo.Collection) {
	t.Helper()
	srv := startMongoServer(t, setName)
	relay := startRelay(t, srv.ln.Addr().String(), mongoRelayTimeout)
	return srv, relay, connectMongo(t, relay.Addr(), query)
}

// connectMongo connects a client to addr (host:port) with the URI options
// query added, and disconnects it when the test ends.
func connectMongo(t *testing.T, addr, query string) *mongo.Collection {
	t.Helper()
	uri := fmt.Sprintf("mongodb://%s/?directConnection=true&heartbeatFrequencyMS=%d&serverSelectionTimeoutMS=10000%s",
		addr, mongoHeartbeat.Milliseconds(), query)
	c, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Disconnect(ctx); err != nil {
			t.Errorf("Disconnect: %v", err)
		}
	})
	return c.Database("app").Collection("payments")
}

func mongoInsert(coll *mongo.Collection, x string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := coll.InsertOne(ctx, bson.D{{Key: "x", Value: x}})
	return err
}

// poolFlowIdle leaves the pool idle until the relay has forgotten exactly
// one flow, the pooled connection's: the monitoring connection's heartbeat
// keeps its own flow active.
func poolFlowIdle(t *testing.T, relay *natsim.Relay) {
	t.Helper()
	idleUntilForgotten(t, relay, 1)
	if s := relay.Stats(); s.FlowsForgotten != 1 {
		t.Fatalf("want only the pooled connection's flow forgotten: %+v", s)
	}
}

// wantMongoReset asserts that err is the driver's error for an insert
// written on a flow the relay had forgotten.
func wantMongoReset(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the insert after idle succeeded; want connection reset by peer")
	}
	t.Logf("insert after idle: %v", err)
	if !mongo.IsNetworkError(err) {
		t.Errorf("not a network error: %#v", err)
	}
	if !errors.Is(err, syscall.ECONNRESET) || !strings.Contains(err.Error(), "incomplete read of message header") || !strings.HasSuffix(err.Error(), ": read: connection reset by peer") {
		t.Errorf("error %q, want \"... incomplete read of message header: read tcp ...: read: connection reset by peer\"", err)
	}
}

func TestMongo(t *testing.T) {
	t.Parallel()
	// Defaults against a replica set (what MongoDB Atlas and most
	// production deployments are): the insert is written on the forgotten
	// flow and gets the RST; the driver closes the connection, clears the
	// pool, and retries the insert once on a new connection (retryable
	// writes, on by default), with the same lsid and txnNumber, so a server
	// that had applied it would not apply it twice.
	t.Run("defaults+replica set/heals", func(t *testing.T) {
		t.Parallel()
		srv, relay, coll := newMongo(t, "rs0", "")
		if err := mongoInsert(coll, "p1"); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		poolFlowIdle(t, relay)
		start := time.Now()
		if err := mongoInsert(coll, "p2"); err != nil {
			t.Fatalf("insert after idle: %v", err)
		}
		t.Logf("insert after idle took %v (the retry waits for a heartbeat after the pool was cleared)", time.Since(start).Round(10*time.Millisecond))
		if s := relay.Stats(); s.ResetsSent != 1 {
			t.Errorf("want the first attempt reset: %+v", s)
		}
		if got := fmt.Sprint(srv.inserts()); got != "[p1 p2]" {
			t.Errorf("server saw %s, want [p1 p2]", got)
		}
		// Both inserts are retryable writes: they carry a txnNumber.
		if txns := srv.txnNumbers(); len(txns) != 2 || txns[0] == 0 || txns[1] == 0 {
			t.Errorf("txnNumbers %v, want two non-zero", txns)
		}
		t.Logf("server commands: %s", srv.commands())
	})

	// A standalone server does not support retryable writes (the driver
	// retries only when the server reports logicalSessionTimeoutMinutes and
	// is not standalone), so the insert fails.
	t.Run("defaults+standalone/fails", func(t *testing.T) {
		t.Parallel()
		srv, relay, coll := newMongo(t, "", "")
		if err := mongoInsert(coll, "p1"); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		poolFlowIdle(t, relay)
		wantMongoReset(t, mongoInsert(coll, "p2"))
		if got := fmt.Sprint(srv.inserts()); got != "[p1]" {
			t.Errorf("server saw %s, want [p1]", got)
		}
		if txns := srv.txnNumbers(); fmt.Sprint(txns) != "[0]" {
			t.Errorf("txnNumbers %v, want [0]: no retryable write on a standalone", txns)
		}
	})

	// retryWrites=false against a replica set: fails the same way.
	t.Run("retryWrites=false/fails", func(t *testing.T) {
		t.Parallel()
		srv, relay, coll := newMongo(t, "rs0", "&retryWrites=false")
		if err := mongoInsert(coll, "p1"); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		poolFlowIdle(t, relay)
		wantMongoReset(t, mongoInsert(coll, "p2"))
		if got := fmt.Sprint(srv.inserts()); got != "[p1]" {
			t.Errorf("server saw %s, want [p1]", got)
		}
	})

	// maxIdleTimeMS below the NAT's timeout, against a standalone server
	// (no retry to mask it): checkOut finds the pooled connection perished,
	// closes it and opens a new one; the insert succeeds with no reset.
	t.Run("maxIdleTimeMS+standalone/heals", func(t *testing.T) {
		t.Parallel()
		srv, relay, coll := newMongo(t, "", fmt.Sprintf("&maxIdleTimeMS=%d", mongoIdleTime.Milliseconds()))
		if err := mongoInsert(coll, "p1"); err != nil {
			t.Fatalf("first insert: %v", err)
		}
		time.Sleep(mongoRelayTimeout + mongoRelayTimeout/4)
		if err := mongoInsert(coll, "p2"); err != nil {
			t.Fatalf("insert after idle: %v", err)
		}
		if s := relay.Stats(); s.ResetsSent != 0 {
			t.Errorf("want no reset: %+v", s)
		}
		if got := fmt.Sprint(srv.inserts()); got != "[p1 p2]" {
			t.Errorf("server saw %s, want [p1 p2]", got)
		}
	})
}

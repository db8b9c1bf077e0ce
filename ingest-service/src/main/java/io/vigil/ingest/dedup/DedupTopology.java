package io.vigil.ingest.dedup;

import io.vigil.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The de-duplication topology. Candidates on {@link #CANDIDATES_TOPIC} are keyed by the event's stable id, so every
 * copy of one source event lands on the same partition and so in the same task, whichever instance owns it. The
 * task's windowed store {@value #STORE} remembers each id for the window; the first copy goes on to
 * {@link Topics#EVENTS} keyed by account id (from the {@value #ACCOUNT_HEADER} header), later copies within the
 * window are dropped. The store is backed by a changelog topic, so a restarted or moved task restores it; with
 * {@code exactly_once_v2} the output, the store update and the input offset commit are one transaction.
 */
public final class DedupTopology {

    /** The topic ingest publishes candidate events to, keyed by event id. Ingest-internal. */
    public static final String CANDIDATES_TOPIC = "vigil.ingest.candidates.v1";
    /** The header carrying the account id, the key of the event on {@link Topics#EVENTS}. */
    public static final String ACCOUNT_HEADER = "vigil-account-id";
    /** The windowed store of seen event ids; named so its changelog topic never changes. */
    public static final String STORE = "ingest-dedup-seen";

    private static final String SOURCE = "candidates";
    private static final String PROCESSOR = "dedup";
    private static final String SINK = "events";

    private DedupTopology() {
    }

    /**
     * @param window how long an id is remembered
     * @param duplicates called with the id of each dropped copy (for metrics and logs)
     */
    public static Topology build(Duration window, DuplicateListener duplicates) {
        return build(CANDIDATES_TOPIC, Topics.EVENTS, window, duplicates);
    }

    /** The topology over other topics (tests). */
    public static Topology build(String candidatesTopic, String eventsTopic, Duration window,
            DuplicateListener duplicates) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                candidatesTopic);
        topology.addProcessor(PROCESSOR, () -> new DedupProcessor(window, duplicates), SOURCE);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, window, window, false), Serdes.String(), Serdes.Long()),
                PROCESSOR);
        topology.addSink(SINK, eventsTopic, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        return topology;
    }

    /** Told about each dropped duplicate. */
    @FunctionalInterface
    public interface DuplicateListener {
        void duplicate(String eventId);
    }

    /** Forwards the first copy of each id within the window. */
    private static final class DedupProcessor implements Processor<String, byte[], String, byte[]> {

        private final Duration window;
        private final DuplicateListener duplicates;
        private ProcessorContext<String, byte[]> context;
        private WindowStore<String, Long> seen;

        DedupProcessor(Duration window, DuplicateListener duplicates) {
            this.window = window;
            this.duplicates = duplicates;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.seen = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> candidate) {
            String id = candidate.key();
            long time = candidate.timestamp();
            try (WindowStoreIterator<Long> earlier = seen.fetch(id, time - window.toMillis(),
                    time + window.toMillis())) {
                if (earlier.hasNext()) {
                    duplicates.duplicate(id);
                    return;
                }
            }
            seen.put(id, time, time);
            Header account = candidate.headers().lastHeader(ACCOUNT_HEADER);
            String accountId = account == null ? id : new String(account.value(), StandardCharsets.UTF_8);
            candidate.headers().remove(ACCOUNT_HEADER);
            context.forward(candidate.withKey(accountId));
        }
    }
}

package dev.pdm.iiot.localstack.support;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The task of {@link CountingSourceConnector}: writes records in batches of 100, then idles. */
public final class CountingSourceTask extends SourceTask {

    static final Map<String, String> PARTITION = Map.of("source", "counter");
    static final String POSITION = "position";
    private static final int BATCH = 100;

    private String topic;
    private long count;
    private long intervalMs;
    private long next;
    private boolean first = true;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public void start(final Map<String, String> props) {
        final var config = CountingSourceConnector.CONFIG.parse(props);
        topic = (String) config.get(CountingSourceConnector.TOPIC);
        count = (Long) config.get(CountingSourceConnector.COUNT);
        intervalMs = (Long) config.get(CountingSourceConnector.INTERVAL_MS);
        final Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
        next = offset == null ? 0 : ((Number) offset.get(POSITION)).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (next >= count) {
            // Done: idle until stopped, without spinning the worker's poll loop.
            stopped.await(100, TimeUnit.MILLISECONDS);
            return null;
        }
        if (!first && intervalMs > 0 && stopped.await(intervalMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        first = false;
        final List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < BATCH && next < count; i++, next++) {
            records.add(new SourceRecord(PARTITION, Map.of(POSITION, next), topic, null,
                    Schema.STRING_SCHEMA, "key-" + next,
                    Schema.BYTES_SCHEMA, ("value-" + next).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public String version() {
        return "test";
    }
}

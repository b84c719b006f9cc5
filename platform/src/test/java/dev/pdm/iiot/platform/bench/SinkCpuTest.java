package dev.pdm.iiot.platform.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SinkCpuTest {

    @Test
    void countsTheJdbcSinksConnectionPoolThreadsToTheWorker() {
        assertThat(SinkCpu.isConnectionPoolThread(
                "C3P0PooledConnectionPoolManager[identityToken->2s8fvdbc1]-HelperThread-#0")).isTrue();
        assertThat(SinkCpu.isConnectionPoolThread("com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread-#1"))
                .isTrue();
        assertThat(SinkCpu.isConnectionPoolThread("task-thread-history-minutes-0")).isFalse();
    }

    @Test
    void tellsTheGarbageCollectorsThreadsAsProcNamesThem() {
        assertThat(SinkCpu.isGcThread("GC Thread#1")).isTrue();
        assertThat(SinkCpu.isGcThread("G1 Conc#0")).isTrue();
        assertThat(SinkCpu.isGcThread("C2 CompilerThre")).isFalse();
    }
}

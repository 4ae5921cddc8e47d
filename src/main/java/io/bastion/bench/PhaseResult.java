package io.bastion.bench;

/** What one phase measured. */
record PhaseResult(String label, String description, LoadRun.Outcome outcome, Resources.Snapshot used,
                   double transfersPerBatch) {

    double transfersPerSecond() {
        return outcome.transfers() * 1e9 / outcome.nanos();
    }

    double cpuMicrosPerTransfer() {
        return outcome.transfers() == 0 ? Double.NaN
                : (used.jvmCpuNanos() + used.postgresCpuNanos()) / 1e3 / outcome.transfers();
    }

    double jvmCpuMicrosPerTransfer() {
        return outcome.transfers() == 0 ? Double.NaN : used.jvmCpuNanos() / 1e3 / outcome.transfers();
    }

    double postgresCpuMicrosPerTransfer() {
        return outcome.transfers() == 0 ? Double.NaN : used.postgresCpuNanos() / 1e3 / outcome.transfers();
    }

    double transfersPerWalFlush() {
        return used.walFlushes() == 0 ? Double.NaN : (double) outcome.transfers() / used.walFlushes();
    }

    double walBytesPerTransfer() {
        return outcome.transfers() == 0 ? Double.NaN : (double) used.walBytes() / outcome.transfers();
    }
}

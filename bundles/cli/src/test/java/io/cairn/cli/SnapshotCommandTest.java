package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.cairn.api.snapshot.SnapshotMeta;

class SnapshotCommandTest {

    @Test
    void inspectShowsConsulsFieldsInTwoColumns() {
        assertThat(SnapshotCommand.inspect(new SnapshotMeta("2-5-1477944140022", 667, 5, 2, 1)))
                .isEqualTo(String.join(System.lineSeparator(),
                        " ID           2-5-1477944140022",
                        " Size         667",
                        " Index        5",
                        " Term         2",
                        " Version      1", ""));
    }
}

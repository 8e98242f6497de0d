package dev.berth.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.api.PullProgress;
import org.junit.jupiter.api.Test;

class PullTallyTest {

    @Test
    void layersCountEquallyDownloadThenExtraction() {
        PullTally t = new PullTally();
        assertThat(t.accept(new PullProgress("1", "Pulling from berth/busybox", 0, 0))).isEqualTo(-1);
        assertThat(t.accept(new PullProgress("aaa", "Pulling fs layer", 0, 0))).isEqualTo(-1);
        assertThat(t.accept(new PullProgress("bbb", "Already exists", 0, 0))).as("layers still being announced")
                .isEqualTo(-1);
        assertThat(t.accept(new PullProgress("aaa", "Downloading", 50, 100))).isEqualTo(62);
        assertThat(t.accept(new PullProgress("aaa", "Download complete", 0, 0))).isEqualTo(75);
        assertThat(t.accept(new PullProgress("aaa", "Extracting", 100, 100))).isEqualTo(100);
        assertThat(t.accept(new PullProgress("aaa", "Pull complete", 0, 0))).isEqualTo(-1);
    }

    @Test
    void progressNeverGoesBackAndTheFinalStatusMeansDone() {
        PullTally t = new PullTally();
        t.accept(new PullProgress("aaa", "Downloading", 80, 100));
        assertThat(t.accept(new PullProgress("aaa", "Downloading", 10, 100))).isEqualTo(-1);
        assertThat(t.percent()).isEqualTo(40);
        assertThat(t.accept(new PullProgress("", "Status: Downloaded newer image for x:1", 0, 0))).isEqualTo(100);
    }
}

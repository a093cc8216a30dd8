package dev.gleaner.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IndexStartTest {

    @Test
    void anIndexThatRecordedAPositionTheFeedStillHoldsResumes() {
        IndexStart start = IndexStart.decide(false, OptionalLong.of(40), 50, 40);
        assertThat(start.rebuild()).isFalse();
        assertThat(start.reason()).isEqualTo("resuming after change 40 of 50");
        assertThat(IndexStart.decide(false, OptionalLong.of(0), 0, 0).rebuild()).isFalse();
    }

    @Test
    void anIndexOfAnOlderFormatRebuildsWhateverItsPosition() {
        IndexStart start = IndexStart.decide(true, OptionalLong.of(40), 50, 0);
        assertThat(start.rebuild()).isTrue();
        assertThat(start.reason()).contains("older format");
    }

    @Test
    void anIndexWithoutAPositionRebuilds() {
        assertThat(IndexStart.decide(false, OptionalLong.empty(), 0, 0).rebuild())
                .isTrue();
    }

    @Test
    void anIndexBehindWhatTheFeedPrunedRebuilds() {
        IndexStart start = IndexStart.decide(false, OptionalLong.of(39), 50, 40);
        assertThat(start.rebuild()).isTrue();
        assertThat(start.reason()).isEqualTo("it stopped at change 39 and the store kept changes only after 40");
    }

    @Test
    void anIndexAheadOfTheStoreRebuilds() {
        IndexStart start = IndexStart.decide(false, OptionalLong.of(51), 50, 0);
        assertThat(start.rebuild()).isTrue();
        assertThat(start.reason()).contains("another database");
    }
}

package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonthlyAmountTest {
    @ParameterizedTest(name = "{0} every {2} {1} is {3} a month")
    @CsvSource({
        "9900, month, 1, 9900",
        "30000, month, 3, 10000",
        "120000, year, 1, 10000",
        "240000, year, 2, 10000",
        "1200, week, 1, 5200",
        "1000, week, 2, 2167",
        "100, day, 1, 3042",
        "2.5, month, 1, 3"
    })
    void normalisedToAMonth(String amount, String interval, int count, long monthly) {
        assertThat(MonthlyAmount.of(new BigDecimal(amount), interval, count)
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact())
                .isEqualTo(monthly);
    }

    @ParameterizedTest(name = "interval {0} every {1} is invalid")
    @CsvSource({"fortnight, 1", "month, 0"})
    void unknownIntervalsAreInvalid(String interval, int count) {
        assertThatThrownBy(() -> MonthlyAmount.of(BigDecimal.TEN, interval, count))
                .isInstanceOf(InvalidPayloadException.class);
    }
}

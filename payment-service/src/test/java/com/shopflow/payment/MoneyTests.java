package com.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void convertsDecimalAmountsToMinorUnitsOfTheCurrency() {
        assertThat(Money.ofMajor(new BigDecimal("12.50"), "EUR")).isEqualTo(new Money(1250, "EUR"));
        assertThat(Money.ofMajor(new BigDecimal("12.5"), "EUR")).isEqualTo(new Money(1250, "EUR"));
        assertThat(Money.ofMajor(new BigDecimal("1200"), "JPY")).isEqualTo(new Money(1200, "JPY"));
        assertThat(Money.ofMajor(new BigDecimal("1.234"), "KWD")).isEqualTo(new Money(1234, "KWD"));
    }

    @Test
    void rejectsMoreFractionDigitsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("12.505"), "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR has at most 2");
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1.5"), "JPY"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void showsMinorUnitsAsDecimal() {
        assertThat(new Money(1250, "EUR").toMajor()).isEqualByComparingTo("12.50");
        assertThat(new Money(1250, "EUR").toMajor().toPlainString()).isEqualTo("12.50");
        assertThat(new Money(5, "EUR")).hasToString("0.05 EUR");
    }
}

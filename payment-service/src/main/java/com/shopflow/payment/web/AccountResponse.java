package com.shopflow.payment.web;

import java.math.BigDecimal;

import com.shopflow.payment.Account;

/** A customer's account as the REST API shows it: decimal amounts in the account currency. */
public record AccountResponse(String customerId, BigDecimal creditLimit, BigDecimal available, String currency) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.customerId(), account.creditLimit().toMajor(),
                account.available().toMajor(), account.currency());
    }
}

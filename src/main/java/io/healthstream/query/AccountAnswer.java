package io.healthstream.query;

/** The answer to "how is this account?": found here, unknown, or the owning instance's own answer. */
public sealed interface AccountAnswer {
    /** The account, held by this instance. */
    record Found(AccountView account) implements AccountAnswer {}

    /** No instance holds the account. */
    record Unknown(String accountId) implements AccountAnswer {}

    /** Another instance owns the account; its answer, passed on as it came. */
    record Forwarded(Instances.Answer answer) implements AccountAnswer {}
}

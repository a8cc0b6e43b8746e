package io.healthstream.scoring;

/** Support ticket life-cycle steps (mirrors the SupportTicketEvent contract's status). */
public enum TicketStage {
    OPENED,
    ESCALATED,
    RESOLVED,
    REOPENED
}

// Name: fragments/judgement-fields — what a judgement answers (the snapshot bookkeeping of a merge stays inside).
j {.key, .verdict, .entity, .other, .name, .reason, .by, .at, .status, .merged, .source, .locator, .firstSeen,
   .occurrences, .withdrawnAt, .withdrawnBy, .withdrawalReason, .supersededBy}

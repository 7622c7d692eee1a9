// Name: curation/record-judgement — a negative ("not the same") or unsure judgement about a pair of entity keys,
// with who, when and why. Active until withdrawn or superseded by a later judgement of the pair.
CREATE (j:Judgement {key: $key, verdict: $verdict, pair: $pair, entity: $entity, other: $other, reason: $reason,
  by: $principal, at: $at, status: 'active', merged: false})
RETURN
// @include judgement-fields
AS judgement

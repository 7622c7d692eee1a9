// Name: assertions/of-entities — the facts a batch of entities takes part in, by role and kind (DataLoader), with
// their sources when the selection asks for them; $facts holds one request (see fragments/facts-of-entity).
UNWIND $keys AS k
MATCH (e:Entity {key: k})
// @include facts-of-entity
RETURN k AS key, facts[0] AS facts

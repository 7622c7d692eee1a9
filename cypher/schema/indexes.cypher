// Name: schema/indexes — every index of the graph by name and state (a uniqueness constraint's index bears the
// constraint's name). With schema/constraint-names, what lets a start skip the schema statements already done
// (src/repositories/schema.ts).
SHOW INDEXES YIELD name, state
RETURN name, state

// Name: schema/constraint-names — every constraint of the graph by name (see schema/indexes).
SHOW CONSTRAINTS YIELD name
RETURN name

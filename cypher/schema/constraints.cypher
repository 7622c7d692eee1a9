// Name: schema/constraints — applied at start-up (after the migrations), by `npm run migrate` and `npm run db:seed`;
// every statement is idempotent. An index whose definition changes needs a migration that drops it (IF NOT EXISTS
// keeps an existing one as it is): cypher/migrations/0001-unit-price-property-names.cypher.
CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT assertion_key IF NOT EXISTS FOR (a:Assertion) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT source_key IF NOT EXISTS FOR (s:Source) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT redirect_key IF NOT EXISTS FOR (r:Redirect) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT source_text_key IF NOT EXISTS FOR (t:SourceText) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT curator_key IF NOT EXISTS FOR (c:Curator) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT rule_key IF NOT EXISTS FOR (r:Rule) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT judgement_key IF NOT EXISTS FOR (j:Judgement) REQUIRE j.key IS UNIQUE;
// One lock node per pair of entity keys that a merge, un-merge or judgement touched (curation/lock-entity-pair).
CREATE CONSTRAINT entity_pair_key IF NOT EXISTS FOR (p:EntityPair) REQUIRE p.key IS UNIQUE;
// The change log (cypher/changes/record): one numbered entry per change (the feed reads `seq` ranges from this
// constraint's range index), one counter node.
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE;
CREATE CONSTRAINT change_counter_id IF NOT EXISTS FOR (c:ChangeCounter) REQUIRE c.id IS UNIQUE;
CREATE INDEX entity_kind_name IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.name, e.key);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name, e.key);
CREATE INDEX entity_aliases IF NOT EXISTS FOR (e:Entity) ON (e.aliasKeys);
CREATE INDEX entity_wikidata IF NOT EXISTS FOR (e:Entity) ON (e.wikidata);
CREATE INDEX judgement_pair IF NOT EXISTS FOR (j:Judgement) ON (j.pair);
CREATE INDEX judgement_entity IF NOT EXISTS FOR (j:Judgement) ON (j.entity);
CREATE INDEX judgement_other IF NOT EXISTS FOR (j:Judgement) ON (j.other);
CREATE INDEX judgement_at IF NOT EXISTS FOR (j:Judgement) ON (j.at, j.key);
CREATE INDEX assertion_kind IF NOT EXISTS FOR (a:Assertion) ON (a.kind, a.key);
CREATE INDEX assertion_metric IF NOT EXISTS FOR (a:Assertion) ON (a.metric, a.periodYear);
CREATE INDEX assertion_metric_kind IF NOT EXISTS FOR (a:Assertion) ON (a.metric, a.kind, a.rank);
// Statement groups (ranks and conflicts): best-rank refreshes seek a group's facts; `conflicts` reads only the
// contested ones, in group order.
CREATE INDEX assertion_statement_group IF NOT EXISTS FOR (a:Assertion) ON (a.statementGroup);
CREATE INDEX assertion_contested IF NOT EXISTS FOR (a:Assertion) ON (a.contested, a.statementGroup);
// Only outranked facts hold `outranked`, so best-rank counts subtract them instead of reading every fact's flag.
CREATE INDEX assertion_outranked IF NOT EXISTS FOR (a:Assertion) ON (a.outranked);
CREATE INDEX source_title IF NOT EXISTS FOR (s:Source) ON (s.title, s.key);
// A URL names one source. The constraint replaces the plain index of earlier versions (drop first: same property).
DROP INDEX source_url IF EXISTS;
CREATE CONSTRAINT source_url_unique IF NOT EXISTS FOR (s:Source) REQUIRE s.url IS UNIQUE;
CREATE INDEX source_hash IF NOT EXISTS FOR (s:Source) ON (s.contentHash);
CREATE FULLTEXT INDEX search_text IF NOT EXISTS
FOR (n:Entity|Assertion) ON EACH [n.name, n.aliases, n.text, n.summary];
// What `search` reads: the English analyzer (stemming: centres → centr, billions → billion; English stop words) over
// everything a reader may remember of an entity or a fact — names, aliases, descriptions, summaries, quote and claim
// text, the source's own words for amounts ("50 billion yuan") and attributions — and, in the second index, the
// verbatim snippets on SUPPORTED_BY. search_text (standard analyzer) stays for key suggestions.
CREATE FULLTEXT INDEX search_en IF NOT EXISTS
FOR (n:Entity|Assertion) ON EACH [n.name, n.aliases, n.description, n.text, n.summary, n.amountAsReported,
  n.conversionAsReported, n.unitPriceAsReported, n.changeAsReported, n.quantityAsReported, n.attribution]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX snippet_en IF NOT EXISTS
FOR ()-[r:SUPPORTED_BY]-() ON EACH [r.snippet]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CALL db.awaitIndexes(300)

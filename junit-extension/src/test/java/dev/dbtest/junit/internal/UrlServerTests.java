package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name of a user's template on a {@code dbtest.url} server (the end-to-end case is in KeepOnFailureTests). */
class UrlServerTests {

    @Test
    void eachUserGetsATemplateOfTheirOwnNamedAsRunDatabasesKnowsItsTemplates() {
        String schema = "dbtest_26e97fbb38def7bf";
        String postgres = UrlServer.templateOf(schema, "postgres");
        String other = UrlServer.templateOf(schema, "dbtest_seed_owner");
        assertThat(postgres).isNotEqualTo(other).isEqualTo(UrlServer.templateOf(schema, "postgres"))
                .isNotEqualTo(UrlServer.templateOf("dbtest_26e97fbb38def7b0", "postgres"));
        assertThat(java.util.List.of(postgres, other)).allMatch(name -> name.matches("dbtest_[0-9a-f]{16}"))
                .allMatch(name -> (name + "_run_0000abcd").matches("dbtest_[0-9a-f]{16}_(?:run|building)_([0-9a-f]{8})"));
    }
}

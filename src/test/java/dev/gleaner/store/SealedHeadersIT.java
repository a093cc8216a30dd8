package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.CrawlHeaders;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.RenderMode;
import dev.gleaner.secrets.SecretBox;
import dev.gleaner.secrets.SecretsKey;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A crawl's headers in {@code jobs.spec}: sealed at rest, opened by a process with the key, refused without it. */
class SealedHeadersIT extends DatabaseTest {
    private static final String TOKEN = "Bearer s3cr3t-token-4f1c9a";
    private static final String COOKIE = "session=c00kie-value-77aa";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theSpecColumnHoldsNoHeaderValueInClearAndReadsBackWhole(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);

        CrawlJob job = stores.jobs()
                .create(Fixtures.job(kb, withHeaders(), T0), List.of(Fixtures.url("site-a.test", "/docs/")));

        String raw = rawSpec(stores.database(), job.id());
        assertThat(raw).doesNotContain("s3cr3t").doesNotContain("c00kie").doesNotContain(TOKEN);
        assertThat(raw).contains("\"Authorization\":\"v1." + TestDatabases.SECRETS.keyId() + ".");
        assertThat(stores.jobs()
                        .find(kb.id(), job.id())
                        .orElseThrow()
                        .spec()
                        .headers()
                        .values())
                .isEqualTo(Map.of("Authorization", TOKEN, "Cookie", COOKIE));
        Lease lease =
                stores.frontier().claim("w1", 1, T0, Fixtures.policy(10, 3)).get(0);
        assertThat(lease.spec().headers().values()).containsEntry("Authorization", TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aProcessWithAnotherKeyReadsTheHeadersAsUnreadableNamingTheKeys(Dialect dialect) {
        TestDatabases.Location location = databases.location(dialect);
        Stores stores = Stores.on(databases.open(location));
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = stores.jobs()
                .create(Fixtures.job(kb, withHeaders(), T0), List.of(Fixtures.url("site-a.test", "/docs/")));
        SecretBox other = new SecretBox(SecretsKey.generate(new SecureRandom()), new SecureRandom());

        try (Database elsewhere = location.open(other)) {
            Stores otherProcess = Stores.on(elsewhere);
            CrawlHeaders read = otherProcess
                    .jobs()
                    .find(kb.id(), job.id())
                    .orElseThrow()
                    .spec()
                    .headers();
            Lease lease = otherProcess
                    .frontier()
                    .claim("w2", 1, T0, Fixtures.policy(10, 3))
                    .get(0);

            assertThat(read.values()).isEmpty();
            assertThat(read.unreadable())
                    .contains("this process's --secrets-key is not the one the job's headers were stored with;"
                            + " give every process the same key")
                    .contains(TestDatabases.SECRETS.keyId())
                    .contains(other.keyId());
            assertThat(lease.spec().headers().unreadable()).isEqualTo(read.unreadable());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatabaseWithoutKeyRefusesToStoreHeaders(Dialect dialect) {
        TestDatabases.Location location = databases.location(dialect);
        Stores keyed = Stores.on(databases.open(location));
        Knowledgebase kb = Fixtures.knowledgebase(keyed);
        try (Database keyless = dialect == Dialect.SQLITE
                ? Database.sqlite(java.nio.file.Path.of(location.where()))
                : Database.postgres(location.where())) {
            SqlJobStore jobs = new SqlJobStore(keyless);

            assertThatThrownBy(() -> jobs.create(Fixtures.job(kb, withHeaders(), T0), List.of()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("without a secrets key")
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    private static CrawlSpec withHeaders() {
        CrawlSpec base = Fixtures.spec(10);
        return new CrawlSpec(
                base.mode(),
                base.url(),
                base.limit(),
                base.maxDepth(),
                base.includePaths(),
                base.excludePaths(),
                base.allowSubdomains(),
                base.crawlEntireDomain(),
                base.sitemap(),
                base.ignoreQueryParameters(),
                null,
                null,
                new CrawlHeaders(Map.of("Authorization", TOKEN, "Cookie", COOKIE)),
                RenderMode.AUTO);
    }

    private static String rawSpec(Database database, String jobId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT spec FROM jobs WHERE id = ?")) {
                select.setString(1, jobId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }
}

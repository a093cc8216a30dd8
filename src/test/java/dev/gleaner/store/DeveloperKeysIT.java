package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.KeyCheck;
import dev.gleaner.auth.KeyStore;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The life of a developer key, on both dialects: expiry, revocation, rotation, last use, owners. */
class DeveloperKeysIT extends DatabaseTest {
    private final MutableClock clock = new MutableClock(Fixtures.T0);

    private DeveloperKeys keys(Dialect dialect) {
        return new DeveloperKeys(new SqlKeyStore(databases.fresh(dialect)), clock);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aKeyIsValidUntilItExpires(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);
        DeveloperKeys.IssuedKey issued = keys.create("ci", null, Fixtures.T0.plus(Duration.ofDays(30)));

        assertThat(keys.check(issued.secret())).isInstanceOf(KeyCheck.Valid.class);
        clock.advance(Duration.ofDays(30));

        assertThat(keys.check(issued.secret())).isInstanceOf(KeyCheck.Expired.class);
        assertThat(keys.ownerOf(issued.secret())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aRevokedKeyIsRefusedAndSaysSo(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);
        DeveloperKeys.IssuedKey issued = keys.create("laptop", null);
        DeveloperKeys.IssuedKey other = keys.create("ci", issued.ownerId());

        ApiKey revoked = keys.revoke(issued.ownerId(), issued.id());

        assertThat(revoked.revokedAt()).isEqualTo(Fixtures.T0);
        assertThat(keys.check(issued.secret())).isInstanceOf(KeyCheck.Revoked.class);
        assertThat(keys.check(other.secret())).isInstanceOf(KeyCheck.Valid.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anOwnerCannotRevokeAnotherOwnersKey(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);
        DeveloperKeys.IssuedKey mine = keys.create("mine", null);
        DeveloperKeys.IssuedKey theirs = keys.create("theirs", null);

        assertThatThrownBy(() -> keys.revoke(mine.ownerId(), theirs.id()))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(keys.check(theirs.secret())).isInstanceOf(KeyCheck.Valid.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void rotatingReplacesTheKeyAtOnceOrAfterAGracePeriod(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);
        DeveloperKeys.IssuedKey first = keys.create("deploy", null);

        DeveloperKeys.IssuedKey second = keys.rotate(null, first.id(), Duration.ZERO);
        assertThat(keys.check(first.secret())).isInstanceOf(KeyCheck.Revoked.class);
        assertThat(second.ownerId()).isEqualTo(first.ownerId());
        assertThat(second.name()).isEqualTo("deploy");

        DeveloperKeys.IssuedKey third = keys.rotate(second.ownerId(), second.id(), Duration.ofHours(1));
        assertThat(keys.check(second.secret())).isInstanceOf(KeyCheck.Valid.class);
        assertThat(keys.check(third.secret())).isInstanceOf(KeyCheck.Valid.class);
        clock.advance(Duration.ofHours(1));
        assertThat(keys.check(second.secret())).isInstanceOf(KeyCheck.Expired.class);
        assertThat(keys.check(third.secret())).isInstanceOf(KeyCheck.Valid.class);

        assertThatThrownBy(() -> keys.rotate(null, first.id(), Duration.ZERO))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void lastUseIsWrittenAtMostOnceAMinute(Dialect dialect) {
        SqlKeyStore store = new SqlKeyStore(databases.fresh(dialect));
        DeveloperKeys keys = new DeveloperKeys(store, clock);
        DeveloperKeys.IssuedKey issued = keys.create("ci", null);
        assertThat(store.find(issued.id()).orElseThrow().lastUsedAt()).isNull();

        keys.check(issued.secret());
        assertThat(store.find(issued.id()).orElseThrow().lastUsedAt()).isEqualTo(Fixtures.T0);
        clock.advance(Duration.ofSeconds(59));
        keys.check(issued.secret());
        assertThat(store.find(issued.id()).orElseThrow().lastUsedAt()).isEqualTo(Fixtures.T0);
        clock.advance(Duration.ofSeconds(1));
        keys.check(issued.secret());

        assertThat(store.find(issued.id()).orElseThrow().lastUsedAt()).isEqualTo(Fixtures.T0.plusSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aKeyForAnUnknownOwnerIsRefusedAndNothingIsStored(Dialect dialect) {
        SqlKeyStore store = new SqlKeyStore(databases.fresh(dialect));
        DeveloperKeys keys = new DeveloperKeys(store, clock);

        assertThatThrownBy(() -> keys.create("x", "owner_doesnotexist"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("owner_doesnotexist");
                });
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anOwnerIdChosenByTheCallerGetsItsFirstKeyOnlyOnce(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);

        DeveloperKeys.IssuedKey issued = keys.createForNewOwner("restored", "owner_restored");

        assertThat(keys.ownerOf(issued.secret())).contains("owner_restored");
        assertThatThrownBy(() -> keys.createForNewOwner("again", "owner_restored"))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(keys.create("second", "owner_restored").ownerId()).isEqualTo("owner_restored");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anExpiryInThePastIsRefused(Dialect dialect) {
        DeveloperKeys keys = keys(dialect);

        assertThatThrownBy(() -> keys.create("x", null, Fixtures.T0.minusSeconds(1)))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.details()).containsKey("expiresAt"));
        assertThat(keys.anyExist()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void listsKeysByOwnerAndOwnersWithTheirCounts(Dialect dialect) {
        Stores stores = fresh(dialect);
        DeveloperKeys keys = new DeveloperKeys(stores.keys(), clock);
        DeveloperKeys.IssuedKey a1 = keys.create("a1", null);
        clock.advance(Duration.ofSeconds(1));
        DeveloperKeys.IssuedKey a2 = keys.create("a2", a1.ownerId(), Fixtures.T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(1));
        DeveloperKeys.IssuedKey b1 = keys.create("b1", null);
        keys.revoke(null, b1.id());
        Fixtures.project(stores, a1.ownerId(), Fixtures.T0);
        clock.advance(Duration.ofSeconds(10));

        assertThat(keys.list(a1.ownerId())).extracting(ApiKey::id).containsExactly(a1.id(), a2.id());
        assertThat(keys.list(null)).extracting(ApiKey::id).containsExactly(a1.id(), a2.id(), b1.id());
        List<KeyStore.Owner> owners = keys.owners();
        assertThat(owners)
                .containsExactly(
                        new KeyStore.Owner(a1.ownerId(), 1, 2, 1, Fixtures.T0),
                        new KeyStore.Owner(b1.ownerId(), 0, 1, 0, Fixtures.T0.plusSeconds(2)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aKeyRevokedThroughOneProcessIsRefusedByAnother(Dialect dialect) {
        Database server = databases.fresh(dialect);
        DeveloperKeys onServer = new DeveloperKeys(new SqlKeyStore(server), clock);
        DeveloperKeys onCli = new DeveloperKeys(new SqlKeyStore(databases.sibling(server)), clock);
        DeveloperKeys.IssuedKey issued = onServer.create("ci", null);
        assertThat(onServer.check(issued.secret())).isInstanceOf(KeyCheck.Valid.class);

        onCli.revoke(null, issued.id());

        assertThat(onServer.check(issued.secret())).isInstanceOf(KeyCheck.Revoked.class);
    }
}
